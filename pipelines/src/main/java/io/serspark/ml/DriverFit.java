package io.serspark.ml;

import io.serspark.learn.DecisionTrees;
import io.serspark.learn.GradientBoosting;
import io.serspark.learn.LinearSvm;
import io.serspark.learn.MultinomialLogistic;
import io.serspark.learn.RandomForest;
import io.serspark.learn.ScaledDesign;
import io.serspark.learn.TreeNode;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.ClassificationModel;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LinearSVCModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.OneVsRest;
import org.apache.spark.ml.classification.OneVsRestModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.linalg.Matrices;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.LeafNode;
import org.apache.spark.ml.tree.Node;
import org.apache.spark.mllib.tree.impurity.GiniCalculator;
import org.apache.spark.mllib.tree.impurity.ImpurityCalculator;
import org.apache.spark.mllib.tree.impurity.VarianceCalculator;
import org.apache.spark.sql.types.Metadata;

/**
 * Fits MLlib's linear classifiers on the driver, from rows already in memory, and returns MLlib's
 * own model classes ({@code OneVsRestModel} of {@code LinearSVCModel}s, {@code
 * LogisticRegressionModel}) carrying the estimator's Params: they transform, save and load exactly
 * like models from {@code Estimator.fit}. The objective, Params and optimiser are MLlib's (see
 * {@link io.serspark.learn}); what is saved is the ~850 Spark jobs one distributed one-vs-rest SVM
 * fit costs on a few hundred rows.
 *
 * <p>Supported: {@code OneVsRest(LinearSVC)}; {@code LogisticRegression} with family multinomial
 * (or auto with more than two classes), no elastic-net (L1) term and no coefficient bounds; {@code
 * RandomForestClassifier} (Gini, no minimum weight fraction); {@code OneVsRest(GBTClassifier)}
 * (logistic loss, no subsampling, all features, no validation set). Trees become MLlib's own nodes
 * ({@code InternalNode}/{@code LeafNode} with {@code ContinuousSplit}s and impurity statistics)
 * inside MLlib's tree-ensemble models. Anything else: {@link #supports} is false and the caller
 * fits with Spark.
 */
public final class DriverFit {
  private DriverFit() {}

  public static boolean supports(Estimator<?> estimator, int numClasses) {
    if (estimator instanceof OneVsRest ovr && (Object) ovr.getClassifier() instanceof LinearSVC)
      return true;
    if (estimator instanceof LogisticRegression lr) {
      String family = lr.getFamily().toLowerCase(Locale.ROOT);
      boolean multinomial =
          family.equals("multinomial") || (family.equals("auto") && numClasses > 2);
      return multinomial
          && lr.getElasticNetParam() == 0
          && !lr.isSet(lr.lowerBoundsOnCoefficients())
          && !lr.isSet(lr.upperBoundsOnCoefficients())
          && !lr.isSet(lr.lowerBoundsOnIntercepts())
          && !lr.isSet(lr.upperBoundsOnIntercepts());
    }
    if (estimator instanceof RandomForestClassifier rf) {
      return rf.getImpurity().equalsIgnoreCase("gini")
          && rf.getMinWeightFractionPerNode() == 0
          && !rf.isSet(rf.thresholds());
    }
    if (estimator instanceof OneVsRest ovr
        && (Object) ovr.getClassifier() instanceof GBTClassifier g) {
      return g.getLossType().equalsIgnoreCase("logistic")
          && g.getSubsamplingRate() == 1.0
          && List.of("all", "auto").contains(g.getFeatureSubsetStrategy().toLowerCase(Locale.ROOT))
          && g.getMinWeightFractionPerNode() == 0
          && !g.isSet(g.validationIndicatorCol());
    }
    return false;
  }

