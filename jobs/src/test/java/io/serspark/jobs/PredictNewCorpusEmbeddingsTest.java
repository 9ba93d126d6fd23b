package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.demo.DemoCorpus;
import io.serspark.spark.Sessions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained on embeddings predicts a new corpus: predict embeds it with the encoder file the
 * model was trained on (checked by sha256), giving the vectors {@code embed} gives; a missing or
 * different encoder file is refused with one line before anything is ingested.
 */
class PredictNewCorpusEmbeddingsTest {
  @TempDir Path tmp;

  @Test
  void aNewCorpusIsEmbeddedWithTheModelsEncoderOrRefused() throws Exception {
    SparkSession spark = Sessions.local(2);
    spark.sparkContext().setLogLevel("WARN");
    Path corpora = tmp.resolve("corpus");
    String wh = tmp.resolve("warehouse").toString();
    String encoder = EmbedJobTest.model("tiny-ssl-lengths").toString();
    DemoCorpus.write(corpora, DemoCorpus.DEFAULT_SEED, 2, 2);
    run("ingest", "--corpus", "demo-a=" + corpora.resolve("demo-a"), "--warehouse", wh);
    run("embed", "--warehouse", wh, "--model", encoder, "--name", "tiny", "--device", "cpu");
    run(
        "train",
        "--warehouse",
        wh,
        "--corpus",
        "demo-a",
        "--features",
        "embeddings/tiny:layer=1,pooling=mean",
        "--classifier",
        "lr",
        "--grid",
        "regParam=0.1",
        "--labels",
        "4class",
        "--protocol",
        "speaker-kfold:2",
        "--bootstrap",
        "0",
        "--run-id",
        "tiny");
    String model = tmp.resolve("warehouse/runs/train/tiny").toString();
    String demoB = "demo-b=" + corpora.resolve("demo-b");

    String missing =
        PredictJobTest.errorOf("predict", "--model", model, "--warehouse", wh, "--corpus", demoB);
    assertTrue(missing.contains("give --embedding-model tiny=<that encoder file>"), missing);
    String other =
        PredictJobTest.errorOf(
            "predict",
            "--model",
            model,
            "--warehouse",
            wh,
            "--corpus",
            demoB,
            "--embedding-model",
            "tiny=" + EmbedJobTest.model("tiny-ssl-groupnorm"));
    assertTrue(other.contains("the model was trained on embeddings/tiny made by sha256"), other);
    assertEquals(1, other.strip().lines().count(), other);
    assertEquals(
        0,
        spark.read().parquet(wh + "/utterances").filter("corpus = 'demo-b'").count(),
        "nothing ingested before the encoder was checked");

    run(
        "predict",
        "--model",
        model,
        "--warehouse",
        wh,
        "--corpus",
        demoB,
        "--embedding-model",
        "tiny=" + encoder,
        "--bootstrap",
        "0",
        "--run-id",
        "b");
    assertEquals(
        16, spark.read().parquet(wh + "/predictions/b/predictions").count(), "every demo-b file");
    // the vectors predict made are embed's: embed demo-b again under another name and compare
    run(
        "embed",
        "--warehouse",
        wh,
        "--model",
        encoder,
        "--name",
        "again",
        "--corpus",
        "demo-b",
        "--device",
        "cpu");
    Map<String, List<Float>> made = vectors(spark, wh + "/embeddings/tiny");
    Map<String, List<Float>> again = vectors(spark, wh + "/embeddings/again");
    assertEquals(again.keySet(), made.keySet(), "demo-b rows (utterance, layer, pooling)");
    for (String k : again.keySet()) assertEquals(again.get(k), made.get(k), k);
    assertFalse(
        vectors(spark, wh + "/embeddings/tiny", "demo-a").isEmpty(), "demo-a's rows are kept");
  }

  private static Map<String, List<Float>> vectors(SparkSession spark, String table) {
    return vectors(spark, table, "demo-b");
  }

  private static Map<String, List<Float>> vectors(SparkSession spark, String table, String corpus) {
    Map<String, List<Float>> out = new HashMap<>();
    for (Row r :
        spark.read().parquet(table).filter(functions.col("corpus").equalTo(corpus)).collectAsList())
      out.put(
          r.getAs("utterance_id") + "/" + r.getAs("layer") + "/" + r.getAs("pooling"),
          r.getList(r.fieldIndex("vector")));
    return out;
  }

  private static void run(String... a) {
    assertEquals(0, Main.run(a), String.join(" ", a));
  }
}
