package io.serspark.protocols;

import io.serspark.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The corpus's own split (the {@code split} column): train on the {@code train} splits, test on the
 * {@code test} split. Utterances of other splits (e.g. a development set) or without a split are
 * not used. The official split is checked like any other: a corpus whose official split shares
 * speakers fails, it is not silently accepted.
 */
public final class OfficialSplit implements Protocol {
  private final Set<String> trainSplits;
  private final String testSplit;

  public OfficialSplit(Set<String> trainSplits, String testSplit) {
    this.trainSplits = Set.copyOf(trainSplits);
    this.testSplit = testSplit;
  }

  public static OfficialSplit standard() {
    return new OfficialSplit(Set.of("train"), "test");
  }

  @Override
  public String name() {
    return "official";
  }

  @Override
  public List<Fold> folds(List<SplitItem> items) {
    List<Integer> tr = new ArrayList<>(), te = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String s = items.get(i).split();
      if (s == null) continue;
      if (trainSplits.contains(s)) tr.add(i);
      else if (s.equals(testSplit)) te.add(i);
    }
    if (tr.isEmpty() || te.isEmpty()) {
      throw new ConfigException(
          "--protocol official: no utterances with split "
              + (tr.isEmpty() ? trainSplits : testSplit)
              + " (this corpus has no official split; use loso or speaker-kfold:K)");
    }
    return List.of(
        Protocol.checkSpeakerDisjoint(
            items, new Fold("official", Speakers.sorted(tr), Speakers.sorted(te))));
  }
}
