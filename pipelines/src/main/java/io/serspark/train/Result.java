package io.serspark.train;

import io.serspark.metrics.ClassificationReport;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;

/**
 * What an experiment gives back.
 *
 * @param labels class names; class index i is labels.get(i)
 * @param folds per outer fold: test speakers, sizes, the chosen hyper-parameters and the inner
 *     scores, UAR/WA
 * @param predictions every test prediction of every outer fold (pooled), in utterance order
 * @param pooled metrics and speaker-bootstrap CIs over the pooled predictions
 * @param model the fitted PipelineModel (assembler → mean imputer → z-score → classifier → label
 *     names) or null; see {@code modelScope}
 * @param modelScope which data {@code model} was trained on, in words
 * @param excluded counts of utterances left out, by reason
 * @param secondsByStage wall time per stage (collect, inner validation, outer fits, final model,
 *     metrics)
 * @param fits number of MLlib pipeline fits
 * @param undefinedFilled utterances kept with undefined feature values, each filled with the
 *     training side's mean
 */
public record Result(
    String features,
    String classifier,
    String protocol,
    List<String> labels,
    List<FoldResult> folds,
    List<Prediction> predictions,
    ClassificationReport pooled,
    PipelineModel model,
    String modelScope,
    Map<String, Long> excluded,
    Map<String, Double> secondsByStage,
    int fits,
    long undefinedFilled) {

  /**
   * One outer fold. {@code innerUar} is the pooled inner-validation UAR of each grid point, in grid
   * order.
   */
  public record FoldResult(
      String name,
      List<String> testSpeakers,
      int trainSize,
      int testSize,
      Map<String, Double> chosen,
      List<Map<String, Double>> grid,
      double[] innerUar,
      double uar,
      double wa) {}

  /**
   * One test utterance's prediction; {@code scores} are the classifier's rawPrediction, one per
   * class.
   */
  public record Prediction(
      String utteranceId,
      String corpus,
      String speaker,
      String fold,
      int truth,
      int predicted,
      double[] scores) {}
}
