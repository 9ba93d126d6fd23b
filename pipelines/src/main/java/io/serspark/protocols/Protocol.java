package io.serspark.protocols;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A speaker-independent evaluation protocol: turns utterances into train/test folds.
 * Implementations are pure (no Spark); every fold they return has passed {@link
 * #checkSpeakerDisjoint}.
 */
public interface Protocol {
  /** A short name for reports and file names, e.g. {@code loso}, {@code speaker-kfold:5}. */
  String name();

  /** The folds, each checked to be speaker-disjoint. */
  List<Fold> folds(List<SplitItem> items);

  /**
   * Throws {@link SpeakerLeakException} when a speaker is on both sides of {@code fold}, or when a
   * side is empty. Called on every fold this project evaluates, including inner (validation) folds.
   */
  static Fold checkSpeakerDisjoint(List<SplitItem> items, Fold fold) {
    if (fold.train().length == 0 || fold.test().length == 0) {
      throw new IllegalArgumentException(
          "fold "
              + fold.name()
              + " has an empty "
              + (fold.train().length == 0 ? "training" : "test")
              + " side");
    }
    Set<String> train = new HashSet<>();
    for (int i : fold.train()) train.add(items.get(i).speakerKey());
    Set<String> both = new TreeSet<>();
    for (int i : fold.test()) {
      String s = items.get(i).speakerKey();
      if (train.contains(s)) both.add(s);
    }
    if (!both.isEmpty()) {
      throw new SpeakerLeakException(
          "fold " + fold.name() + " has speaker(s) " + both + " in both train and test");
    }
    return fold;
  }
}
