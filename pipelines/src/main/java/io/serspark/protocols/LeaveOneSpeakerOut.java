package io.serspark.protocols;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One fold per speaker: test = that speaker's utterances, train = everyone else's. Folds in speaker
 * order.
 */
public final class LeaveOneSpeakerOut implements Protocol {
  @Override
  public String name() {
    return "loso";
  }

  @Override
  public List<Fold> folds(List<SplitItem> items) {
    Map<String, List<Integer>> bySpeaker = Speakers.group(items);
    Speakers.requireTwo(
        bySpeaker,
        "--protocol loso",
        "add speakers (or corpora), or check --labels and the feature table");
    List<Fold> folds = new ArrayList<>();
    for (String speaker : bySpeaker.keySet()) {
      folds.add(
          Protocol.checkSpeakerDisjoint(
              items, Speakers.split(items, bySpeaker, List.of(speaker), speaker)));
    }
    return folds;
  }
}
