package io.serspark.train;

import io.serspark.config.ConfigException;
import io.serspark.metrics.ClassificationReport;
import io.serspark.metrics.ConfusionMatrix;
import io.serspark.metrics.Correlation;
import io.serspark.metrics.DimensionalScores;
import io.serspark.metrics.Interval;
import io.serspark.metrics.SpeakerBootstrap;
import io.serspark.ml.DriverFit;
import io.serspark.ml.DriverFitEstimator;
import io.serspark.protocols.Fold;
import io.serspark.protocols.Protocol;
import io.serspark.protocols.SpeakerKFold;
import io.serspark.protocols.SplitItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleBiFunction;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs one speaker-independent {@link Experiment}: features × learner × protocol, for either task.
 * Classification chooses grid points by pooled UAR and reports UAR, WA, macro-F1 and the rest of
 * {@link ClassificationReport}; regression on a dimensional label chooses by pooled concordance
 * correlation (CCC, the AVEC / MSP-Podcast headline) and reports CCC, MSE and Pearson's r. Both get
 * speaker-bootstrap intervals.
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
 * are chosen over speaker-disjoint inner folds of the training side; each test side is predicted
 * once.
 */
public final class ExperimentRunner {
  private static final String IDX = "_idx";
  private static final String TRUTH = "_truth";

  private final SparkSession spark;
  private final Experiment experiment;
  private final Options options;
  private final boolean classification;
  private final List<String> labels;
  private final List<Row> rows; // _idx, utterance_id, corpus, speaker, input columns..., label
  private final StructType rowSchema;
  private final double[] truth;
  private final List<SplitItem> items;
  private final int numFeatures;
  private int fits;
  private int plannedFits;
  private final long started = System.nanoTime();

  private ExperimentRunner(
      SparkSession spark,
      Experiment experiment,
      Options options,
      List<String> labels,
      List<Row> rows,
      StructType rowSchema,
      List<SplitItem> items,
      double[] truth,
      int numFeatures) {
    this.spark = spark;
    this.experiment = experiment;
    this.options = options;
    this.classification = experiment.target().classification();
    this.labels = labels;
    this.rows = rows;
    this.rowSchema = rowSchema;
    this.items = items;
    this.truth = truth;
    this.numFeatures = numFeatures;
  }

