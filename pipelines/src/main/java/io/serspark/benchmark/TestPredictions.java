package io.serspark.benchmark;

import io.serspark.train.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * Every test prediction of a cell, pooled over its folds: utterance, speaker, true and predicted
 * class (indices into the cell's labels). Kept in the cell cache so that two systems can be
 * compared on the same test utterances ({@link PairedComparisons}).
 */
public record TestPredictions(
    List<String> utteranceIds, List<String> speakers, int[] truth, int[] predicted) {
  public TestPredictions {
    if (speakers.size() != utteranceIds.size()
        || truth.length != utteranceIds.size()
        || predicted.length != utteranceIds.size()) {
      throw new IllegalArgumentException(
          "predictions of unequal lengths: "
              + utteranceIds.size()
              + " ids, "
              + speakers.size()
              + " speakers, "
              + truth.length
              + " truths, "
              + predicted.length
              + " predictions");
    }
    utteranceIds = List.copyOf(utteranceIds);
    speakers = List.copyOf(speakers);
  }

  public static TestPredictions of(List<Result.Prediction> predictions) {
    List<String> ids = new ArrayList<>(predictions.size());
    List<String> speakers = new ArrayList<>(predictions.size());
    int[] truth = new int[predictions.size()];
    int[] predicted = new int[predictions.size()];
    for (int i = 0; i < predictions.size(); i++) {
      Result.Prediction p = predictions.get(i);
      ids.add(p.utteranceId());
      speakers.add(p.speaker());
      truth[i] = p.truthClass();
      predicted[i] = p.predictedClass();
    }
    return new TestPredictions(ids, speakers, truth, predicted);
  }

  public int size() {
    return utteranceIds.size();
  }
}
