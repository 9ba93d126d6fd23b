package io.serspark.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.serspark.metrics.ClassificationReport;
import io.serspark.metrics.Interval;
import io.serspark.predict.ModelInputs;
import io.serspark.train.Result;
import io.serspark.warehouse.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes one train run, classification or regression, to {@code runs/train/<run-id>/}: {@code
 * metrics.json}, {@code report.md}, {@code predictions/} (Parquet, one row per test utterance) and
 * {@code model/} (the PipelineModel); the regression parts are {@link RegressionSections}. Written
 * to a staging folder and swapped in, so a killed job leaves no half run.
 */
final class TrainRunWriter {
  private TrainRunWriter() {}

  /**
   * {@code inputs}: what the features were made with (see {@code ModelInputs}), so that predict can
   * check it.
   */
  static String write(
      Warehouse w,
      String runId,
      Result r,
      Map<String, Long> excluded,
      Map<String, Object> inputs,
      List<String> command)
      throws IOException {
    boolean classes = r.target().classification();
    Map<String, Object> json =
        classes ? metrics(r, excluded) : RegressionSections.metrics(r, excluded);
    json.put(ModelInputs.KEY, inputs);
    String report =
        classes
            ? markdown(runId, r, excluded)
            : "# Train run " + runId + "\n\n" + RegressionSections.summary(r, excluded);
    Path staging = stage(w, runId, json, command, report);
    w.spark()
        .createDataFrame(
            classes ? predictionRows(r) : RegressionSections.predictionRows(r),
            classes ? PREDICTIONS : RegressionSections.predictionSchema(r))
        .coalesce(1)
        .write()
        .parquet(new Path(staging, "predictions").toString());
    if (r.model() != null) r.model().write().save(new Path(staging, "model").toString());
    return swapIn(w, runId, staging);
  }

  private static final StructType PREDICTIONS =
      new StructType()
          .add("utterance_id", DataTypes.StringType)
          .add("corpus", DataTypes.StringType)
          .add("speaker", DataTypes.StringType)
          .add("fold", DataTypes.StringType)
          .add("emotion", DataTypes.StringType)
          .add("predicted", DataTypes.StringType)
          .add("scores", DataTypes.createArrayType(DataTypes.DoubleType));

  private static List<Row> predictionRows(Result r) {
    List<Row> rows = new ArrayList<>();
    for (Result.Prediction p : r.predictions()) {
      List<Double> s = new ArrayList<>();
      for (double d : p.scores()) s.add(d);
      rows.add(
          RowFactory.create(
              p.utteranceId(),
              p.corpus(),
              p.speaker(),
              p.fold(),
              r.labels().get(p.truthClass()),
              r.labels().get(p.predictedClass()),
              s));
    }
    return rows;
  }