  /**
   * @param features n rows of the estimator's features column
   * @param label class index 0..numClasses-1 per row
   * @param weights instance weights per row, or null when the estimator has no weight column
   * @param labelMetadata metadata of the label column (kept by the one-vs-rest model, as MLlib
   *     does)
   */
  public static Model<?> fit(
      Estimator<?> estimator,
      double[][] features,
      int[] label,
      double[] weights,
      int numClasses,
      Metadata labelMetadata) {
    if (!supports(estimator, numClasses))
      throw new IllegalArgumentException("no driver-side fit for " + estimator);
    for (int i = 0; i < label.length; i++) {
      if (label[i] < 0 || label[i] >= numClasses)
        throw new IllegalArgumentException(
            "label " + label[i] + " of row " + i + " outside 0.." + (numClasses - 1));
    }
    if (estimator instanceof RandomForestClassifier rf)
      return randomForest(rf, features, label, weights, numClasses);
    if (estimator instanceof LogisticRegression lr)
      return multinomialLogistic(lr, features, label, weights, numClasses);
    OneVsRest ovr = (OneVsRest) estimator;
    if ((Object) ovr.getClassifier() instanceof GBTClassifier)
      return oneVsRestGbt(ovr, features, label, weights, numClasses, labelMetadata);
    return oneVsRestSvm(ovr, features, label, weights, numClasses, labelMetadata);
  }

  private static OneVsRestModel oneVsRestSvm(
      OneVsRest ovr,
      double[][] x,
      int[] label,
      double[] weights,
      int numClasses,
      Metadata labelMetadata) {
    LinearSVC svc = (LinearSVC) (Object) ovr.getClassifier();
    ScaledDesign design = new ScaledDesign(x, weights, svc.getFitIntercept());
    ClassificationModel<?, ?>[] models = new ClassificationModel<?, ?>[numClasses];
    for (int c = 0; c < numClasses; c++) {
      boolean[] positive = new boolean[label.length];
      for (int i = 0; i < label.length; i++) positive[i] = label[i] == c;
      LinearSvm.Model m =
          LinearSvm.fit(
              design,
              positive,
              svc.getRegParam(),
              svc.getStandardization(),
              svc.getMaxIter(),
              svc.getTol());
      LinearSVCModel binary =
          new LinearSVCModel(svc.uid(), Vectors.dense(m.coefficients()), m.intercept());
      binary = withParamsOf(svc, binary);
      ParamMap cols = new ParamMap().put(binary.featuresCol(), ovr.getFeaturesCol());
      models[c] = binary.copy(cols);
    }
    return withParamsOf(ovr, new OneVsRestModel(ovr.uid(), labelMetadata, models));
  }

  private static LogisticRegressionModel multinomialLogistic(
      LogisticRegression lr, double[][] x, int[] label, double[] weights, int numClasses) {
    ScaledDesign design = new ScaledDesign(x, weights, lr.getFitIntercept());
    MultinomialLogistic.Model m =
        MultinomialLogistic.fit(
            design,
            label,
            numClasses,
            lr.getRegParam(),
            lr.getStandardization(),
            lr.getMaxIter(),
            lr.getTol());
    int d = design.features();
    double[] columnMajor = new double[numClasses * d];
    for (int c = 0; c < numClasses; c++)
      for (int j = 0; j < d; j++) columnMajor[j * numClasses + c] = m.coefficients()[c][j];
    LogisticRegressionModel model =
        new LogisticRegressionModel(
            lr.uid(),
            Matrices.dense(numClasses, d, columnMajor),
            Vectors.dense(m.intercepts()),
            numClasses,
            true);
    return withParamsOf(lr, model);
  }

