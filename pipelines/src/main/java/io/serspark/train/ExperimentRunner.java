package io.serspark.train;

import io.serspark.config.ConfigException;
import io.serspark.metrics.ClassificationReport;
import io.serspark.metrics.ConfusionMatrix;
import io.serspark.metrics.SpeakerBootstrap;
import io.serspark.ml.DriverFit;
import io.serspark.protocols.Fold;
import io.serspark.protocols.Protocol;
import io.serspark.protocols.SpeakerKFold;
import io.serspark.protocols.SplitItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs one speaker-independent experiment: features × classifier × protocol.
 *
 * <p>Scheduling. SER corpora are small (hundreds to tens of thousands of utterances) while a LOSO
 * run needs hundreds of fits (outer folds × inner folds × grid points). So the labelled, assembled
 * table is collected to the driver once, and every fit gets a one-partition DataFrame built from
 * those rows (no re-reading, joining or shuffling per fold); the fits run from a fixed pool of
 * {@code parallelFits} driver threads, and classifiers with a driver-side version of their MLlib
 * algorithm (svm, lr, rf, gbt: {@link DriverFit}) are fitted on the driver into MLlib's own model
 * classes instead of as hundreds of Spark jobs each ({@code Options.fitOn}). All inner-validation
 * fits of all outer folds are submitted first, then the outer fits with the chosen parameters, then
 * (optionally) the final model.
 *
 * <p>Leakage rules. Every outer and inner fold is checked speaker-disjoint (an exception
 * otherwise); z-score statistics come from the training side of each fit, except for the test-side
 * groups the scope names (a corpus seen only on the test side, a test speaker: all of their
 * utterances, labels unread, {@link TestSideStatistics}), and are stored in the fitted model, so no
 * prediction depends on its batch; class weights come from the training side only; hyper-parameters
 * are chosen by pooled UAR over speaker-disjoint inner folds of the training side; each test side
 * is predicted once.
 */
public final class ExperimentRunner {
  private static final String IDX = "_idx";

  private final SparkSession spark;
  private final FeatureSpec features;
  private final ClassifierSpec classifier;
  private final Options options;
  private final List<String> labels;
  private final List<Row>
      rows; // collected: _idx, utterance_id, corpus, speaker, input columns..., label
  private final StructType rowSchema;
  private final int[] truth;
  private final List<SplitItem> items;
  private final int numFeatures;
  private final long undefinedFilled;
  private int fits;
  private int plannedFits;
  private final long started = System.nanoTime();

  private ExperimentRunner(
      SparkSession spark,
      FeatureSpec features,
      ClassifierSpec classifier,
      Options options,
      List<String> labels,
      List<Row> rows,
      StructType rowSchema,
      List<SplitItem> items,
      int[] truth,
      int numFeatures,
      long undefinedFilled) {
    this.spark = spark;
    this.features = features;
    this.classifier = classifier;
    this.options = options;
    this.labels = labels;
    this.rows = rows;
    this.rowSchema = rowSchema;
    this.items = items;
    this.truth = truth;
    this.numFeatures = numFeatures;
    this.undefinedFilled = undefinedFilled;
  }

  /**
   * @param labelled one row per utterance with {@code utterance_id, corpus, speaker, emotion},
   *     optionally {@code split} and {@code text_id}, and the columns {@code
   *     features.inputColumns()} (see {@link FeatureSpec#load})
   */
  public static Result run(
      Dataset<Row> labelled,
      FeatureSpec features,
      ClassifierSpec classifier,
      Protocol protocol,
      Options options) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    List<String> cols = List.of(labelled.columns());
    for (String c :
        concat(List.of("utterance_id", "corpus", "speaker", "emotion"), features.inputColumns())) {
      if (!cols.contains(c))
        throw new IllegalArgumentException(
            "labelled table has no column " + c + " (has " + cols + ")");
    }
    Map<String, Long> excluded = new LinkedHashMap<>();
    Column keep = functions.col("emotion").isNotNull();
    if (!options.labels().isEmpty())
      keep = keep.and(functions.col("emotion").isin(options.labels().toArray()));
    List<Column> sel =
        new ArrayList<>(
            List.of(
                functions.col("utterance_id"),
                functions.col("corpus").cast("string"),
                functions.col("speaker").cast("string"),
                cols.contains("split")
                    ? functions.col("split").cast("string")
                    : functions.lit(null).cast("string").as("split"),
                functions.col("emotion")));
    for (String c : features.inputColumns()) sel.add(functions.col(c));
    // last, so that the feature columns keep their positions; speaker+text protocols need it
    int textIdx = sel.size();
    sel.add(
        cols.contains("text_id")
            ? functions.col("text_id").cast("string")
            : functions.lit(null).cast("string").as("text_id"));
    Dataset<Row> picked = labelled.select(sel.toArray(new Column[0]));
    List<Row> collected = picked.filter(keep).orderBy("utterance_id").collectAsList();
    long all = labelled.count();
    excluded.put("emotion null or not in the label set", all - collected.size());
    if (collected.isEmpty()) {
      throw new ConfigException(
          all == 0
              ? "--features "
                  + features
                  + ": no utterance of the selected corpora has a row in every feature set; "
                  + "compute what is missing for them (./submit.sh features, or embed with --corpus)"
              : "no utterance to train on: none of the "
                  + all
                  + " utterances with features has an emotion in the label set "
                  + (options.labels().isEmpty() ? "(all mapped labels)" : options.labels())
                  + "; check --labels and --corpus");
    }