  /**
   * @param labelled one row per utterance with {@code utterance_id, corpus, speaker}, the target
   *     column ({@code emotion}, or a numeric one for regression), optionally {@code split} and
   *     {@code text_id}, and the columns {@code experiment.features().inputColumns()} (see {@link
   *     FeatureSpec#load})
   */
  public static Result run(Dataset<Row> labelled, Experiment experiment, Options options) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    FeatureSpec features = experiment.features();
    String target = experiment.target().column();
    boolean classification = experiment.target().classification();
    List<String> cols = List.of(labelled.columns());
    List<String> needed = new ArrayList<>(List.of("utterance_id", "corpus", "speaker", target));
    needed.addAll(features.inputColumns());
    for (String c : needed) {
      if (!cols.contains(c))
        throw new IllegalArgumentException(
            "labelled table has no column " + c + " (has " + cols + ")");
    }
    Column keep;
    if (classification) {
      keep = functions.col(TRUTH).isNotNull();
      if (!options.labels().isEmpty())
        keep = keep.and(functions.col(TRUTH).isin(options.labels().toArray()));
    } else {
      keep =
          functions
              .col(TRUTH)
              .isNotNull()
              .and(functions.not(functions.isnan(functions.col(TRUTH))));
    }
    List<Column> sel =
        new ArrayList<>(
            List.of(
                functions.col("utterance_id"),
                functions.col("corpus").cast("string").as("corpus"),
                functions.col("speaker").cast("string").as("speaker"),
                orNull(cols, "split"),
                orNull(cols, "text_id"),
                classification
                    ? functions.col(target).as(TRUTH)
                    : functions.col(target).cast("double").as(TRUTH)));
    for (String c : features.inputColumns()) sel.add(functions.col(c));
    Dataset<Row> picked = labelled.select(sel.toArray(new Column[0]));
    List<Row> collected = picked.filter(keep).orderBy("utterance_id").collectAsList();
    long all = labelled.count();
    Map<String, Long> excluded = new LinkedHashMap<>();
    excluded.put(
        classification ? "emotion null or not in the label set" : target + " missing",
        all - collected.size());
    if (classification && collected.isEmpty()) {
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
    if (!classification && collected.size() < 2) {
      throw new ConfigException(
          "--target "
              + target
              + ": "
              + collected.size()
              + " utterance(s) of the selected corpora have a "
              + target
              + " value and a row in every feature set; at least 2 are needed");
    }

    // class names: the label set's order when given, else sorted; only classes that occur
    List<String> labels = List.of();
    if (classification) {
      TreeSet<String> present = new TreeSet<>();
      for (Row r : collected) present.add(r.getAs(TRUTH));
      labels =
          options.labels().isEmpty()
              ? List.copyOf(present)
              : options.labels().stream().filter(present::contains).toList();
    }

    StructType schema =
        new StructType()
            .add(IDX, DataTypes.IntegerType, false)
            .add(picked.schema().apply("utterance_id"))
            .add(picked.schema().apply("corpus"))
            .add(picked.schema().apply("speaker"));
    for (String c : features.inputColumns()) schema = schema.add(picked.schema().apply(c));
    schema = schema.add("label", DataTypes.DoubleType, false);
    List<Row> rows = new ArrayList<>(collected.size());
    List<SplitItem> items = new ArrayList<>(collected.size());
    double[] truth = new double[collected.size()];
    for (int i = 0; i < collected.size(); i++) {
      Row r = collected.get(i);
      truth[i] = classification ? labels.indexOf(r.<String>getAs(TRUTH)) : r.<Double>getAs(TRUTH);
      items.add(
          new SplitItem(
              r.getAs("corpus"), r.getAs("speaker"), r.getAs("split"), r.getAs("text_id")));
      Object[] v = new Object[schema.size()];
      v[0] = i;
      for (int j = 1; j < v.length - 1; j++) v[j] = r.get(r.fieldIndex(schema.fields()[j].name()));
      v[v.length - 1] = truth[i];
      rows.add(new GenericRowWithSchema(v, schema));
    }
    // the assembled width sizes mlp's input layer
    int numFeatures =
        classification
            ? features
                .assembler("_probe")
                .transform(picked.filter(keep).limit(1))
                .first()
                .<Vector>getAs("_probe")
                .size()
            : 0;
    seconds.put("collect", secs(t0));

    List<String> truths = new ArrayList<>(collected.size());
    for (Row r : collected) truths.add(String.valueOf(r.<Object>getAs(TRUTH)));
    ExperimentRunner runner =
        new ExperimentRunner(
            labelled.sparkSession(),
            experiment,
            options,
            labels,
            rows,
            schema,
            items,
            truth,
            numFeatures);
    return runner.evaluate(
        truths,
        excluded,
        seconds,
        FeatureSpec.rowsWithUndefinedValues(collected, features.inputColumns()));
  }

  private static Column orNull(List<String> columns, String name) {
    return columns.contains(name)
        ? functions.col(name).cast("string").as(name)
        : functions.lit(null).cast("string").as(name);
  }

