package io.serspark.train;

import io.serspark.config.ConfigException;
import io.serspark.metrics.Correlation;
import io.serspark.metrics.DimensionalScores;
import io.serspark.metrics.Interval;
import io.serspark.metrics.SpeakerBootstrap;
import io.serspark.protocols.Fold;
import io.serspark.protocols.Protocol;
import io.serspark.protocols.SpeakerKFold;
import io.serspark.protocols.SplitItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A speaker-independent regression experiment on a dimensional label (arousal, valence or
 * dominance): the same protocols, speaker-disjointness checks, normalisation and inner
 * speaker-disjoint validation as {@link ExperimentRunner}, with the regressor's grid point chosen
 * by pooled concordance correlation (CCC, the AVEC / MSP-Podcast headline) and CCC, MSE and
 * Pearson's r reported with speaker-bootstrap intervals.
 *
 * <p>Scheduling: the labelled table is collected to the driver once and each fit is an MLlib
 * pipeline on a one-partition DataFrame of those rows; {@code ridge} is MLlib's LinearRegression
 * with the normal-equation solver (one pass over the data, so a fit is a couple of Spark jobs
 * whatever the number of features up to 4096).
 */
public final class RegressionRunner {
  /** One pooled test prediction. */
  public record Prediction(
      String utteranceId,
      String corpus,
      String speaker,
      String fold,
      double truth,
      double predicted) {}

  /**
   * Per outer fold: the test speakers' scores and the chosen grid point with its inner CCC per
   * point.
   */
  public record FoldResult(
      String name,
      int trainSize,
      int testSize,
      Map<String, Double> chosen,
      double[] innerCcc,
      double ccc,
      double mse) {}

  /** Pooled over every test prediction. */
  public record Result(
      String features,
      String regressor,
      String protocol,
      String target,
      List<FoldResult> folds,
      List<Prediction> predictions,
      Interval ccc,
      Interval mse,
      Interval pearson,
      long excluded,
      int fits,
      Map<String, Double> secondsByStage,
      long undefinedFilled) {}

  /**
   * The labelled rows collected to the driver: a one-partition DataFrame per fit is built from
   * them.
   */
  private record Collected(
      List<Row> rows,
      StructType schema,
      List<SplitItem> items,
      double[] truth,
      long undefinedFilled) {}

  private final SparkSession spark;
  private final FeatureSpec features;
  private final RegressorSpec regressor;
  private final Options options;
  private final Collected data;
  private int fits;

  private RegressionRunner(
      SparkSession spark,
      FeatureSpec features,
      RegressorSpec regressor,
      Options options,
      Collected data) {
    this.spark = spark;
    this.features = features;
    this.regressor = regressor;
    this.options = options;
    this.data = data;
  }

  /**
   * @param labelled one row per utterance with {@code utterance_id, corpus, speaker}, the numeric
   *     {@code target} column, optionally {@code split}, and {@code features.inputColumns()}
   */
  public static Result run(
      Dataset<Row> labelled,
      FeatureSpec features,
      RegressorSpec regressor,
      Protocol protocol,
      Options options,
      String target) {
    long t0 = System.nanoTime();
    List<String> cols = List.of(labelled.columns());
    if (!cols.contains(target))
      throw new IllegalArgumentException(
          "labelled table has no column " + target + " (has " + cols + ")");
    List<Column> sel =
        new ArrayList<>(
            List.of(
                functions.col("utterance_id"),
                functions.col("corpus").cast("string"),
                functions.col("speaker").cast("string"),
                cols.contains("split")
                    ? functions.col("split").cast("string")
                    : functions.lit(null).cast("string").as("split"),
                functions.col(target).cast("double").as("_target")));
    for (String c : features.inputColumns()) sel.add(functions.col(c));
    Dataset<Row> picked = labelled.select(sel.toArray(new Column[0]));
    List<Row> collected =
        picked
            .filter(
                functions
                    .col("_target")
                    .isNotNull()
                    .and(functions.not(functions.isnan(functions.col("_target")))))
            .orderBy("utterance_id")
            .collectAsList();
    long excluded = labelled.count() - collected.size();
    if (collected.size() < 2) {
      throw new ConfigException(
          "--target "
              + target
              + ": "
              + collected.size()
              + " utterance(s) of the selected corpora "
              + "have a "
              + target
              + " value and a row in every feature set; at least 2 are needed");
    }
    StructType schema = new StructType();
    for (var f : picked.schema().fields())
      if (!f.name().equals("_target") && !f.name().equals("split")) schema = schema.add(f);
    schema = schema.add("label", DataTypes.DoubleType, false);
    List<Row> rows = new ArrayList<>();
    List<SplitItem> items = new ArrayList<>();
    double[] truth = new double[collected.size()];
    for (int i = 0; i < collected.size(); i++) {
      Row r = collected.get(i);
      truth[i] = r.getDouble(4);
      items.add(
          new SplitItem(r.getString(1), r.getString(2), r.isNullAt(3) ? null : r.getString(3)));
      Object[] v = new Object[schema.size()];
      v[0] = r.get(0);
      v[1] = r.get(1);
      v[2] = r.get(2);
      for (int j = 0; j < features.inputColumns().size(); j++) v[3 + j] = r.get(5 + j);
      v[v.length - 1] = truth[i];
      rows.add(RowFactory.create(v));
    }
    Map<String, Double> seconds = new LinkedHashMap<>();
    seconds.put("collect", (System.nanoTime() - t0) / 1e9);
    return new RegressionRunner(
            labelled.sparkSession(),
            features,
            regressor,
            options,
            new Collected(
                rows,
                schema,
                items,
                truth,
                FeatureSpec.rowsWithUndefinedValues(collected, 5, features.inputColumns().size())))
        .evaluate(protocol, target, excluded, seconds);
  }

