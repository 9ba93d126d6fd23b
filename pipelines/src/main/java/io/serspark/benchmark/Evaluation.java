package io.serspark.benchmark;

import java.util.List;

/**
 * What evaluating one cell gives: the EMO-SUPERB headline (macro-F1), UAR and WA with
 * speaker-bootstrap CIs, the confusion matrix (rows = true class, columns = predicted, in {@code
 * labels} order), the folds it used and every test prediction ({@code predictions}: null in cache
 * entries written before they were kept), and how many utterances had undefined feature values
 * filled with the training side's mean ({@code undefinedFilled}: null in cache entries written
 * before it was counted).
 */
public record Evaluation(
    Metric macroF1,
    Metric uar,
    Metric wa,
    List<String> labels,
    long[][] confusion,
    long nTrain,
    long nTest,
    List<FoldSummary> folds,
    TestPredictions predictions,
    Long undefinedFilled) {

  /**
   * The place of a cell that did not run (its reason is an ERROR check): no scores, no predictions.
   */
  public static Evaluation notRun(List<String> labels) {
    Metric none = new Metric(Double.NaN, Double.NaN, Double.NaN);
    return new Evaluation(
        none,
        none,
        none,
        List.copyOf(labels),
        new long[labels.size()][labels.size()],
        0,
        0,
        List.of(),
        new TestPredictions(List.of(), List.of(), new int[0], new int[0]),
        0L);
  }

  public boolean ran() {
    return !Double.isNaN(macroF1.value());
  }
}
