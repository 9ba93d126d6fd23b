package io.serspark.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serspark.config.ConfigException;
import io.serspark.train.FeatureSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;

/**
 * A train run folder ({@code runs/train/<run-id>/}) read back for prediction: everything a model
 * needs travels in it — {@code metrics.json} (feature spec, label list in class-index order, task,
 * encoder sha256s) and {@code model/} (the PipelineModel, which holds the assembler's column order,
 * the imputer's means and the z-score statistics).
 *
 * @param runId the train run's id
 * @param features the feature spec the model was trained on
 * @param labels class names, index i = class i of the model's prediction column (empty for
 *     regression)
 * @param target {@code emotion} for classifiers, else the dimensional label the regressor predicts
 * @param embeddingModels encoder sha256 per embeddings table (see {@link ModelInputs})
 */
public record TrainedModel(
    String path,
    String runId,
    FeatureSpec features,
    List<String> labels,
    String target,
    Map<String, String> embeddingModels,
    PipelineModel model) {

  public boolean regression() {
    return !target.equals("emotion");
  }

  /**
   * Reads {@code path}; a folder that is not a complete train run is one line naming what is
   * missing.
   */
  public static TrainedModel read(SparkSession spark, String path) {
    Path root = new Path(path);
    JsonNode m;
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path metrics = new Path(root, "metrics.json");
      if (!fs.exists(root))
        throw new ConfigException(
            "--model " + path + ": no such folder (give runs/train/<run-id> of a warehouse)");
      if (!fs.exists(metrics))
        throw new ConfigException(
            "--model " + path + ": no metrics.json; is this a runs/train/<run-id> folder?");
      try (InputStream in = fs.open(metrics)) {
        m = new ObjectMapper().readTree(in);
      }
      if (!fs.exists(new Path(root, "model/metadata"))) {
        throw new ConfigException(
            "--model "
                + path
                + ": the run has no model/ (trained with --no-model?; train it again without it)");
      }
    } catch (IOException e) {
      throw new ConfigException(
          "--model " + path + ": cannot read the run folder (" + e.getMessage() + ")");
    }
    for (String key : List.of("features", "run_id")) {
      if (!m.hasNonNull(key))
        throw new ConfigException(
            "--model " + path + ": metrics.json has no '" + key + "'; not a train run");
    }
    String target =
        m.path("task").asText("").equals("regression") ? m.path("target").asText() : "emotion";
    List<String> labels = new ArrayList<>();
    m.path("labels").forEach(n -> labels.add(n.asText()));
    if (target.equals("emotion") && labels.isEmpty())
      throw new ConfigException("--model " + path + ": metrics.json has no label list");
    Map<String, String> shas = new LinkedHashMap<>();
    m.path(ModelInputs.KEY)
        .path("embedding_models")
        .fields()
        .forEachRemaining(e -> shas.put(e.getKey(), e.getValue().asText()));
    PipelineModel model = PipelineModel.load(new Path(root, "model").toString());
    return new TrainedModel(
        path,
        m.get("run_id").asText(),
        FeatureSpec.parse(m.get("features").asText()),
        List.copyOf(labels),
        target,
        shas,
        model);
  }
}
