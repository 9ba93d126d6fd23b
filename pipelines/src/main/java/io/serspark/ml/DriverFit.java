package io.serspark.ml;

import io.serspark.learn.LinearSvm;
import io.serspark.learn.MultinomialLogistic;
import io.serspark.learn.ScaledDesign;
import java.util.Locale;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.ClassificationModel;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LinearSVCModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.OneVsRest;
import org.apache.spark.ml.classification.OneVsRestModel;
import org.apache.spark.ml.linalg.Matrices;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.Metadata;

/**
 * Fits MLlib's linear classifiers on the driver, from rows already in memory, and returns MLlib's own model classes
 * ({@code OneVsRestModel} of {@code LinearSVCModel}s, {@code LogisticRegressionModel}) carrying the estimator's
 * Params: they transform, save and load exactly like models from {@code Estimator.fit}. The objective, Params and
 * optimiser are MLlib's (see {@link io.serspark.learn}); what is saved is the ~850 Spark jobs one distributed
 * one-vs-rest SVM fit costs on a few hundred rows.
 *
 * <p>Supported: {@code OneVsRest(LinearSVC)}; {@code LogisticRegression} with family multinomial (or auto with more
 * than two classes), no elastic-net (L1) term and no coefficient bounds. Anything else: {@link #supports} is false
 * and the caller fits with Spark.
 */
public final class DriverFit {
  private DriverFit() {}

  public static boolean supports(Estimator<?> estimator, int numClasses) {
    if (estimator instanceof OneVsRest ovr) return (Object) ovr.getClassifier() instanceof LinearSVC;
    if (estimator instanceof LogisticRegression lr) {
      String family = lr.getFamily().toLowerCase(Locale.ROOT);
      boolean multinomial = family.equals("multinomial") || (family.equals("auto") && numClasses > 2);
      return multinomial && lr.getElasticNetParam() == 0 && !lr.isSet(lr.lowerBoundsOnCoefficients())
          && !lr.isSet(lr.upperBoundsOnCoefficients()) && !lr.isSet(lr.lowerBoundsOnIntercepts())
          && !lr.isSet(lr.upperBoundsOnIntercepts());
    }
    return false;
  }

  /**
   * @param features n rows of the estimator's features column
   * @param label class index 0..numClasses-1 per row
   * @param weights instance weights per row, or null when the estimator has no weight column
   * @param labelMetadata metadata of the label column (kept by the one-vs-rest model, as MLlib does)
   */
  public static Model<?> fit(Estimator<?> estimator, double[][] features, int[] label, double[] weights, int numClasses,
      Metadata labelMetadata) {
    if (!supports(estimator, numClasses)) throw new IllegalArgumentException("no driver-side fit for " + estimator);
    for (int i = 0; i < label.length; i++) {
      if (label[i] < 0 || label[i] >= numClasses) throw new IllegalArgumentException("label " + label[i] + " of row " + i + " outside 0.." + (numClasses - 1));
    }
    if (estimator instanceof OneVsRest ovr) return oneVsRestSvm(ovr, features, label, weights, numClasses, labelMetadata);
    return multinomialLogistic((LogisticRegression) estimator, features, label, weights, numClasses);
  }

  private static OneVsRestModel oneVsRestSvm(OneVsRest ovr, double[][] x, int[] label, double[] weights, int numClasses,
      Metadata labelMetadata) {
    LinearSVC svc = (LinearSVC) (Object) ovr.getClassifier();
    ScaledDesign design = new ScaledDesign(x, weights, svc.getFitIntercept());
    ClassificationModel<?, ?>[] models = new ClassificationModel<?, ?>[numClasses];
    for (int c = 0; c < numClasses; c++) {
      boolean[] positive = new boolean[label.length];
      for (int i = 0; i < label.length; i++) positive[i] = label[i] == c;
      LinearSvm.Model m = LinearSvm.fit(design, positive, svc.getRegParam(), svc.getStandardization(), svc.getMaxIter(), svc.getTol());
      LinearSVCModel binary = new LinearSVCModel(svc.uid(), Vectors.dense(m.coefficients()), m.intercept());
      binary = withParamsOf(svc, binary);
      ParamMap cols = new ParamMap().put(binary.featuresCol(), ovr.getFeaturesCol());
      models[c] = binary.copy(cols);
    }
    return withParamsOf(ovr, new OneVsRestModel(ovr.uid(), labelMetadata, models));
  }

  private static LogisticRegressionModel multinomialLogistic(LogisticRegression lr, double[][] x, int[] label,
      double[] weights, int numClasses) {
    ScaledDesign design = new ScaledDesign(x, weights, lr.getFitIntercept());
    MultinomialLogistic.Model m = MultinomialLogistic.fit(design, label, numClasses, lr.getRegParam(),
        lr.getStandardization(), lr.getMaxIter(), lr.getTol());
    int d = design.features();
    double[] columnMajor = new double[numClasses * d];
    for (int c = 0; c < numClasses; c++) for (int j = 0; j < d; j++) columnMajor[j * numClasses + c] = m.coefficients()[c][j];
    LogisticRegressionModel model = new LogisticRegressionModel(lr.uid(), Matrices.dense(numClasses, d, columnMajor),
        Vectors.dense(m.intercepts()), numClasses, true);
    return withParamsOf(lr, model);
  }

  /** The model with every Param it shares with the estimator set to the estimator's value (MLlib's copyValues). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <M extends Params> M withParamsOf(Params estimator, M model) {
    ParamMap values = new ParamMap();
    for (Param p : estimator.params()) {
      if (model.hasParam(p.name()) && estimator.isDefined(p)) values.put(model.getParam(p.name()), estimator.getOrDefault(p));
    }
    return (M) model.copy(values);
  }
}