  private Result evaluate(
      List<String> truths,
      Map<String, Long> excluded,
      Map<String, Double> seconds,
      long undefinedFilled) {
    Protocol protocol = experiment.protocol();
    List<Fold> outer = protocol.folds(items);
    for (Fold f : outer)
      Protocol.checkSpeakerDisjoint(items, f); // again: a third-party Protocol may not check
    List<ParamMap> grid = experiment.learner().grid();
    List<Map<String, Double>> described =
        grid.stream().map(experiment.learner()::describe).toList();
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
      List<Integer> chosen = new ArrayList<>();
      List<double[]> innerScores = new ArrayList<>();
      chooseHyperParameters(pool, selections, grid, chosen, innerScores);
      seconds.put("inner_validation", secs(t1));

      long t2 = System.nanoTime();
      List<Future<Fitted>> outerFits = new ArrayList<>();
      for (int i = 0; i < outer.size(); i++) {
        Fold f = outer.get(i);
        ParamMap p = grid.get(chosen.get(i));
        outerFits.add(
            pool.submit(
                () ->
                    fitAndPredict(f.train(), f.test(), p, options.finalModel() && !separateFinal)));
      }
      ParamMap finalPoint = grid.get(chosen.get(chosen.size() - 1));
      Future<Fitted> finalFit =
          separateFinal
              ? pool.submit(() -> fitAndPredict(allIndices(), new int[0], finalPoint, true))
              : null;

      List<Result.FoldResult> foldResults = new ArrayList<>();
      Result.Prediction[] byItem = new Result.Prediction[items.size()];
      List<Result.Prediction> inFoldOrder = new ArrayList<>();
      PipelineModel model = null;
      for (int i = 0; i < outer.size(); i++) {
        Fold f = outer.get(i);
        Fitted fit = get(outerFits.get(i));
        if (!separateFinal && options.finalModel()) model = fit.model;
        double[] t = new double[f.test().length];
        for (int j = 0; j < f.test().length; j++) {
          int item = f.test()[j];
          t[j] = truth[item];
          Row r = rows.get(item);
          byItem[item] =
              new Result.Prediction(
                  r.<String>getAs("utterance_id"),
                  r.<String>getAs("corpus"),
                  r.<String>getAs("speaker"),
                  f.name(),
                  truth[item],
                  fit.predicted[j],
                  fit.scores == null ? null : fit.scores[j]);
          inFoldOrder.add(byItem[item]);
        }
        double[] scores = foldScores(t, fit.predicted);
        TreeSet<String> testSpeakers = new TreeSet<>();
        for (int item : f.test()) testSpeakers.add(items.get(item).speakerKey());
        Map<String, Double> point = described.get(chosen.get(i));
        foldResults.add(
            new Result.FoldResult(
                f,
                List.copyOf(testSpeakers),
                point,
                described,
                innerScores.get(i),
                scores[0],
                scores[1]));
        options
            .progress()
            .accept(
                String.format(
                    Locale.ROOT,
                    classification
                        ? "fold %-12s n=%4d  %s  UAR %.4f  WA %.4f"
                        : "fold %-12s n=%4d  %s  CCC %.4f  MSE %.4f",
                    f.name(),
                    f.test().length,
                    point,
                    scores[0],
                    scores[1]));
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
                + described.get(chosen.get(chosen.size() - 1))
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
      ClassificationReport classes = null;
      Result.Dimensions dimensions = null;
      List<Result.Prediction> predictions;
      if (classification) {
        predictions = new ArrayList<>();
        for (Result.Prediction p : byItem) if (p != null) predictions.add(p);
        classes = report(predictions);
      } else {
        // pooled in fold order, the order the regression intervals have always been computed in
        predictions = inFoldOrder;
        dimensions = dimensions(predictions);
      }
      seconds.put("metrics", secs(t4));
      return new Result(
          experiment,
          labels,
          List.copyOf(items),
          List.copyOf(truths),
          foldResults,
          predictions,
          classes,
          dimensions,
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

  /** A test side's UAR and WA, or CCC and MSE. */
  private double[] foldScores(double[] t, double[] p) {
    if (!classification)
      return new double[] {DimensionalScores.ccc(t, p), DimensionalScores.mse(t, p)};
    ConfusionMatrix cm = ConfusionMatrix.of(labels.size(), classes(t), classes(p));
    return new double[] {cm.uar(), cm.wa()};
  }

  /** The score that chooses a grid point: pooled UAR, or pooled CCC. */
  private double selectionScore(double[] t, double[] p) {
    return classification
        ? ConfusionMatrix.of(labels.size(), classes(t), classes(p)).uar()
        : DimensionalScores.ccc(t, p);
  }

  private static int[] classes(double[] x) {
    int[] out = new int[x.length];
    for (int i = 0; i < x.length; i++) out[i] = (int) x[i];
    return out;
  }

  private SpeakerBootstrap bootstrap() {
    return options.bootstrapReplicates() > 0
        ? new SpeakerBootstrap(options.bootstrapReplicates(), options.seed(), options.ciLevel())
        : null;
  }

  private ClassificationReport report(List<Result.Prediction> predictions) {
    int n = predictions.size();
    int[] t = new int[n], p = new int[n];
    double[][] s = new double[n][];
    String[] spk = new String[n];
    for (int i = 0; i < n; i++) {
      Result.Prediction x = predictions.get(i);
      t[i] = x.truthClass();
      p[i] = x.predictedClass();
      s[i] = x.scores();
      spk[i] = x.corpus() + "/" + x.speaker();
    }
    return ClassificationReport.of(labels, t, p, s, spk, bootstrap());
  }

  private Result.Dimensions dimensions(List<Result.Prediction> predictions) {
    double[] t = predictions.stream().mapToDouble(Result.Prediction::truth).toArray();
    double[] p = predictions.stream().mapToDouble(Result.Prediction::predicted).toArray();
    String[] speaker =
        predictions.stream().map(x -> x.corpus() + "/" + x.speaker()).toArray(String[]::new);
    return new Result.Dimensions(
        interval(t, p, speaker, DimensionalScores::ccc),
        interval(t, p, speaker, DimensionalScores::mse),
        interval(t, p, speaker, Correlation::pearson));
  }

  private Interval interval(
      double[] t, double[] p, String[] speaker, ToDoubleBiFunction<double[], double[]> score) {
    double estimate = score.applyAsDouble(t, p);
    SpeakerBootstrap boot = bootstrap();
    if (boot == null) return new Interval(estimate, Double.NaN, Double.NaN, options.ciLevel());
    return boot.interval(
        speaker,
        idx ->
            score.applyAsDouble(
                Arrays.stream(idx).mapToDouble(i -> t[i]).toArray(),
                Arrays.stream(idx).mapToDouble(i -> p[i]).toArray()));
  }

  /**
   * Inner validation for every selection at once; fills the chosen grid point's index and the inner
   * score per point.
   */
  private void chooseHyperParameters(
      ExecutorService pool,
      List<int[]> selections,
      List<ParamMap> grid,
      List<Integer> chosen,
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
          ParamMap point = grid.get(g);
          tasks.add(new Task(s, g, te, pool.submit(() -> fitAndPredict(tr, te, point, false))));
        }
      }
    }
    for (int s = 0; s < selections.size(); s++) {
      double[] score = new double[grid.size()];
      if (grid.size() >= 2) {
        for (int g = 0; g < grid.size(); g++) {
          List<Double> t = new ArrayList<>(), p = new ArrayList<>();
          for (Task task : tasks) {
            if (task.selection != s || task.point != g) continue;
            Fitted f = get(task.fit);
            for (int j = 0; j < task.test.length; j++) {
              t.add(truth[task.test[j]]);
              p.add(f.predicted[j]);
            }
          }
          score[g] =
              selectionScore(
                  t.stream().mapToDouble(Double::doubleValue).toArray(),
                  p.stream().mapToDouble(Double::doubleValue).toArray());
        }
      }
      int best = 0;
      for (int g = 1; g < grid.size(); g++)
        if (score[g] > score[best]) best = g; // ties (and NaN) keep the earlier point
      chosen.add(best);
      innerScores.add(score);
    }
  }