    // class names: the label set's order when given, else sorted; only classes that occur
    TreeSet<String> present = new TreeSet<>();
    for (Row r : collected) present.add(r.getString(4));
    List<String> labels =
        options.labels().isEmpty()
            ? List.copyOf(present)
            : options.labels().stream().filter(present::contains).toList();

    StructType schema = new StructType().add(IDX, DataTypes.IntegerType, false);
    for (var f : picked.schema().fields()) {
      if (!List.of("emotion", "split", "text_id").contains(f.name())) schema = schema.add(f);
    }
    schema = schema.add("label", DataTypes.DoubleType, false);
    List<Row> rows = new ArrayList<>(collected.size());
    List<SplitItem> items = new ArrayList<>(collected.size());
    int[] truth = new int[collected.size()];
    for (int i = 0; i < collected.size(); i++) {
      Row r = collected.get(i);
      truth[i] = labels.indexOf(r.getString(4));
      items.add(
          new SplitItem(
              r.getString(1),
              r.getString(2),
              r.isNullAt(3) ? null : r.getString(3),
              r.isNullAt(textIdx) ? null : r.getString(textIdx)));
      Object[] v = new Object[schema.size()];
      v[0] = i;
      v[1] = r.get(0);
      v[2] = r.get(1);
      v[3] = r.get(2);
      for (int j = 0; j < features.inputColumns().size(); j++) v[4 + j] = r.get(5 + j);
      v[v.length - 1] = (double) truth[i];
      rows.add(RowFactory.create(v));
    }
    int numFeatures =
        features
            .assembler("_probe")
            .transform(picked.filter(keep).limit(1))
            .first()
            .<Vector>getAs("_probe")
            .size();
    seconds.put("collect", secs(t0));

