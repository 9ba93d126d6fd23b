package io.serspark.train;

import io.serspark.metrics.ClassificationReport;
import io.serspark.metrics.Interval;
import io.serspark.protocols.Fold;
import io.serspark.protocols.SplitItem;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;

/**
 * What an experiment gives back, for either task.
 *
 * @param labels class names, class index i is labels.get(i); empty for regression
 * @param items what the protocol saw of each utterance the experiment kept, in utterance-id order;
 *     the folds' indices point into it
 * @param truths each item's truth as written in the table: its emotion, or its dimensional value
 * @param folds per outer fold: the protocol's fold, the chosen grid point and the inner scores, the
 *     fold's scores
 * @param predictions every test prediction of every outer fold (pooled), in utterance order
 * @param classes classification: metrics and speaker-bootstrap CIs over the pooled predictions;
 *     null for regression
 * @param dimensions regression: CCC, MSE and Pearson's r with speaker-bootstrap CIs over the pooled
 *     predictions; null for classification
 * @param model the fitted PipelineModel (assembler → mean imputer → z-score → learner [→ label
 *     names]) or null; see {@code modelScope}
 * @param modelScope which data {@code model} was trained on, in words
 * @param excluded counts of utterances left out, by reason
 * @param secondsByStage wall time per stage (collect, inner validation, outer fits, final model,
 *     metrics)
 * @param fits number of MLlib pipeline fits
 * @param undefinedFilled utterances kept with undefined feature values, each filled with the
 *     training side's mean
 */
public record Result(
    Experiment experiment,
    List<String> labels,
    List<SplitItem> items,
    List<String> truths,
    List<FoldResult> folds,
    List<Prediction> predictions,
    ClassificationReport classes,
    Dimensions dimensions,
    PipelineModel model,
    String modelScope,
    Map<String, Long> excluded,
    Map<String, Double> secondsByStage,
    int fits,
    long undefinedFilled) {

  public String features() {
    return experiment.features().toString();
  }

  public String learner() {
    return experiment.learner().toString();
  }

  public String protocol() {
    return experiment.protocol().name();
  }

  public Target target() {
    return experiment.target();
  }

  /** The classification report; fails for a regression result. */
  public ClassificationReport pooled() {
    if (classes == null) throw new IllegalStateException("a regression result has no classes");
    return classes;
  }

  /** Pooled regression scores with their speaker-bootstrap intervals. */
  public record Dimensions(Interval ccc, Interval mse, Interval pearson) {}

  /**
   * One outer fold. {@code innerScores} are the pooled inner-validation scores (UAR, or CCC for
   * regression) of each grid point, in grid order; {@code score} and {@code secondScore} are the
   * test side's UAR and WA, or CCC and MSE.
   */
  public record FoldResult(
      Fold fold,
      List<String> testSpeakers,
      Map<String, Double> chosen,
      List<Map<String, Double>> grid,
      double[] innerScores,
      double score,
      double secondScore) {
    public String name() {
      return fold.name();
    }

    public int trainSize() {
      return fold.train().length;
    }

    public int testSize() {
      return fold.test().length;
    }
  }

  /**
   * One test utterance's prediction: for classification {@code truth} and {@code predicted} are
   * class indices and {@code scores} the classifier's rawPrediction, one per class; for regression
   * they are values and {@code scores} is null.
   */
  public record Prediction(
      String utteranceId,
      String corpus,
      String speaker,
      String fold,
      double truth,
      double predicted,
      double[] scores) {
    public int truthClass() {
      return (int) truth;
    }

    public int predictedClass() {
      return (int) predicted;
    }
  }
}