  private record Fitted(double[] predicted, double[][] scores, PipelineModel model) {}

  /** One MLlib fit on {@code train}, predictions for {@code test} (in the order given). */
  private Fitted fitAndPredict(int[] train, int[] test, ParamMap point, boolean keepModel) {
    PipelineModel model = fit(train, point);
    int[] unseen =
        TestSideStatistics.unseenGroupItems(items, train, test, experiment.normalisation());
    if (unseen.length > 0) model = TestSideStatistics.adapt(model, frame(unseen, false));
    synchronized (this) {
      fits++;
      if (fits % 10 == 0 || fits == plannedFits) {
        options
            .progress()
            .accept(
                String.format(
                    Locale.ROOT, "  %d/%d fits done, %.1f s", fits, plannedFits, secs(started)));
      }
    }
    double[] predicted = new double[test.length];
    double[][] scores = classification ? new double[test.length][] : null;
    if (test.length > 0) {
      Map<Integer, Integer> pos = new HashMap<>();
      for (int j = 0; j < test.length; j++) pos.put(test[j], j);
      Dataset<Row> out = model.transform(frame(test, false));
      for (Row r :
          (classification
                  ? out.select(IDX, "prediction", "rawPrediction")
                  : out.select(IDX, "prediction"))
              .collectAsList()) {
        int j = pos.get(r.<Integer>getAs(IDX));
        predicted[j] = r.<Double>getAs("prediction");
        if (classification) scores[j] = r.<Vector>getAs("rawPrediction").toArray();
      }
    }
    return new Fitted(predicted, scores, keepModel ? model : null);
  }