    ExperimentRunner runner =
        new ExperimentRunner(
            labelled.sparkSession(),
            features,
            classifier,
            options,
            labels,
            rows,
            schema,
            items,
            truth,
            numFeatures,
            FeatureSpec.rowsWithUndefinedValues(collected, 5, features.inputColumns().size()));
    return runner.evaluate(protocol, excluded, seconds);
  }

  private Result evaluate(
      Protocol protocol, Map<String, Long> excluded, Map<String, Double> seconds) {
    List<Fold> outer = protocol.folds(items);
    for (Fold f : outer)
      Protocol.checkSpeakerDisjoint(items, f); // again: a third-party Protocol may not check
    List<Map<String, Double>> grid = classifier.points();
    // a selection = a training side whose hyper-parameters are chosen by inner validation
    List<int[]> selections = new ArrayList<>();
    for (Fold f : outer) selections.add(f.train());
    boolean separateFinal = options.finalModel() && outer.size() > 1;
    if (separateFinal) selections.add(allIndices());

    int innerPerSelection = grid.size() < 2 ? 0 : grid.size() * options.innerFolds();
    plannedFits = selections.size() * innerPerSelection + outer.size() + (separateFinal ? 1 : 0);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            options.parallelFits(),
            r -> {
              Thread t = new Thread(r, "serspark-fit");
              t.setDaemon(true);
              return t;
            });
    try {
      long t1 = System.nanoTime();
      List<Map<String, Double>> chosen = new ArrayList<>();
      List<double[]> innerScores = new ArrayList<>();
      chooseHyperParameters(pool, selections, grid, chosen, innerScores);
      seconds.put("inner_validation", secs(t1));

      long t2 = System.nanoTime();
      List<Future<Fitted>> outerFits = new ArrayList<>();
      for (int i = 0; i < outer.size(); i++) {
        Fold f = outer.get(i);
        Map<String, Double> p = chosen.get(i);
        outerFits.add(
            pool.submit(
                () ->
                    fitAndPredict(f.train(), f.test(), p, options.finalModel() && !separateFinal)));
      }
      Future<Fitted> finalFit =
          separateFinal
              ? pool.submit(
                  () ->
                      fitAndPredict(allIndices(), new int[0], chosen.get(chosen.size() - 1), true))
              : null;

      List<Result.FoldResult> foldResults = new ArrayList<>();
      Result.Prediction[] byItem = new Result.Prediction[items.size()];
      PipelineModel model = null;
      for (int i = 0; i < outer.size(); i++) {
        Fold f = outer.get(i);
        Fitted fit = get(outerFits.get(i));
        if (!separateFinal && options.finalModel()) model = fit.model;
        int[] t = new int[f.test().length], p = new int[f.test().length];
        for (int j = 0; j < f.test().length; j++) {
          int item = f.test()[j];
          t[j] = truth[item];
          p[j] = fit.predicted[j];
          Row r = rows.get(item);
          byItem[item] =
              new Result.Prediction(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  f.name(),
                  truth[item],
                  fit.predicted[j],
                  fit.scores[j]);
        }
        ConfusionMatrix cm = ConfusionMatrix.of(labels.size(), t, p);
        TreeSet<String> testSpeakers = new TreeSet<>();
        for (int item : f.test()) testSpeakers.add(items.get(item).speakerKey());
        foldResults.add(
            new Result.FoldResult(
                f.name(),
                List.copyOf(testSpeakers),
                f.train().length,
                f.test().length,
                chosen.get(i),
                grid,
                innerScores.get(i),
                cm.uar(),
                cm.wa()));
        options
            .progress()
            .accept(
                String.format(
                    java.util.Locale.ROOT,
                    "fold %-12s n=%4d  %s  UAR %.4f  WA %.4f",
                    f.name(),
                    f.test().length,
                    chosen.get(i),
                    cm.uar(),
                    cm.wa()));
      }
      seconds.put("outer_fits", secs(t2));
      long t3 = System.nanoTime();
      String scope;
      if (separateFinal) {
        model = get(finalFit).model;
        scope =
            "all "
                + items.size()
                + " utterances (the union of the protocol's training sides), hyper-parameters "
                + chosen.get(chosen.size() - 1)
                + (grid.size() < 2
                    ? " (the only grid point)"
                    : " by inner "
                        + options.innerFolds()
                        + "-fold speaker-disjoint validation on them");
      } else if (options.finalModel()) {
        scope =
            "the training side of fold "
                + outer.get(0).name()
                + " ("
                + outer.get(0).train().length
                + " utterances): the evaluated model";
      } else {
        scope = "none (finalModel=false)";
      }
      seconds.put("final_model", secs(t3));

      long t4 = System.nanoTime();
      List<Result.Prediction> predictions = new ArrayList<>();
      for (Result.Prediction p : byItem) if (p != null) predictions.add(p);
      ClassificationReport pooled = report(predictions);
      seconds.put("metrics", secs(t4));
      return new Result(
          features.toString(),
          classifier.toString(),
          protocol.name(),
          labels,
          foldResults,
          predictions,
          pooled,
          model,
          scope,
          excluded,
          seconds,
          fits,
          undefinedFilled);
    } finally {
      pool.shutdownNow();
    }
  }

  private ClassificationReport report(List<Result.Prediction> predictions) {
    int n = predictions.size();
    int[] t = new int[n], p = new int[n];
    double[][] s = new double[n][];
    String[] spk = new String[n];
    for (int i = 0; i < n; i++) {
      Result.Prediction x = predictions.get(i);
      t[i] = x.truth();
      p[i] = x.predicted();
      s[i] = x.scores();
      spk[i] = x.corpus() + "/" + x.speaker();
    }
    SpeakerBootstrap boot =
        options.bootstrapReplicates() > 0
            ? new SpeakerBootstrap(options.bootstrapReplicates(), options.seed(), options.ciLevel())
            : null;
    return ClassificationReport.of(labels, t, p, s, spk, boot);
  }

  /**
   * Inner validation for every selection at once; fills the chosen grid point and the inner UAR per
   * point.
   */
  private void chooseHyperParameters(
      ExecutorService pool,
      List<int[]> selections,
      List<Map<String, Double>> grid,
      List<Map<String, Double>> chosen,
      List<double[]> innerScores) {
    record Task(int selection, int point, int[] test, Future<Fitted> fit) {}
    List<Task> tasks = new ArrayList<>();
    for (int s = 0; s < selections.size(); s++) {
      if (grid.size() < 2) continue; // nothing to choose
      int[] side = selections.get(s);
      List<SplitItem> sub = new ArrayList<>();
      for (int i : side) sub.add(items.get(i));
      for (Fold inner : SpeakerKFold.inner(options.innerFolds(), options.seed()).folds(sub)) {
        int[] tr = Arrays.stream(inner.train()).map(i -> side[i]).toArray();
        int[] te = Arrays.stream(inner.test()).map(i -> side[i]).toArray();
        Protocol.checkSpeakerDisjoint(items, new Fold("inner", tr, te));
        for (int g = 0; g < grid.size(); g++) {
          Map<String, Double> point = grid.get(g);
          tasks.add(new Task(s, g, te, pool.submit(() -> fitAndPredict(tr, te, point, false))));
        }
      }
    }
    for (int s = 0; s < selections.size(); s++) {
      double[] uar = new double[grid.size()];
      if (grid.size() >= 2) {
        for (int g = 0; g < grid.size(); g++) {
          List<Integer> t = new ArrayList<>(), p = new ArrayList<>();
          for (Task task : tasks) {
            if (task.selection != s || task.point != g) continue;
            Fitted f = get(task.fit);
            for (int j = 0; j < task.test.length; j++) {
              t.add(truth[task.test[j]]);
              p.add(f.predicted[j]);
            }
          }
          uar[g] =
              ConfusionMatrix.of(
                      labels.size(),
                      t.stream().mapToInt(Integer::intValue).toArray(),
                      p.stream().mapToInt(Integer::intValue).toArray())
                  .uar();
        }
      }
      int best = 0;
      for (int g = 1; g < grid.size(); g++)
        if (uar[g] > uar[best]) best = g; // ties keep the earlier point
      chosen.add(grid.get(best));
      innerScores.add(uar);
    }
  }

  private record Fitted(int[] predicted, double[][] scores, PipelineModel model) {}

  /** One MLlib fit on {@code train}, predictions for {@code test} (in the order given). */
  private Fitted fitAndPredict(
      int[] train, int[] test, Map<String, Double> point, boolean keepModel) {
    PipelineModel model = fit(train, point);
    int[] unseen = TestSideStatistics.unseenGroupItems(items, train, test, options.normalisation());
    if (unseen.length > 0) model = TestSideStatistics.adapt(model, frame(unseen, false));
    synchronized (this) {
      fits++;
      if (fits % 10 == 0 || fits == plannedFits) {
        options
            .progress()
            .accept(
                String.format(
                    java.util.Locale.ROOT,
                    "  %d/%d fits done, %.1f s",
                    fits,
                    plannedFits,
                    secs(started)));
      }
    }
    int[] predicted = new int[test.length];
    double[][] scores = new double[test.length][];
    if (test.length > 0) {
      Map<Integer, Integer> pos = new java.util.HashMap<>();
      for (int j = 0; j < test.length; j++) pos.put(test[j], j);
      for (Row r :
          model
              .transform(frame(test, false))
              .select(IDX, "prediction", "rawPrediction")
              .collectAsList()) {
        int j = pos.get(r.getInt(0));
        predicted[j] = (int) r.getDouble(1);
        scores[j] = ((Vector) r.get(2)).toArray();
      }
    }
    return new Fitted(predicted, scores, keepModel ? model : null);
  }

  /**
   * MLlib's {@code Pipeline.fit}, except that a classifier serspark can solve on the driver (see
   * {@link DriverFit}) is fitted there: the preparing stages ({@link FeatureSpec#preparingStages})
   * are fitted with Spark as usual, their output collected (it is small: the rows are on the driver
   * already) and the classifier's MLlib model built from the driver-side solution. The result is
   * the same {@code PipelineModel} shape either way.
   */
  private PipelineModel fit(int[] train, Map<String, Double> point) {
    Pipeline pipeline = pipeline(point);
    PipelineStage[] stages = pipeline.getStages();
    int learnerAt = stages.length - 2; // preparing stages, the classifier, the label names
    Estimator<?> learner = (Estimator<?>) stages[learnerAt];
    boolean onDriver =
        switch (options.fitOn()) {
          case "spark" -> false;
          case "driver" -> {
            if (!DriverFit.supports(learner, labels.size())) {
              throw new IllegalArgumentException(
                  "fitOn=driver: no driver-side solver for "
                      + classifier.name()
                      + " (there is one for svm, lr, rf and gbt); use auto or spark");
            }
            yield true;
          }
          default -> DriverFit.supports(learner, labels.size());
        };
    Dataset<Row> frame = frame(train, true);
    if (!onDriver) return pipeline.fit(frame);
    PipelineModel prepare = new Pipeline().setStages(Arrays.copyOf(stages, learnerAt)).fit(frame);
    boolean weighted = weightCol() != null;
    List<Row> prepared =
        prepare
            .transform(frame)
            .select(
                functions.col("features"),
                functions.col("label"),
                weighted ? functions.col(weightCol()) : functions.lit(1.0))
            .collectAsList();
    double[][] x = new double[prepared.size()][];
    int[] y = new int[prepared.size()];
    double[] w = weighted ? new double[prepared.size()] : null;
    for (int i = 0; i < x.length; i++) {
      Row r = prepared.get(i);
      x[i] = ((Vector) r.get(0)).toArray();
      y[i] = (int) r.getDouble(1);
      if (weighted) w[i] = r.getDouble(2);
    }
    Model<?> model =
        DriverFit.fit(learner, x, y, w, labels.size(), frame.schema().apply("label").metadata());
    Transformer[] fitted = Arrays.copyOf(prepare.stages(), stages.length);
    fitted[learnerAt] = model;
    fitted[learnerAt + 1] = (Transformer) stages[learnerAt + 1];
    return new PipelineModel(pipeline.uid(), fitted);
  }

  private String weightCol() {
    return options.classWeights() && classifier.supportsWeights() ? "weight" : null;
  }

  private Pipeline pipeline(Map<String, Double> point) {
    String weightCol = weightCol();
    List<PipelineStage> stages = new ArrayList<>(features.preparingStages(options.normalisation()));
    stages.add(
        classifier.estimator(
            point, "features", weightCol, numFeatures, labels.size(), options.seed()));
    stages.add(
        new IndexToString()
            .setInputCol("prediction")
            .setOutputCol("predictedEmotion")
            .setLabels(labels.toArray(new String[0])));
    return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
  }

  /**
   * A one-partition DataFrame of the given items, label column tagged with the number of classes
   * (so every fold's model has all classes, even one whose training side lacks a class) and, for
   * training, inverse-frequency weights.
   */
  private Dataset<Row> frame(int[] idx, boolean withWeights) {
    List<Row> sub = new ArrayList<>(idx.length);
    double[] weight = new double[labels.size()];
    if (withWeights) {
      int[] count = new int[labels.size()];
      for (int i : idx) count[truth[i]]++;
      int present = (int) Arrays.stream(count).filter(c -> c > 0).count();
      for (int c = 0; c < count.length; c++)
        weight[c] = count[c] == 0 ? 0 : (double) idx.length / (present * count[c]);
    }
    for (int i : idx) {
      Row r = rows.get(i);
      if (!withWeights) {
        sub.add(r);
        continue;
      }
      Object[] v = new Object[r.length() + 1];
      for (int j = 0; j < r.length(); j++) v[j] = r.get(j);
      v[r.length()] = weight[truth[i]];
      sub.add(RowFactory.create(v));
    }
    StructType schema =
        withWeights ? rowSchema.add("weight", DataTypes.DoubleType, false) : rowSchema;
    Dataset<Row> df = spark.createDataFrame(sub, schema).coalesce(1);
    var meta =
        NominalAttribute.defaultAttr()
            .withName("label")
            .withValues(labels.toArray(new String[0]))
            .toMetadata();
    return df.withColumn("label", df.col("label").as("label", meta));
  }

  private int[] allIndices() {
    int[] a = new int[items.size()];
    for (int i = 0; i < a.length; i++) a[i] = i;
    return a;
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    }
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
