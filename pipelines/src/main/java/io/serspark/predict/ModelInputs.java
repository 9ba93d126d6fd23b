package io.serspark.predict;

import io.serspark.config.ConfigException;
import io.serspark.train.FeatureSpec;
import io.serspark.warehouse.Warehouse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * What a trained model's inputs were made with, beyond the feature spec itself: the sha256 of the
 * encoder behind every embeddings table. The eGeMAPS variant (formant tracker) is already part of
 * the table name ({@code features/egemaps_v02} vs {@code features/egemaps_v02_accurate_formants}),
 * so the spec pins it; an embeddings table name does not pin its model (a re-run of {@code embed
 * --name} with another file keeps the name). Train records this map in {@code metrics.json} ({@code
 * inputs}); predict compares it with the tables it reads.
 */
public final class ModelInputs {
  public static final String KEY = "inputs";

  private ModelInputs() {}

  /**
   * For each embeddings table of {@code spec}: the model sha256(s) of its rows of {@code corpora}
   * (all when empty).
   */
  public static Map<String, String> embeddingModels(
      Warehouse w, FeatureSpec spec, List<String> corpora) {
    Map<String, String> out = new LinkedHashMap<>();
    for (FeatureSpec.Source s : spec.sources()) {
      if (!s.isEmbedding() || out.containsKey(s.table()) || !w.exists(s.table())) continue;
      Dataset<Row> t = w.read(s.table());
      if (!List.of(t.columns()).contains("model_sha256")) {
        out.put(s.table(), "unknown");
        continue;
      }
      if (!corpora.isEmpty()) t = t.filter(functions.col("corpus").isin(corpora.toArray()));
      TreeSet<String> shas = new TreeSet<>();
      for (Row r : t.select("model_sha256").distinct().collectAsList())
        shas.add(String.valueOf(r.get(0)));
      out.put(s.table(), String.join(",", shas));
    }
    return out;
  }

  /**
   * Refuses (one line) when an embeddings table the model reads was computed, for {@code corpora},
   * by another encoder than at training time, or when the run did not record it (a run written
   * before runs recorded their inputs).
   */
  public static void check(
      Map<String, String> trained,
      Warehouse w,
      FeatureSpec spec,
      List<String> corpora,
      String modelPath) {
    Map<String, String> now = embeddingModels(w, spec, corpora);
    for (Map.Entry<String, String> e : now.entrySet()) {
      String recorded = trained.get(e.getKey());
      if (recorded == null) {
        throw new ConfigException(
            "--model "
                + modelPath
                + ": the run does not record which encoder made "
                + e.getKey()
                + " (it was trained before runs recorded their inputs); train it again to predict with it");
      }
      if (!recorded.equals(e.getValue())) {
        throw new ConfigException(
            e.getKey()
                + " in the warehouse was computed by model sha256 "
                + e.getValue()
                + " for "
                + (corpora.isEmpty() ? "these corpora" : corpora)
                + ", the model was trained on sha256 "
                + recorded
                + "; run ./submit.sh embed with the model file the run was trained on");
      }
    }
  }
}