  /**
   * A new staging folder for run {@code runId} holding {@code metrics.json} (with the run id and
   * command added) and {@code report.md}; the caller adds its tables and calls {@link #swapIn}.
   */
  static Path stage(
      Warehouse w, String runId, Map<String, Object> json, List<String> command, String report)
      throws IOException {
    Path staging = new Path(w.path("_staging/runs__train__" + runId + "-" + UUID.randomUUID()));
    FileSystem fs = w.fs();
    fs.mkdirs(staging);
    json.put("run_id", runId);
    json.put("command", command);
    put(
        fs,
        new Path(staging, "metrics.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
    put(fs, new Path(staging, "report.md"), report);
    return staging;
  }

  /** Makes the staged run {@code runs/train/<runId>} in one rename; returns where it is. */
  static String swapIn(Warehouse w, String runId, Path staging) throws IOException {
    Path target = w.ownedFolder("runs/train", runId); // never runs/train/.. (= runs/, every run)
    w.swapIn(staging, target);
    return target.toString();
  }

  static void put(FileSystem fs, Path p, String text) throws IOException {
    try (OutputStream o = fs.create(p, true)) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  static Map<String, Object> metrics(Result r, Map<String, Long> excluded) {
    ClassificationReport c = r.pooled();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("features", r.features());
    m.put("classifier", r.learner());
    m.put("protocol", r.protocol());
    m.put("labels", r.labels());
    m.put("n", r.predictions().size());
    m.putAll(scores(r.labels(), c));
    List<Map<String, Object>> folds = new ArrayList<>();
    for (Result.FoldResult f : r.folds()) {
      Map<String, Object> x =
          foldEntry(
              f.name(), f.trainSize(), f.testSize(), f.chosen(), "inner_uar", f.innerScores());
      x.put("test_speakers", f.testSpeakers());
      x.put("uar", f.score());
      x.put("wa", f.secondScore());
      folds.add(x);
    }
    m.put("folds", folds);
    m.put("model", r.modelScope());
    m.put("excluded", excluded);
    m.put("undefined_values_filled", r.undefinedFilled());
    m.put("fits", r.fits());
    m.put("seconds", r.secondsByStage());
    return m;
  }

  /**
   * The pooled scores as metrics.json holds them: UAR, WA, macro-F1, AUC, intervals, per class,
   * confusion matrix.
   */
  static Map<String, Object> scores(List<String> labels, ClassificationReport c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("uar", c.uar());
    m.put("wa", c.wa());
    m.put("macro_f1", c.macroF1());
    m.put("macro_auc_ovr", c.macroAuc());
    Map<String, Object> ci = new LinkedHashMap<>();
    c.intervals()
        .forEach(
            (k, v) ->
                ci.put(
                    k,
                    Map.of(
                        "estimate",
                        v.estimate(),
                        "lower",
                        v.lower(),
                        "upper",
                        v.upper(),
                        "level",
                        v.level())));
    m.put("ci_speaker_bootstrap", ci);
    List<Map<String, Object>> perClass = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("label", labels.get(i));
      x.put("support", c.confusion().support(i));
      x.put("precision", c.precision()[i]);
      x.put("recall", c.recall()[i]);
      x.put("f1", c.f1()[i]);
      x.put("auc_ovr", Double.isNaN(c.auc()[i]) ? null : c.auc()[i]);
      perClass.add(x);
    }
    m.put("per_class", perClass);
    m.put("confusion_matrix", c.confusion().counts());
    return m;
  }

  /** The keys every fold entry of metrics.json has, classification or regression. */
  static Map<String, Object> foldEntry(
      String name,
      int nTrain,
      int nTest,
      Map<String, Double> chosen,
      String innerKey,
      double[] inner) {
    Map<String, Object> x = new LinkedHashMap<>();
    x.put("fold", name);
    x.put("n_train", nTrain);
    x.put("n_test", nTest);
    x.put("chosen", chosen);
    x.put(innerKey, inner);
    return x;
  }

  /** The summary's line on undefined feature values, empty when there were none. */
  static String undefinedLine(long rows) {
    return rows == 0
        ? ""
        : "undefined feature values: "
            + rows
            + " utterances have some (e.g. an eGeMAPS functional "
            + "without input frames); kept, each value filled with the training side's mean of that feature\n";
  }

  static String summary(Result r, Map<String, Long> excluded) {
    if (!r.target().classification()) return RegressionSections.summary(r, excluded);
    ClassificationReport c = r.pooled();
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%s | %s | %s | n=%d%n",
            r.features(),
            r.learner(),
            protocolWithFolds(r),
            r.predictions().size()));
    b.append(
        String.format(
            Locale.ROOT,
            "UAR %.4f  WA %.4f  macro-F1 %.4f  macro OvR AUC %.4f%n",
            c.uar(),
            c.wa(),
            c.macroF1(),
            c.macroAuc()));
    for (Map.Entry<String, Interval> e : c.intervals().entrySet())
      b.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    b.append(table(r.labels(), r.pooled()));
    b.append("excluded: ").append(excluded).append('\n');
    b.append(undefinedLine(r.undefinedFilled()));
    b.append("model: ").append(r.modelScope()).append('\n');
    b.append(
        String.format(
            Locale.ROOT, "%d MLlib fits; seconds by stage %s%n", r.fits(), r.secondsByStage()));
    return b.toString();
  }