  /**
   * MLlib's {@code Pipeline.fit} of the preparing stages ({@link FeatureSpec#preparingStages}), the
   * learner and, for classification, the label names. A classifier serspark can solve on the driver
   * ({@link DriverFit}) sits in the pipeline as a {@link DriverFitEstimator} around the MLlib
   * estimator, so the fitted {@code PipelineModel} has the same shape either way.
   */
  private PipelineModel fit(int[] train, ParamMap point) {
    Estimator<?> learner =
        experiment
            .learner()
            .estimator(point, "features", weightCol(), numFeatures, labels.size(), options.seed());
    return pipeline(onDriver(learner) ? new DriverFitEstimator(learner) : learner)
        .fit(frame(train, classification));
  }

  private boolean onDriver(Estimator<?> learner) {
    if (!classification) return false;
    return switch (options.fitOn()) {
      case "spark" -> false;
      case "driver" -> {
        if (!DriverFit.supports(learner, labels.size())) {
          throw new IllegalArgumentException(
              "fitOn=driver: no driver-side solver for "
                  + experiment.learner().name()
                  + " (there is one for svm, lr, rf and gbt); use auto or spark");
        }
        yield true;
      }
      default -> DriverFit.supports(learner, labels.size());
    };
  }

  private String weightCol() {
    return options.classWeights() && experiment.learner().supportsWeights() ? "weight" : null;
  }

  private Pipeline pipeline(PipelineStage learner) {
    List<PipelineStage> stages =
        new ArrayList<>(experiment.features().preparingStages(experiment.normalisation()));
    stages.add(learner);
    if (classification) {
      stages.add(
          new IndexToString()
              .setInputCol("prediction")
              .setOutputCol("predictedEmotion")
              .setLabels(labels.toArray(new String[0])));
    }
    return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
  }

  /**
   * A one-partition DataFrame of the given items; for classification the label column tagged with
   * the number of classes (so every fold's model has all classes, even one whose training side
   * lacks a class) and, for training, inverse-frequency weights.
   */
  private Dataset<Row> frame(int[] idx, boolean withWeights) {
    List<Row> sub = new ArrayList<>(idx.length);
    double[] weight = new double[labels.size()];
    if (withWeights) {
      int[] count = new int[labels.size()];
      for (int i : idx) count[(int) truth[i]]++;
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
      v[r.length()] = weight[(int) truth[i]];
      sub.add(RowFactory.create(v));
    }
    StructType schema =
        withWeights ? rowSchema.add("weight", DataTypes.DoubleType, false) : rowSchema;
    Dataset<Row> df = spark.createDataFrame(sub, schema).coalesce(1);
    if (!classification) return df;
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
}
