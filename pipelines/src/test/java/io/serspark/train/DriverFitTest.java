package io.serspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.ml.ArrayVectorAssembler;
import io.serspark.ml.DriverFit;
import io.serspark.ml.ZScore;
import io.serspark.spark.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LinearSVCModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.OneVsRestModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver-side fits against MLlib's own distributed fits of the same estimators, on real data:
 * openSMILE's EmoDB eGeMAPS, 8 training speakers, 2 test speakers, balanced class weights, global
 * z-score — the runner's set-up.
 */
class DriverFitTest {
  private static final List<String> TRAIN = List.of("03", "08", "09", "10", "11", "12", "13", "14");
  private static SparkSession spark;
  private static Dataset<Row> train, test;
  private static PipelineModel prepare;

  @BeforeAll
  static void data() {
    spark = Sessions.local(2);
    spark.sparkContext().setLogLevel("WARN");
    Path csv = SharedData.emodbFunctionals();
    Dataset<Row> all =
        FeatureSpec.packFunctionals(
            EmoDbLosoSvm.openSmileFunctionals(spark, csv),
            EmoDbLosoSvm.featureNames(csv),
            "egemaps_v02");
    List<String> labels = EmoDbLosoSvm.EMOTIONS;
    var meta =
        NominalAttribute.defaultAttr()
            .withName("label")
            .withValues(labels.toArray(new String[0]))
            .toMetadata();
    Column label = functions.lit(-1.0);
    for (int c = labels.size() - 1; c >= 0; c--)
      label =
          functions
              .when(functions.col("emotion").equalTo(labels.get(c)), (double) c)
              .otherwise(label);
    all = all.withColumn("label", label.as("label", meta));
    // inverse class frequency over the training speakers, as the runner weights
    Dataset<Row> tr = all.filter(functions.col("speaker").isin(TRAIN.toArray()));
    long n = tr.count();
    Map<Double, Long> counts = new java.util.HashMap<>();
    for (Row r : tr.groupBy("label").count().collectAsList())
      counts.put(r.getDouble(0), r.getLong(1));
    Column weight = functions.lit(0.0);
    for (var e : counts.entrySet())
      weight =
          functions
              .when(
                  functions.col("label").equalTo(e.getKey()),
                  (double) n / (counts.size() * e.getValue()))
              .otherwise(weight);
    all = all.withColumn("weight", weight).orderBy("utterance_id").coalesce(1);
    prepare =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new ArrayVectorAssembler()
                      .setInputCols(new String[] {"egemaps_v02"})
                      .setOutputCol("raw"),
                  new ZScore().setInputCol("raw").setOutputCol("features").setScope("global")
                })
            .fit(all.filter(functions.col("speaker").isin(TRAIN.toArray())));
    Dataset<Row> prepared = prepare.transform(all).cache();
    train = prepared.filter(functions.col("speaker").isin(TRAIN.toArray()));
    test = prepared.filter(functions.not(functions.col("speaker").isin(TRAIN.toArray())));
  }

  private record Arrays(double[][] x, int[] y, double[] w) {}

  private static Arrays arrays(Dataset<Row> d) {
    List<Row> rows = d.select("features", "label", "weight").collectAsList();
    double[][] x = new double[rows.size()][];
    int[] y = new int[rows.size()];
    double[] w = new double[rows.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = ((Vector) rows.get(i).get(0)).toArray();
      y[i] = (int) rows.get(i).getDouble(1);
      w[i] = rows.get(i).getDouble(2);
    }
    return new Arrays(x, y, w);
  }

  private static Model<?> driverFit(Estimator<?> e) {
    Arrays a = arrays(train);
    return DriverFit.fit(
        e, a.x, a.y, a.w, EmoDbLosoSvm.EMOTIONS.size(), train.schema().apply("label").metadata());
  }

  /**
   * Both models predict (nearly) the same class for the test speakers' and the training speakers'
   * utterances.
   */
  private static void assertPredictAlike(String what, Transformer spark, Transformer driver) {
    assertPredictAlike(what, spark, driver, 0.95);
  }

  private static void assertPredictAlike(
      String what, Transformer spark, Transformer driver, double atLeast) {
    double onTest = agreement(spark, driver, test), onTrain = agreement(spark, driver, train);
    System.out.printf(
        Locale.ROOT,
        "%s predictions agree: %.4f on test speakers, %.4f on training speakers%n",
        what,
        onTest,
        onTrain);
    assertTrue(onTest >= atLeast && onTrain >= atLeast, what + ": " + onTest + " / " + onTrain);
  }

  private static void assertObjectiveAsLow(String what, double mllib, double driver) {
    System.out.printf(Locale.ROOT, "%s objective: MLlib %.6f, driver %.6f%n", what, mllib, driver);
    assertTrue(
        driver <= mllib * 1.01, what + ": driver objective " + driver + " vs MLlib " + mllib);
  }

  private static double agreement(Transformer a, Transformer b, Dataset<Row> d) {
    List<Row> pa = a.transform(d).select("prediction").collectAsList(),
        pb = b.transform(d).select("prediction").collectAsList();
    int same = 0;
    for (int i = 0; i < pa.size(); i++)
      if (pa.get(i).getDouble(0) == pb.get(i).getDouble(0)) same++;
    return (double) same / pa.size();
  }

  /** One grid point as a one-point grid. */
  private static Map<String, List<Double>> grid(Map<String, Double> point) {
    Map<String, List<Double>> g = new java.util.LinkedHashMap<>();
    point.forEach((k, v) -> g.put(k, List.of(v)));
    return g;
  }

  /** The learner's estimator at its first grid point, for 88 features and the 7 EmoDB classes. */
  private static Estimator<?> estimator(Learner learner) {
    return learner.estimator(learner.grid().get(0), "features", "weight", 88, 7, 1);
  }

  /** The same estimator fitted by MLlib on Spark and on the driver. */
  private record Fits<M>(M spark, M driver) {}

  @SuppressWarnings("unchecked")
  private static <M> Fits<M> fitBoth(String classifier, Map<String, Double> point) {
    var est = (Estimator<?>) estimator(Learner.classifier(classifier, grid(point), "grid"));
    return new Fits<>((M) est.fit(train), (M) driverFit(est));
  }

  @Test
  void oneVsRestSvmReachesMllibsObjectiveAndPredictsAlike() {
    Fits<OneVsRestModel> f = fitBoth("svm", Map.of("regParam", 0.1));
    OneVsRestModel spark = f.spark(), driver = f.driver();
    Arrays a = arrays(train);
    for (int c = 0; c < 7; c++) {
      boolean[] pos = new boolean[a.y.length];
      for (int i = 0; i < pos.length; i++) pos[i] = a.y[i] == c;
      assertObjectiveAsLow(
          "svm class " + c + " hinge",
          hinge(a, pos, (LinearSVCModel) spark.models()[c], 0.1),
          hinge(a, pos, (LinearSVCModel) driver.models()[c], 0.1));
    }
    assertPredictAlike("svm", spark, driver);
  }

  @Test
  void multinomialLogisticReachesMllibsObjectiveAndPredictsAlike() {
    Fits<LogisticRegressionModel> f = fitBoth("lr", Map.of("regParam", 0.01));
    Arrays a = arrays(train);
    assertObjectiveAsLow("lr softmax", softmax(a, f.spark(), 0.01), softmax(a, f.driver(), 0.01));
    assertPredictAlike("lr", f.spark(), f.driver());
  }

  @Test
  void boostedTreesFollowMllibsBoostingStepForStep() {
    // no randomness in MLlib's GBT without subsampling: the same bins and splits give the same
    // trees, up to ties
    var est =
        (Estimator<?>)
            estimator(
                Learner.classifier("gbt", grid(Map.of("maxDepth", 3.0, "maxIter", 5.0)), "grid"));
    OneVsRestModel spark = (OneVsRestModel) est.fit(train);
    OneVsRestModel driver = (OneVsRestModel) driverFit(est);
    int sameRoots = 0;
    for (int c = 0; c < 7; c++) {
      var a = ((GBTClassificationModel) spark.models()[c]).trees()[0].rootNode();
      var b = ((GBTClassificationModel) driver.models()[c]).trees()[0].rootNode();
      if (a instanceof InternalNode ia
          && b instanceof InternalNode ib
          && ia.split().featureIndex() == ib.split().featureIndex()
          && Math.abs(
                  ((ContinuousSplit) ia.split()).threshold()
                      - ((ContinuousSplit) ib.split()).threshold())
              < 1e-9) sameRoots++;
    }
    System.out.println("gbt: first trees with MLlib's root split: " + sameRoots + " of 7");
    assertEquals(7, sameRoots, "root splits as MLlib's");
    assertPredictAlike("gbt", spark, driver, 0.95);
  }

  @Test
  void aRandomForestIsOneMllibCouldGrow() {
    // the bootstrap and feature draws are not MLlib's random stream, so the forests differ tree by
    // tree; what must
    // hold is the same kind of model: same accuracy on the test speakers within a few points,
    // mostly equal votes
    var est =
        (Estimator<?>) estimator(Learner.classifier("rf", grid(Map.of("maxDepth", 8.0)), "grid"));
    RandomForestClassificationModel spark = (RandomForestClassificationModel) est.fit(train);
    RandomForestClassificationModel driver = (RandomForestClassificationModel) driverFit(est);
    assertEquals(spark.getNumTrees(), driver.getNumTrees());
    double as = accuracy(spark, test), ad = accuracy(driver, test);
    System.out.printf(
        Locale.ROOT,
        "rf accuracy on test speakers: MLlib %.4f, driver %.4f; max depth %d%n",
        as,
        ad,
        driver.trees()[0].depth());
    assertTrue(Math.abs(as - ad) <= 0.05, as + " vs " + ad);
    assertTrue(driver.trees()[0].depth() <= 8);
    assertPredictAlike("rf", spark, driver, 0.8);
  }

  private static double accuracy(Transformer m, Dataset<Row> d) {
    return (double) m.transform(d).filter("prediction = label").count() / d.count();
  }

  @Test
  void aDriverFittedPipelineSavesAndLoadsAsAnMllibPipeline() throws Exception {
    var est =
        (Estimator<?>) estimator(Learner.classifier("svm", grid(Map.of("regParam", 0.1)), "grid"));
    PipelineModel model =
        new PipelineModel(
            "driver-fit-test",
            new Transformer[] {prepare.stages()[0], prepare.stages()[1], driverFit(est)});
    Path dir = Files.createTempDirectory("serspark-driverfit");
    model.write().overwrite().save(dir.toString());
    PipelineModel back = PipelineModel.load(dir.toString());
    Dataset<Row> raw = test.drop("raw", "features");
    List<Row> before = model.transform(raw).select("rawPrediction", "prediction").collectAsList();
    List<Row> after = back.transform(raw).select("rawPrediction", "prediction").collectAsList();
    assertEquals(before, after);
    assertEquals(OneVsRestModel.class, back.stages()[2].getClass());
  }

  private static double hinge(Arrays a, boolean[] pos, LinearSVCModel m, double reg) {
    double[] beta = m.coefficients().toArray();
    double loss = 0, ws = 0;
    for (int i = 0; i < a.x.length; i++) {
      double z = m.intercept();
      for (int j = 0; j < beta.length; j++) z += beta[j] * a.x[i][j];
      loss += a.w[i] * Math.max(0, 1 - (pos[i] ? 1 : -1) * z);
      ws += a.w[i];
    }
    double r = 0;
    for (double b : beta) r += b * b;
    return loss / ws + 0.5 * reg * r;
  }

  private static double softmax(Arrays a, LogisticRegressionModel m, double reg) {
    double loss = 0, ws = 0;
    int k = m.numClasses();
    for (int i = 0; i < a.x.length; i++) {
      double[] z =
          m.coefficientMatrix()
              .multiply(new org.apache.spark.ml.linalg.DenseVector(a.x[i]))
              .toArray();
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        z[c] += m.interceptVector().apply(c);
        max = Math.max(max, z[c]);
      }
      double s = 0;
      for (double v : z) s += Math.exp(v - max);
      loss += a.w[i] * (max + Math.log(s) - z[a.y[i]]);
      ws += a.w[i];
    }
    double r = 0;
    for (double v : m.coefficientMatrix().toArray()) r += v * v;
    return loss / ws + 0.5 * reg * r;
  }
}
