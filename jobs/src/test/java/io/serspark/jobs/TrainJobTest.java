package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The train job end to end on a small warehouse made from openSMILE's EmoDB functionals:
 * utterances, features/egemaps_v02 (5 rows marked too_short) and a two-layer embeddings table.
 */
class TrainJobTest {
  private static Path warehouse;
  private static SparkSession spark;

  @BeforeAll
  static void warehouse() throws Exception {
    spark = Sessions.local(2);
    spark.sparkContext().setLogLevel("WARN");
    warehouse = Files.createTempDirectory("serspark-train-wh");
    Path csv = sharedRoot().resolve("anchors/opensmile-egemaps/emodb.functionals.csv");
    Dataset<Row> raw = io.serspark.train.EmoDbLosoSvm.openSmileFunctionals(spark, csv).cache();
    List<String> names = io.serspark.train.EmoDbLosoSvm.featureNames(csv);
    Warehouse w = Warehouse.open(spark, warehouse.toString());
    w.writeAtomically(
        raw.select(
            functions.col("utterance_id"),
            functions.col("corpus"),
            functions.col("speaker"),
            functions.lit("f").as("gender"),
            functions.col("emotion"),
            functions.lit(null).cast("string").as("split"),
            // a stand-in arousal (EmoDB has none): high for angry/happy/fear, low for sad/boredom,
            // plus a seeded jitter
            functions
                .when(functions.col("emotion").isin("angry", "happy", "fear"), 0.8)
                .when(functions.col("emotion").isin("sad", "boredom"), 0.2)
                .otherwise(0.5)
                .plus(
                    functions
                        .pmod(functions.hash(functions.col("utterance_id")), functions.lit(100))
                        .cast("double")
                        .divide(1000))
                .as("arousal")),
        "utterances",
        List.of("corpus"));
    List<Column> cols =
        new ArrayList<>(List.of(functions.col("utterance_id"), functions.col("corpus")));
    for (String n : names) cols.add(functions.col("`" + n + "`"));
    // five utterances without values, as the features job marks too-short audio
    cols.add(
        functions
            .when(
                functions
                    .col("utterance_id")
                    .isin("03a01Fa", "03a01Nc", "03a01Wa", "03a02Fc", "03a02Nc"),
                "too_short")
            .otherwise("ok")
            .as("status"));
    w.writeAtomically(raw.select(cols.toArray(new Column[0])), "features/egemaps_v02", List.of());
    // an "embedding" table: layer 1 = the first 8 functionals, layer 2 = the next 8, pooling mean
    Dataset<Row> emb = null;
    for (int layer = 1; layer <= 2; layer++) {
      Column[] v =
          names.subList(8 * (layer - 1), 8 * layer).stream()
              .map(n -> functions.col("`" + n + "`"))
              .toArray(Column[]::new);
      Dataset<Row> l =
          raw.select(
              functions.col("utterance_id"),
              functions.col("corpus"),
              functions.lit(layer).as("layer"),
              functions.lit("mean").as("pooling"),
              functions.array(v).as("vector"));
      emb = emb == null ? l : emb.unionByName(l);
    }
    w.writeAtomically(emb, "embeddings/fake", List.of());
  }

  static Path sharedRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("shared/corpora"))) return p.resolve("shared");
    }
    throw new IllegalStateException("no shared/ above " + Path.of("").toAbsolutePath());
  }

  @Test
  void trainsEvaluatesAndSavesALoadableModel() throws Exception {
    int rc =
        Main.run(
            "train",
            "--warehouse",
            warehouse.toString(),
            "--corpus",
            "emodb",
            "--features",
            "egemaps_v02+embeddings/fake:layer=2",
            "--classifier",
            "lr",
            "--grid",
            "regParam=0.1",
            "--labels",
            "all",
            "--protocol",
            "speaker-kfold:2",
            "--bootstrap",
            "100",
            "--run-id",
            "t1");
    assertEquals(0, rc);
    Path run = warehouse.resolve("runs/train/t1");
    JsonNode m = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
    assertEquals(530, m.get("n").asInt(), "535 utterances minus 5 with status too_short");
    assertEquals(5, m.get("excluded").get("features/egemaps_v02 status != ok").asInt());
    assertEquals(7, m.get("labels").size());
    assertTrue(m.get("uar").asDouble() > 0.4, "UAR " + m.get("uar"));
    assertTrue(
        m.get("ci_speaker_bootstrap").get("uar").get("lower").asDouble()
            <= m.get("uar").asDouble());
    assertEquals(2, m.get("folds").size());
    String report = Files.readString(run.resolve("report.md"));
    assertTrue(report.contains("Confusion matrix"));
    assertTrue(
        report.contains("protocol `speaker-kfold:2` (2 folds)"),
        "the report says how many folds were made");
    assertEquals(530, spark.read().parquet(run.resolve("predictions").toString()).count());
    PipelineModel model = PipelineModel.load(run.resolve("model").toString());
    assertEquals(
        5, model.stages().length, "assembler, mean imputer, z-score, classifier, label names");
    assertEquals(0, m.get("undefined_values_filled").asInt(), "EmoDB has no undefined functional");
  }

  @Test
  void regressesADimensionalLabelAndScoresItByConcordance() throws Exception {
    int rc =
        Main.run(
            "train",
            "--warehouse",
            warehouse.toString(),
            "--corpus",
            "emodb",
            "--features",
            "egemaps_v02",
            "--target",
            "arousal",
            "--regressor",
            "ridge",
            "--protocol",
            "speaker-kfold:2",
            "--inner-folds",
            "2",
            "--bootstrap",
            "100",
            "--run-id",
            "r1");
    assertEquals(0, rc);
    Path run = warehouse.resolve("runs/train/r1");
    JsonNode m = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
    assertEquals("regression", m.get("task").asText());
    assertEquals(530, m.get("n").asInt());
    assertTrue(m.get("ccc").asDouble() > 0.5, "CCC " + m.get("ccc"));
    assertTrue(
        m.get("ci_speaker_bootstrap").get("ccc").get("lower").asDouble()
            <= m.get("ccc").asDouble());
    assertEquals(2, m.get("folds").size());
    assertEquals(530, spark.read().parquet(run.resolve("predictions").toString()).count());
    assertEquals(
        2,
        Main.run(
            "train",
            "--warehouse",
            warehouse.toString(),
            "--features",
            "egemaps_v02",
            "--target",
            "valence",
            "--run-id",
            "r2"),
        "no valence column: one clear error");
    assertEquals(
        2,
        Main.run(
            "train",
            "--warehouse",
            warehouse.toString(),
            "--features",
            "egemaps_v02",
            "--target",
            "arousal",
            "--regressor",
            "svr",
            "--run-id",
            "r3"));
  }

  @Test
  void ambiguousEmbeddingLayerIsOneClearError() {
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cl = new picocli.CommandLine(new Main());
    cl.setExecutionExceptionHandler(new JobErrors());
    cl.setErr(new java.io.PrintWriter(err));
    int rc =
        cl.execute(
            "train",
            "--warehouse",
            warehouse.toString(),
            "--features",
            "embeddings/fake",
            "--run-id",
            "t2");
    assertEquals(2, rc);
    assertTrue(
        err.toString().contains("layer=1,pooling=mean")
            && err.toString().contains("layer=2,pooling=mean"),
        err.toString());
    assertTrue(!new File(warehouse.resolve("runs/train/t2").toString()).exists());
  }
}