  private static RandomForestClassificationModel randomForest(
      RandomForestClassifier rf, double[][] x, int[] label, double[] weights, int numClasses) {
    int d = x[0].length;
    DecisionTrees bins = new DecisionTrees(x, weights, rf.getMaxBins());
    DecisionTrees.Settings settings =
        new DecisionTrees.Settings(
            DecisionTrees.Impurity.GINI,
            numClasses,
            rf.getMaxDepth(),
            rf.getMaxBins(),
            rf.getMinInstancesPerNode(),
            rf.getMinInfoGain());
    int perNode =
        RandomForest.featuresPerNode(rf.getFeatureSubsetStrategy(), d, rf.getNumTrees(), true);
    TreeNode[] forest =
        RandomForest.fit(
            bins,
            label,
            weights,
            settings,
            rf.getNumTrees(),
            perNode,
            rf.getBootstrap(),
            rf.getSubsamplingRate(),
            rf.getSeed());
    DecisionTreeClassificationModel[] trees = new DecisionTreeClassificationModel[forest.length];
    for (int t = 0; t < forest.length; t++) {
      trees[t] =
          new DecisionTreeClassificationModel(
              rf.uid() + "_tree" + t, node(forest[t], true), d, numClasses);
    }
    return withParamsOf(rf, new RandomForestClassificationModel(rf.uid(), trees, d, numClasses));
  }

  private static OneVsRestModel oneVsRestGbt(
      OneVsRest ovr,
      double[][] x,
      int[] label,
      double[] weights,
      int numClasses,
      Metadata labelMetadata) {
    GBTClassifier gbt = (GBTClassifier) (Object) ovr.getClassifier();
    int d = x[0].length;
    DecisionTrees bins = new DecisionTrees(x, weights, gbt.getMaxBins());
    DecisionTrees.Settings settings =
        new DecisionTrees.Settings(
            DecisionTrees.Impurity.VARIANCE,
            0,
            gbt.getMaxDepth(),
            gbt.getMaxBins(),
            gbt.getMinInstancesPerNode(),
            gbt.getMinInfoGain());
    ClassificationModel<?, ?>[] models = new ClassificationModel<?, ?>[numClasses];
    for (int c = 0; c < numClasses; c++) {
      boolean[] positive = new boolean[label.length];
      for (int i = 0; i < label.length; i++) positive[i] = label[i] == c;
      GradientBoosting.Model m =
          GradientBoosting.fitBinary(
              bins, x, positive, weights, settings, gbt.getMaxIter(), gbt.getStepSize());
      DecisionTreeRegressionModel[] trees = new DecisionTreeRegressionModel[m.trees().length];
      for (int t = 0; t < trees.length; t++)
        trees[t] =
            new DecisionTreeRegressionModel(gbt.uid() + "_tree" + t, node(m.trees()[t], false), d);
      GBTClassificationModel binary =
          withParamsOf(gbt, new GBTClassificationModel(gbt.uid(), trees, m.weights(), d, 2));
      models[c] = binary.copy(new ParamMap().put(binary.featuresCol(), ovr.getFeaturesCol()));
    }
    return withParamsOf(ovr, new OneVsRestModel(ovr.uid(), labelMetadata, models));
  }

  /**
   * A grown tree as MLlib's nodes, impurity statistics included (the forest's vote and model files
   * use them).
   */
  private static Node node(TreeNode t, boolean gini) {
    ImpurityCalculator stats =
        gini
            ? new GiniCalculator(t.stats.clone(), t.rawCount)
            : new VarianceCalculator(t.stats.clone(), t.rawCount);
    if (t.isLeaf()) return new LeafNode(t.prediction, t.impurity, stats);
    return new InternalNode(
        t.prediction,
        t.impurity,
        t.gain,
        node(t.left, gini),
        node(t.right, gini),
        new ContinuousSplit(t.feature, t.threshold),
        stats);
  }

  /**
   * The model with every Param it shares with the estimator set to the estimator's value (MLlib's
   * copyValues).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <M extends Params> M withParamsOf(Params estimator, M model) {
    ParamMap values = new ParamMap();
    for (Param p : estimator.params()) {
      if (model.hasParam(p.name()) && estimator.isDefined(p))
        values.put(model.getParam(p.name()), estimator.getOrDefault(p));
    }
    return (M) model.copy(values);
  }
}