  /**
   * The protocol and how many outer folds it made: speaker-kfold:K with fewer than K speakers makes
   * one per speaker, which the protocol's name alone would hide.
   */
  private static String protocolWithFolds(Result r) {
    return r.protocol() + " (" + folds(r.folds().size()) + ")";
  }

  private static String folds(int n) {
    return n + (n == 1 ? " fold" : " folds");
  }

  /** Per-class precision, recall, F1, AUC and the confusion matrix, as Markdown. */
  static String table(List<String> labels, ClassificationReport c) {
    StringBuilder b = new StringBuilder();
    b.append("| class | n | precision | recall | F1 | AUC |\n|---|---|---|---|---|---|\n");
    for (int i = 0; i < labels.size(); i++) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.3f | %.3f | %.3f | %.3f |%n",
              labels.get(i),
              c.confusion().support(i),
              c.precision()[i],
              c.recall()[i],
              c.f1()[i],
              c.auc()[i]));
    }
    b.append("\nConfusion matrix (rows = true, columns = predicted)\n\n| true \\ pred | ")
        .append(String.join(" | ", labels))
        .append(" |\n|---");
    b.append("|---".repeat(labels.size())).append("|\n");
    long[][] m = c.confusion().counts();
    for (int i = 0; i < m.length; i++) {
      b.append("| ").append(labels.get(i));
      for (long v : m[i]) b.append(" | ").append(v);
      b.append(" |\n");
    }
    return b.toString();
  }

  private static String markdown(String runId, Result r, Map<String, Long> excluded) {
    ClassificationReport c = r.pooled();
    StringBuilder b = new StringBuilder();
    b.append("# Train run ").append(runId).append("\n\n");
    b.append("Features `")
        .append(r.features())
        .append("`, classifier `")
        .append(r.learner())
        .append("`, protocol `")
        .append(r.protocol())
        .append("` (")
        .append(folds(r.folds().size()))
        .append("), ")
        .append(r.predictions().size())
        .append(" test predictions.\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "**UAR %.2f %%, WA %.2f %%, macro-F1 %.2f %%, macro one-vs-rest AUC %.3f** (pooled over folds)%n%n",
            100 * c.uar(),
            100 * c.wa(),
            100 * c.macroF1(),
            c.macroAuc()));
    b.append("Speaker-bootstrap intervals (speakers resampled with replacement):\n\n");
    for (Map.Entry<String, Interval> e : c.intervals().entrySet())
      b.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    b.append('\n')
        .append(table(r.labels(), c))
        .append(
            "\n## Folds\n\n| fold | test speakers | n test | chosen | inner UAR per grid point | UAR | WA |\n|---|---|---|---|---|---|---|\n");
    for (Result.FoldResult f : r.folds()) {
      StringBuilder inner = new StringBuilder();
      for (double u : f.innerScores())
        inner
            .append(inner.length() == 0 ? "" : " / ")
            .append(String.format(Locale.ROOT, "%.3f", u));
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %s | %s | %.4f | %.4f |%n",
              f.name(),
              String.join(" ", f.testSpeakers()),
              f.testSize(),
              f.chosen(),
              inner,
              f.score(),
              f.secondScore()));
    }
    b.append("\nExcluded: ")
        .append(excluded)
        .append("\n\nSaved model (`model/`, `PipelineModel.load`): trained on ")
        .append(r.modelScope())
        .append(".\n\nSeconds by stage: ")
        .append(r.secondsByStage())
        .append(", ")
        .append(r.fits())
        .append(" MLlib fits.\n");
    return b.toString();
  }
}
