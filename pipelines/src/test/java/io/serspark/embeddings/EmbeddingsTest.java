package io.serspark.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.config.ConfigException;
import io.serspark.embed.DeviceChoice;
import io.serspark.embed.Embedder;
import io.serspark.embed.ModelRunner;
import io.serspark.embed.ModelSpec;
import io.serspark.embed.Pcm16;
import io.serspark.embed.Pooling;
import io.serspark.embed.UtteranceEmbedding;
import io.serspark.spark.Sessions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddingsTest {
  private static SparkSession spark;
  private static String lengthsModel;

  @BeforeAll
  static void start() {
    spark = Sessions.local(2);
    lengthsModel = TestUtterances.model("tiny-ssl-lengths").toString();
  }

  private static EmbedOptions options(String model, String layers) {
    return EmbedOptions.of(
        model, "tiny", layers, "mean,std", "cpu", 100_000, "auto", 2.0, 0.5, null);
  }

  private static Map<String, float[]> collect(Dataset<Row> df) {
    Map<String, float[]> out = new HashMap<>();
    for (Row r : df.collectAsList()) {
      List<Float> v = r.getList(r.fieldIndex("vector"));
      float[] a = new float[v.size()];
      for (int i = 0; i < a.length; i++) a[i] = v.get(i);
      String key = r.getString(0) + "/" + r.getInt(2) + "/" + r.getString(3);
      assertTrue(out.put(key, a) == null, "duplicate row " + key);
    }
    return out;
  }

  @Test
  void sameBytesWhateverThePartitioningAndEqualToEmbeddingEachUtteranceAlone() {
    Dataset<Row> utterances = TestUtterances.dataFrame(spark);
    EmbedOptions opts = options(lengthsModel, "0,3");
    long bucket =
        3 * 16_000; // 3 s buckets: 14 s of audio -> 5 buckets, each embedded as its own group
    Dataset<Row> a = Embeddings.transform(utterances.repartition(1), opts, null, bucket);
    assertEquals(Embeddings.SCHEMA, a.schema());
    List<Row> rowsA = a.collectAsList();
    assertEquals(
        TestUtterances.LENGTHS.length * 2 * 2, rowsA.size(), "utterances × layers × poolings");
    for (Row r : rowsA) {
      assertEquals("cpu", r.getString(6));
      assertEquals(64, r.getString(5).length(), "model_sha256");
      assertEquals(
          r.getString(0).compareTo("u00") >= 0
                  && (Integer.parseInt(r.getString(0).substring(1)) % 3 == 0)
              ? "tiny_b"
              : "tiny_a",
          r.getString(1),
          "corpus of " + r.getString(0));
    }
    Map<String, float[]> one = collect(a);
    Dataset<Row> b = Embeddings.transform(utterances.repartition(5), opts, null, bucket);
    Map<String, float[]> five = collect(b);
    assertEquals(one.keySet(), five.keySet());
    assertEquals(
        keysInOrder(rowsA), keysInOrder(b.collectAsList()), "row order, 1 vs 5 input partitions");
    for (String k : one.keySet())
      assertArrayEquals(one.get(k), five.get(k), 0f, k + ": 1 vs 5 input partitions");

    // each utterance alone, straight through the udfs layer: the distributed batched path agrees
    // within 1e-4
    ModelSpec spec = ModelSpec.read(TestUtterances.model("tiny-ssl-lengths"));
    Embedder single =
        new Embedder(spec, new int[] {0, 3}, List.of(Pooling.MEAN, Pooling.STD), 32_000, 8_000, 1);
    try (ModelRunner runner =
        ModelRunner.open(TestUtterances.model("tiny-ssl-lengths"), spec, DeviceChoice.CPU)) {
      for (int i = 0; i < TestUtterances.LENGTHS.length; i++) {
        float[] wav = Pcm16.toFloat(TestUtterances.pcm16(TestUtterances.LENGTHS[i], i));
        UtteranceEmbedding e = single.embed(List.of(wav), runner).get(0);
        for (int layer : new int[] {0, 3}) {
          for (Pooling p : List.of(Pooling.MEAN, Pooling.STD)) {
            String key = String.format("u%02d/%d/%s", i, layer, p.column());
            float[] expected = e.vector(layer, p);
            float[] actual = one.get(key);
            double max = 0;
            for (int d = 0; d < expected.length; d++)
              max = Math.max(max, Math.abs(expected[d] - actual[d]));
            assertTrue(max <= 1e-4, key + ": max |batched - alone| = " + max);
          }
        }
      }
    }
  }

  private static List<String> keysInOrder(List<Row> rows) {
    List<String> keys = new ArrayList<>();
    for (Row r : rows) keys.add(r.getString(0) + "/" + r.getInt(2) + "/" + r.getString(3));
    return keys;
  }

  @Test
  void corpusFilterAndMetrics() {
    EmbedOptions opts =
        EmbedOptions.of(
            lengthsModel, "tiny", "3", "mean", "cpu", 100_000, "auto", 2.0, 0.5, "tiny_b");
    EmbedMetrics m = new EmbedMetrics(spark.sparkContext());
    List<Row> rows = Embeddings.transform(TestUtterances.dataFrame(spark), opts, m).collectAsList();
    assertEquals(4, rows.size(), "u00 u03 u06 u09 × layer 3 × mean");
    assertEquals(4, m.utterances());
    assertEquals((300 + 11234 + 23456 + 52000) / 16000.0, m.audioSeconds(), 1e-9);
    assertTrue(
        m.paddingFraction() >= 0 && m.paddingFraction() < 0.5, "padding " + m.paddingFraction());

    // a square bound of 4 s² puts each 2 s window in a batch of its own (auto's 400 s² on a CPU
    // does not bind
    // here): more batches, the same vectors
    EmbedOptions square =
        EmbedOptions.of(lengthsModel, "tiny", "3", "mean", "cpu", 100_000, "4", 2.0, 0.5, "tiny_b");
    EmbedMetrics ms = new EmbedMetrics(spark.sparkContext());
    Map<String, float[]> bounded =
        collect(Embeddings.transform(TestUtterances.dataFrame(spark), square, ms));
    assertTrue(
        ms.batches() > m.batches(),
        ms.batches() + " batches with 4 s², " + m.batches() + " with auto");
    Map<String, float[]> auto =
        collect(Embeddings.transform(TestUtterances.dataFrame(spark), opts, null));
    assertEquals(auto.keySet(), bounded.keySet());
    for (String k : auto.keySet()) assertArrayEquals(auto.get(k), bounded.get(k), 1e-4f, k);
  }

  @Test
  void theReadmeExampleRunsAsWritten() {
    // README, "embed", "From your own Spark code": the job's defaults through the public API
    EmbedOptions opts =
        EmbedOptions.of(
            lengthsModel,
            "tiny",
            "all",
            "mean,std",
            "auto",
            EmbedOptions.DEFAULT_MAX_BATCH_SAMPLES,
            "auto",
            20,
            1,
            null);
    List<Row> rows = Embeddings.transform(TestUtterances.dataFrame(spark), opts).collectAsList();
    assertEquals(
        TestUtterances.LENGTHS.length * 4 * 2,
        rows.size(),
        "utterances × 4 hidden states × 2 poolings");
  }

  @Test
  void theSquareBoundIsFourHundredOnACpuAndNoneOnAGpuUnlessGiven() {
    EmbedOptions auto = options(lengthsModel, "all");
    assertEquals(400.0, auto.maxBatchSquareSecondsOn("cpu"));
    assertEquals(Double.POSITIVE_INFINITY, auto.maxBatchSquareSecondsOn("cuda:0"));
    EmbedOptions none =
        EmbedOptions.of(lengthsModel, "t", "all", "mean", "cpu", 1, "none", 2, 0.5, null);
    assertEquals(Double.POSITIVE_INFINITY, none.maxBatchSquareSecondsOn("cpu"));
    EmbedOptions given =
        EmbedOptions.of(lengthsModel, "t", "all", "mean", "cpu", 1, "250", 2, 0.5, null);
    assertEquals(250.0, given.maxBatchSquareSecondsOn("cuda:0"));
    for (String bad : new String[] {"0", "-3", "x", "NaN", "Infinity"}) {
      String m =
          assertThrows(
                  ConfigException.class,
                  () ->
                      EmbedOptions.of(
                          lengthsModel, "t", "all", "mean", "cpu", 1, bad, 2, 0.5, null))
              .getMessage();
      assertTrue(
          m.startsWith("--max-batch-square-seconds '" + bad + "': use auto (400 s² on a CPU"), m);
    }
  }

  @Test
  void badOptionsAndBadModelsFailBeforeTheDistributedRun() {
    assertThrows(ConfigException.class, () -> options("/nonexistent/model.pt", "all"));
    assertThrows(ConfigException.class, () -> options(lengthsModel, "0,,x"));
    assertThrows(
        ConfigException.class,
        () -> EmbedOptions.of(lengthsModel, "t", "all", "mean", "cpu", -1, "auto", 2, 0.5, null));
    assertThrows(
        ConfigException.class,
        () -> EmbedOptions.of(lengthsModel, "t", "all", "max", "cpu", 1, "auto", 2, 0.5, null));
    assertThrows(
        ConfigException.class,
        () -> EmbedOptions.of(lengthsModel, "t", "all", "mean", "tpu", 1, "auto", 2, 0.5, null));
    assertThrows(
        ConfigException.class,
        () -> EmbedOptions.of(lengthsModel, "t", "all", "mean", "cpu", 1, "auto", 2, 2, null));
    assertThrows(
        ConfigException.class,
        () -> EmbedOptions.of(lengthsModel, "../t", "all", "mean", "cpu", 1, "auto", 2, 0, null));
    Dataset<Row> utterances = TestUtterances.dataFrame(spark);
    String m =
        assertThrows(
                ConfigException.class,
                () -> Embeddings.transform(utterances, options(lengthsModel, "0,4")))
            .getMessage();
    assertTrue(m.contains("0..3"), m);
    String wrong = TestUtterances.model("tiny-ssl-wrong-shape").toString();
    m =
        assertThrows(
                ConfigException.class,
                () -> Embeddings.transform(utterances, options(wrong, "all")))
            .getMessage();
    assertTrue(m.contains("hidden states of shape (2, 73, 32)") || m.contains("shape"), m);
    m =
        assertThrows(
                ConfigException.class,
                () -> Embeddings.transform(utterances.drop("pcm16"), options(lengthsModel, "all")))
            .getMessage();
    assertTrue(m.contains("pcm16"), m);
  }
}
