package io.serspark.predict;

import io.serspark.config.ConfigException;
import io.serspark.egemaps.voice.FormantTracker;
import io.serspark.features.EgemapsWindows;
import io.serspark.metrics.ClassificationReport;
import io.serspark.metrics.SpeakerBootstrap;
import io.serspark.train.FeatureSpec;
import io.serspark.train.TestSideStatistics;
import io.serspark.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.functions$;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Applies a {@link TrainedModel} to the utterances of some corpora of a warehouse: the model's
 * feature tables are read and joined exactly as train does ({@link FeatureSpec#load}), the saved
 * {@code PipelineModel} is applied, and when the input carries labels the predictions are scored
 * with train's metrics and speaker-bootstrap intervals.
 *
 * <p>Normalisation. A model saved with z-score scope {@code corpus} or {@code speaker} holds
 * statistics only for the training corpora / speakers; a new corpus or speaker is normalised with
 * the statistics of all of its utterances given here (labels unread), as train's test sides are
 * ({@link TestSideStatistics}). Train's own test side holds only the utterances whose label is in
 * the label set, so with those scopes a prediction of a corpus with other labels too sees slightly
 * different statistics than the same corpus as train's cross-corpus test side.
 */
public final class Predictor {
  /**
   * The rows predicted (a Spark table) and, when the input had labels in the model's label set,
   * their scores.
   */
  public record Outcome(
      Dataset<Row> predictions,
      ClassificationReport report,
      long scored,
      Map<String, Long> excluded) {}

  private Predictor() {}

  public static Outcome run(
      TrainedModel trained,
      Warehouse w,
      List<String> corpora,
      String codeVersion,
      SpeakerBootstrap bootstrap) {
    Dataset<Row> utterances = w.read("utterances");
    if (!corpora.isEmpty())
      utterances = utterances.filter(functions.col("corpus").isin(corpora.toArray()));
    List<String> have = List.of(utterances.columns());
    String truthCol = trained.target();
    utterances =
        utterances.select(
            Stream.of("utterance_id", "corpus", "path", "speaker", truthCol)
                .map(
                    c ->
                        have.contains(c)
                            ? functions.col(c)
                            : functions.lit(null).cast("string").as(c))
                .toArray(Column[]::new));
    ModelInputs.check(trained.embeddingModels(), w, trained.features(), corpora, trained.path());
    FeatureSpec.Assembled assembled = trained.features().load(w);
    Dataset<Row> input = utterances.join(assembled.table(), "utterance_id").cache();
    Map<String, Long> excluded = new LinkedHashMap<>(assembled.excluded());
    long all = utterances.count(), usable = input.count();
    excluded.put("utterances without a usable row in every feature set", all - usable);
    if (usable == 0) {
      throw new ConfigException(
          "no utterance of "
              + (corpora.isEmpty() ? "the warehouse" : corpora)
              + " has a row in every "
              + "feature set of the model ("
              + trained.features()
              + "); compute them first (./submit.sh features / embed)");
    }
    PipelineModel model = TestSideStatistics.adapt(trained.model(), input);
    Dataset<Row> out = model.transform(input);
    List<Column> cols =
        new ArrayList<>(
            List.of(
                functions.col("utterance_id"),
                functions.col("corpus"),
                functions.col("path"),
                functions.col("speaker"),
                functions.col(truthCol).as(trained.regression() ? truthCol : "emotion")));
    if (trained.regression()) {
      cols.add(functions.col("prediction").as("value"));
    } else {
      cols.add(functions.col("predictedEmotion").as("predicted"));
      cols.add(
          functions$
              .MODULE$
              .vector_to_array(functions.col("rawPrediction"), "float64")
              .as("scores"));
      if (List.of(out.columns()).contains("probability")) {
        cols.add(
            functions$
                .MODULE$
                .vector_to_array(functions.col("probability"), "float64")
                .as("probability"));
      }
    }
    cols.add(functions.lit(trained.runId()).as("train_run_id"));
    cols.add(functions.lit(codeVersion).as("code_version"));
    Dataset<Row> predictions = out.select(cols.toArray(new Column[0]));
    if (trained.regression()) return new Outcome(predictions, null, 0, excluded);
    return score(trained.labels(), predictions, bootstrap, excluded);
  }

  /**
   * Per-window predictions of the utterances of {@code corpora} longer than {@code longerThanS}:
   * eGeMAPS of each window ({@link EgemapsWindows}, one analysis per file) through the model.
   * Windows whose audio gives no value (silent, no voiced frame) keep their row, with status saying
   * so and no class. eGeMAPS models only: an embedding of a window would need the encoder run per
   * window. Null when no utterance is longer than {@code longerThanS}.
   */
  public static Dataset<Row> windows(
      TrainedModel trained,
      Warehouse w,
      List<String> corpora,
      FormantTracker formants,
      double longerThanS,
      int windowSamples,
      int hopSamples,
      String codeVersion) {
    List<FeatureSpec.Source> sources = trained.features().sources();
    if (sources.size() != 1 || sources.get(0).isEmbedding()) {
      throw new ConfigException(
          "--window-s: windows are predicted with eGeMAPS models only; this model reads "
              + trained.features());
    }
    Dataset<Row> utterances = w.read("utterances");
    if (!corpora.isEmpty())
      utterances = utterances.filter(functions.col("corpus").isin(corpora.toArray()));
    List<String> columns = List.of(utterances.columns());
    if (!columns.contains("pcm16"))
      return null; // a table without audio (e.g. features made elsewhere): nothing to cut
    Column seconds =
        columns.contains("duration_s")
            ? functions.col("duration_s")
            : functions.length(functions.col("pcm16")).divide(2.0 * 16_000); // 16 kHz int16
    utterances = utterances.filter(seconds.gt(longerThanS));
    Dataset<Row> windows =
        EgemapsWindows.of(utterances, formants, sources.get(0).column(), windowSamples, hopSamples);
    List<String> have = List.of(utterances.columns());
    Dataset<Row> meta =
        utterances.select(
            Stream.of("utterance_id", "path", "speaker", "emotion")
                .map(
                    c ->
                        have.contains(c)
                            ? functions.col(c)
                            : functions.lit(null).cast("string").as(c))
                .toArray(Column[]::new));
    Dataset<Row> input = windows.join(meta, "utterance_id").cache();
    if (input.isEmpty()) return null; // no file longer than the threshold
    PipelineModel model = TestSideStatistics.adapt(trained.model(), input);
    Column ok = functions.col("status").equalTo("ok");
    return model
        .transform(input)
        .select(
            functions.col("utterance_id"),
            functions.col("corpus"),
            functions.col("path"),
            functions.col("speaker"),
            functions.col("emotion"),
            functions.col("window"),
            functions.col("start_s"),
            functions.col("end_s"),
            functions.col("status"),
            functions.when(ok, functions.col("predictedEmotion")).as("predicted"),
            functions$
                .MODULE$
                .vector_to_array(functions.col("rawPrediction"), "float64")
                .as("scores"),
            functions.lit(trained.runId()).as("train_run_id"),
            functions.lit(codeVersion).as("code_version"))
        .orderBy("utterance_id", "window");
  }

  /**
   * Scores the predictions whose true emotion is one of the model's classes; none such: no report.
   */
  private static Outcome score(
      List<String> labels,
      Dataset<Row> predictions,
      SpeakerBootstrap bootstrap,
      Map<String, Long> excluded) {
    List<Row> rows =
        predictions
            .filter(functions.col("emotion").isin(labels.toArray()))
            .select("utterance_id", "corpus", "speaker", "emotion", "predicted", "scores")
            .orderBy("utterance_id")
            .collectAsList();
    if (rows.isEmpty()) return new Outcome(predictions, null, 0, excluded);
    int n = rows.size();
    int[] t = new int[n], p = new int[n];
    double[][] s = new double[n][];
    String[] spk = new String[n];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      t[i] = labels.indexOf(r.getString(3));
      p[i] = labels.indexOf(r.getString(4));
      s[i] = r.getList(5).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
      spk[i] = r.getString(1) + "/" + r.getString(2);
    }
    return new Outcome(
        predictions, ClassificationReport.of(labels, t, p, s, spk, bootstrap), n, excluded);
  }
}
