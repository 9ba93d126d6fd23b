package io.serspark.benchmark;

import io.serspark.metrics.ClassificationReport;
import io.serspark.metrics.Interval;
import java.util.List;

/** Converts the metrics module's report into a cell's {@link Evaluation}. */
public final class Evaluations {
  private Evaluations() {}

  /**
   * @param predictions the test predictions {@code r} was computed from (class indices in {@code
   *     r}'s labels)
   */
  public static Evaluation of(
      ClassificationReport r,
      TestPredictions predictions,
      long nTrain,
      long nTest,
      List<FoldSummary> folds) {
    return of(r, predictions, nTrain, nTest, folds, 0);
  }

  /**
   * @param undefinedFilled utterances whose undefined feature values were filled with the training
   *     side's mean
   */
  public static Evaluation of(
      ClassificationReport r,
      TestPredictions predictions,
      long nTrain,
      long nTest,
      List<FoldSummary> folds,
      long undefinedFilled) {
    return new Evaluation(
        metric(r, "macro_f1", r.macroF1()),
        metric(r, "uar", r.uar()),
        metric(r, "wa", r.wa()),
        r.labels(),
        r.confusion().counts(),
        nTrain,
        nTest,
        folds,
        predictions,
        undefinedFilled);
  }

  private static Metric metric(ClassificationReport r, String name, double value) {
    Interval i = r.intervals().get(name);
    return i == null ? Metric.point(value) : new Metric(value, i.lower(), i.upper());
  }
}
