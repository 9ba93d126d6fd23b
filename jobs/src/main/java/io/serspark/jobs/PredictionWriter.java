package io.serspark.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.serspark.metrics.ClassificationReport;
import io.serspark.metrics.Interval;
import io.serspark.predict.Predictor;
import io.serspark.predict.TrainedModel;
import io.serspark.warehouse.Warehouse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes one prediction run to {@code predictions/<run-id>/}: {@code predictions/} (Parquet:
 * utterance_id, corpus, path, speaker, emotion when known, predicted, scores = the classifier's
 * rawPrediction in label order, probability when the classifier gives one, train_run_id,
 * code_version), {@code predictions.csv} (the same with one {@code score_<label>} column per class,
 * for a spreadsheet), and when the input had labels {@code metrics.json} and {@code report.md} with
 * train's metrics. Staged and swapped in like a train run.
 */
final class PredictionWriter {
  private PredictionWriter() {}

  /**
   * {@code windows}: per-window predictions of long files (Predictor.windows), or null when there
   * are none.
   */
  static String write(
      Warehouse w,
      String runId,
      TrainedModel trained,
      Predictor.Outcome o,
      Dataset<Row> windows,
      List<String> command)
      throws IOException {
    Path staging = new Path(w.path("_staging/predictions__" + runId + "-" + UUID.randomUUID()));
    w.fs().mkdirs(staging);
    o.predictions().write().parquet(new Path(staging, "predictions").toString());
    TrainRunWriter.put(
        w.fs(),
        new Path(staging, "predictions.csv"),
        trained.regression()
            ? dimensionalCsv(
                trained.target(), o.predictions().orderBy("utterance_id").collectAsList())
            : csv(trained.labels(), o.predictions().orderBy("utterance_id").collectAsList()));
    int files = 0;
    if (windows != null) {
      windows.write().parquet(new Path(staging, "windows").toString());
      files =
          TrajectoryWriter.write(
              w.fs(), new Path(staging, "trajectories"), trained.labels(), windows.collectAsList());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", runId);
    m.put("long_files_windowed", files);
    m.put("train_run_id", trained.runId());
    m.put("model", trained.path());
    m.put("features", trained.features().toString());
    m.put("labels", trained.labels());
    m.put("command", command);
    m.put("excluded", o.excluded());
    m.put("n_scored", o.scored());
    if (o.report() != null) m.putAll(TrainRunWriter.scores(trained.labels(), o.report()));
    TrainRunWriter.put(
        w.fs(),
        new Path(staging, "metrics.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
    TrainRunWriter.put(
        w.fs(),
        new Path(staging, "report.md"),
        "# Predictions " + runId + "\n\nModel `" + trained.path() + "`.\n\n" + summary(trained, o));
    Path target = w.ownedFolder("predictions", runId);
    w.swapIn(staging, target);
    return target.toString();
  }

  static String csv(List<String> labels, List<Row> rows) {
    StringBuilder b = new StringBuilder("utterance_id,corpus,path,speaker,emotion,predicted");
    PredictionCsv.scoreHeader(b, labels);
    b.append(",train_run_id,code_version\n");
    for (Row r : rows) {
      for (String c :
          List.of("utterance_id", "corpus", "path", "speaker", "emotion", "predicted")) {
        b.append(c.equals("utterance_id") ? "" : ",").append(PredictionCsv.field(r.getAs(c)));
      }
      PredictionCsv.scores(b, r);
      b.append(',')
          .append(PredictionCsv.field(r.getAs("train_run_id")))
          .append(',')
          .append(PredictionCsv.field(r.getAs("code_version")))
          .append('\n');
    }
    return b.toString();
  }

  /** A dimensional model's predictions: the truth (when known) and the predicted value. */
  static String dimensionalCsv(String target, List<Row> rows) {
    List<String> cols =
        List.of(
            "utterance_id",
            "corpus",
            "path",
            "speaker",
            target,
            "value",
            "train_run_id",
            "code_version");
    StringBuilder b = new StringBuilder(String.join(",", cols)).append('\n');
    for (Row r : rows) {
      for (String c : cols)
        b.append(c.equals("utterance_id") ? "" : ",").append(PredictionCsv.field(r.getAs(c)));
      b.append('\n');
    }
    return b.toString();
  }

  static String summary(TrainedModel trained, Predictor.Outcome o) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "model %s (%s, labels %s)%nexcluded: %s%n",
            trained.runId(),
            trained.features(),
            trained.labels(),
            o.excluded()));
    if (trained.regression())
      return b.append("dimensional model: the predicted ")
          .append(trained.target())
          .append(" of each utterance is its value\n")
          .toString();
    ClassificationReport c = o.report();
    if (c == null)
      return b.append(
              "no utterance has a label among the model's classes: predictions only, no scores\n")
          .toString();
    b.append(
        String.format(
            Locale.ROOT,
            "scored %d utterances with a label among the model's classes%n",
            o.scored()));
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
    return b.append(TrainRunWriter.table(trained.labels(), c)).toString();
  }
}
