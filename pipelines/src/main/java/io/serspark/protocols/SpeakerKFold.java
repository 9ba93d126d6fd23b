package io.serspark.protocols;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Speakers shuffled with a seed and dealt into {@code k} groups of (nearly) equal speaker count;
 * fold {@code i} tests on group {@code i}. With k ≥ number of speakers it is leave-one-speaker-out
 * (in shuffled order).
 */
public final class SpeakerKFold implements Protocol {
  private final int k;
  private final long seed;
  private final boolean inner;

  public SpeakerKFold(int k, long seed) {
    this(k, seed, false);
  }

  private SpeakerKFold(int k, long seed, boolean inner) {
    if (k < 2) throw new IllegalArgumentException("speaker k-fold needs k >= 2, got " + k);
    this.k = k;
    this.seed = seed;
    this.inner = inner;
  }

  /** The same folds, for inner validation of a training side (its error message says so). */
  public static SpeakerKFold inner(int k, long seed) {
    return new SpeakerKFold(k, seed, true);
  }

  @Override
  public String name() {
    return "speaker-kfold:" + k;
  }

  @Override
  public List<Fold> folds(List<SplitItem> items) {
    Map<String, List<Integer>> bySpeaker = Speakers.group(items);
    if (inner) {
      Speakers.requireTwo(
          bySpeaker,
          "choosing hyper-parameters by speaker-disjoint inner validation on a training side",
          "give one value per hyper-parameter (train: a one-point --grid such as regParam=0.1; a benchmark spec: "
              + "one value in the classifier's parameters) or use more speakers");
    } else {
      Speakers.requireTwo(
          bySpeaker,
          "--protocol speaker-kfold:" + k,
          "add speakers (or corpora), or check --labels " + "and the feature table");
    }
    List<String> speakers = new ArrayList<>(bySpeaker.keySet());
    Collections.shuffle(speakers, new Random(seed));
    int folds = Math.min(k, speakers.size());
    List<Fold> out = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      List<String> test = new ArrayList<>();
      for (int s = f; s < speakers.size(); s += folds) test.add(speakers.get(s));
      Collections.sort(test);
      out.add(
          Protocol.checkSpeakerDisjoint(
              items, Speakers.split(items, bySpeaker, test, "fold" + (f + 1))));
    }
    return out;
  }
}