  private Result evaluate(
      Protocol protocol, String target, long excluded, Map<String, Double> seconds) {
    long t1 = System.nanoTime();
    List<Map<String, Double>> grid = regressor.points();
    List<FoldResult> folds = new ArrayList<>();
    List<Prediction> predictions = new ArrayList<>();
    for (Fold f : protocol.folds(data.items())) {
      Protocol.checkSpeakerDisjoint(data.items(), f); // a third-party Protocol may not check
      double[] inner = new double[grid.size()];
      int best = 0;
      if (grid.size() > 1) {
        List<SplitItem> side = new ArrayList<>();
        for (int i : f.train()) side.add(data.items().get(i));
        List<Fold> innerFolds =
            SpeakerKFold.inner(options.innerFolds(), options.seed()).folds(side);
        for (int g = 0; g < grid.size(); g++) {
          List<Integer> idx = new ArrayList<>();
          List<Double> pred = new ArrayList<>();
          for (Fold in : innerFolds) {
            int[] tr = Arrays.stream(in.train()).map(i -> f.train()[i]).toArray();
            int[] te = Arrays.stream(in.test()).map(i -> f.train()[i]).toArray();
            Protocol.checkSpeakerDisjoint(data.items(), new Fold("inner", tr, te));
            double[] p = fitAndPredict(tr, te, grid.get(g));
            for (int j = 0; j < te.length; j++) {
              idx.add(te[j]);
              pred.add(p[j]);
            }
          }
          inner[g] =
              DimensionalScores.ccc(
                  idx.stream().mapToDouble(i -> data.truth()[i]).toArray(),
                  pred.stream().mapToDouble(Double::doubleValue).toArray());
          if (inner[g] > inner[best])
            best = g; // ties (and NaN) keep the earlier, more regularised point
        }
      }
      double[] p = fitAndPredict(f.train(), f.test(), grid.get(best));
      double[] t = Arrays.stream(f.test()).mapToDouble(i -> data.truth()[i]).toArray();
      for (int j = 0; j < p.length; j++) {
        Row r = data.rows().get(f.test()[j]);
        predictions.add(
            new Prediction(r.getString(0), r.getString(1), r.getString(2), f.name(), t[j], p[j]));
      }
      folds.add(
          new FoldResult(
              f.name(),
              f.train().length,
              f.test().length,
              grid.get(best),
              inner,
              DimensionalScores.ccc(t, p),
              DimensionalScores.mse(t, p)));
      options
          .progress()
          .accept(
              String.format(
                  java.util.Locale.ROOT,
                  "fold %-12s n=%4d  %s  CCC %.4f  MSE %.4f",
                  f.name(),
                  p.length,
                  grid.get(best),
                  folds.get(folds.size() - 1).ccc(),
                  folds.get(folds.size() - 1).mse()));
    }
    seconds.put("fits", (System.nanoTime() - t1) / 1e9);
    double[] t = predictions.stream().mapToDouble(Prediction::truth).toArray();
    double[] p = predictions.stream().mapToDouble(Prediction::predicted).toArray();
    String[] speaker =
        predictions.stream().map(x -> x.corpus() + "/" + x.speaker()).toArray(String[]::new);
    return new Result(
        features.toString(),
        regressor.toString(),
        protocol.name(),
        target,
        folds,
        predictions,
        interval(t, p, speaker, DimensionalScores::ccc),
        interval(t, p, speaker, DimensionalScores::mse),
        interval(t, p, speaker, Correlation::pearson),
        excluded,
        fits,
        seconds,
        data.undefinedFilled());
  }

  private Interval interval(
      double[] t, double[] p, String[] speaker, ToDoubleBiFunction<double[], double[]> score) {
    double estimate = score.applyAsDouble(t, p);
    if (options.bootstrapReplicates() == 0)
      return new Interval(estimate, Double.NaN, Double.NaN, options.ciLevel());
    return new SpeakerBootstrap(options.bootstrapReplicates(), options.seed(), options.ciLevel())
        .interval(
            speaker,
            idx ->
                score.applyAsDouble(
                    Arrays.stream(idx).mapToDouble(i -> t[i]).toArray(),
                    Arrays.stream(idx).mapToDouble(i -> p[i]).toArray()));
  }

  /** One MLlib pipeline fit on {@code train}; predictions for {@code test}, in its order. */
  private double[] fitAndPredict(int[] train, int[] test, Map<String, Double> point) {
    List<PipelineStage> stages = new ArrayList<>(features.preparingStages(options.normalisation()));
    stages.add(regressor.estimator(point, "features", options.seed()));
    Pipeline pipeline = new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
    PipelineModel model = pipeline.fit(frame(train));
    int[] unseen =
        TestSideStatistics.unseenGroupItems(data.items(), train, test, options.normalisation());
    if (unseen.length > 0) model = TestSideStatistics.adapt(model, frame(unseen));
    fits++;
    List<Row> out = model.transform(frame(test)).select("prediction").collectAsList();
    double[] p = new double[test.length];
    for (int j = 0; j < p.length; j++) p[j] = out.get(j).getDouble(0);
    return p;
  }

  private Dataset<Row> frame(int[] idx) {
    List<Row> sub = new ArrayList<>(idx.length);
    for (int i : idx) sub.add(data.rows().get(i));
    return spark.createDataFrame(sub, data.schema()).coalesce(1);
  }
}
