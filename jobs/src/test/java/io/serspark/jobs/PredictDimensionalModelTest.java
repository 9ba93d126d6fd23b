package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serspark.spark.Sessions;
import io.serspark.train.EmoDbLosoSvm;
import io.serspark.warehouse.Warehouse;
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
 * A regression run saves its fitted PipelineModel, and predict applies it: each utterance gets the
 * model's value, the one the saved model gives when loaded by MLlib itself.
 */
class PredictDimensionalModelTest {
  private static Path warehouse;
  private static SparkSession spark;

  @BeforeAll
  static void warehouse() throws Exception {
    spark = Sessions.local(2);
    spark.sparkContext().setLogLevel("WARN");
    warehouse = Files.createTempDirectory("serspark-predict-dim-wh");
    Path csv = TrainJobTest.sharedRoot().resolve("anchors/opensmile-egemaps/emodb.functionals.csv");
    Dataset<Row> raw = EmoDbLosoSvm.openSmileFunctionals(spark, csv).cache();
    List<String> names = EmoDbLosoSvm.featureNames(csv);
    Warehouse w = Warehouse.open(spark, warehouse.toString());
    w.writeAtomically(
        raw.select(
            functions.col("utterance_id"),
            functions.col("corpus"),
            functions.concat(functions.col("utterance_id"), functions.lit(".wav")).as("path"),
            functions.col("speaker"),
            functions.col("emotion"),
            functions.lit(null).cast("string").as("split"),
            // a stand-in arousal (EmoDB has none), as in TrainJobTest
            functions
                .when(functions.col("emotion").isin("angry", "happy", "fear"), 0.8)
                .when(functions.col("emotion").isin("sad", "boredom"), 0.2)
                .otherwise(0.5)
                .as("arousal")),
        "utterances",
        List.of("corpus"));
    List<Column> cols =
        new ArrayList<>(List.of(functions.col("utterance_id"), functions.col("corpus")));
    for (String n : names) cols.add(functions.col("`" + n + "`"));
    cols.add(functions.lit("ok").as("status"));
    w.writeAtomically(raw.select(cols.toArray(new Column[0])), "features/egemaps_v02", List.of());
  }

  @Test
  void aDimensionalModelIsSavedAndPredictGivesItsValues() throws Exception {
    String wh = warehouse.toString();
    assertEquals(
        0,
        Main.run(
            "train",
            "--warehouse",
            wh,
            "--features",
            "egemaps_v02",
            "--target",
            "arousal",
            "--regressor",
            "ridge",
            "--grid",
            "regParam=0.1",
            "--protocol",
            "speaker-kfold:2",
            "--bootstrap",
            "0",
            "--run-id",
            "dim"));
    Path run = warehouse.resolve("runs/train/dim");
    JsonNode m = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
    assertTrue(m.get("model").asText().startsWith("all 535 utterances"), m.get("model").asText());
    PipelineModel saved = PipelineModel.load(run.resolve("model").toString());
    assertEquals(4, saved.stages().length, "assembler, mean imputer, z-score, regressor");

    assertEquals(
        0,
        Main.run(
            "predict",
            "--model",
            run.toString(),
            "--warehouse",
            wh,
            "--utterances",
            "--corpus-name",
            "emodb",
            "--run-id",
            "dim-on-emodb"));
    Dataset<Row> predicted =
        spark.read().parquet(warehouse.resolve("predictions/dim-on-emodb/predictions").toString());
    assertEquals(535, predicted.count(), "every utterance predicted");
    assertTrue(
        List.of(predicted.columns()).contains("value"), List.of(predicted.columns()).toString());
    // the values are the saved model's own, applied by MLlib to the same features
    Dataset<Row> features =
        Warehouse.open(spark, wh)
            .read("utterances")
            .join(
                io.serspark.train.FeatureSpec.parse("egemaps_v02")
                    .load(Warehouse.open(spark, wh))
                    .table(),
                "utterance_id");
    List<Row> byMllib =
        saved.transform(features).orderBy("utterance_id").select("prediction").collectAsList();
    List<Row> byPredict = predicted.orderBy("utterance_id").select("value").collectAsList();
    for (int i = 0; i < byMllib.size(); i++)
      assertEquals(byMllib.get(i).getDouble(0), byPredict.get(i).getDouble(0), 1e-9, "row " + i);
    double corr = predicted.stat().corr("value", "arousal");
    assertTrue(corr > 0.5, "the model's values follow the arousal it learnt: r = " + corr);
    String csvText =
        Files.readString(warehouse.resolve("predictions/dim-on-emodb/predictions.csv"));
    assertTrue(
        csvText.startsWith("utterance_id,corpus,path,speaker,arousal,value,"),
        csvText.substring(0, 80));
  }
}
