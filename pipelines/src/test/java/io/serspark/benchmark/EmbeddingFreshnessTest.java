package io.serspark.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.serspark.embed.ModelSpec;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes a benchmark compute an upstream's embeddings again, per corpus: no table, a table the
 * embed job made (no audio fingerprints), another model file, utterances added, removed or with
 * other audio, a re-ingest; and nothing when the table matches. Hand-written tables, no model run.
 */
class EmbeddingFreshnessTest {
  @TempDir static Path tmp;
  static SparkSession spark;
  static BenchmarkSpec spec;
  static String sha;

  static final StructType UTTERANCES =
      new StructType()
          .add("utterance_id", DataTypes.StringType)
          .add("corpus", DataTypes.StringType)
          .add("sha256", DataTypes.StringType)
          .add("num_samples", DataTypes.IntegerType);
  static final StructType EMBEDDINGS =
      new StructType()
          .add("utterance_id", DataTypes.StringType)
          .add("corpus", DataTypes.StringType)
          .add("layer", DataTypes.IntegerType)
          .add("model_sha256", DataTypes.StringType)
          .add("audio_sha256", DataTypes.StringType);

  @BeforeAll
  static void setUp() {
    spark = Sessions.local(2);
    spec =
        BenchmarkSpecTest.parse(
            BenchmarkSpecTest.GOOD.replace(
                "features: [egemaps]",
                "features: [{upstream: tiny, model: '"
                    + UpstreamFeaturesTest.TINY
                    + "', layers: [3]}]"));
    sha = ModelSpec.sha256(Path.of(UpstreamFeaturesTest.TINY));
  }

  /**
   * Corpora a, b, c with two utterances each (c's second one empty: the embedder skips it);
   * embeddings of both.
   */
  static Warehouse warehouse(String name, String model, boolean withAudio, String changedId) {
    Warehouse wh = Warehouse.open(spark, tmp.resolve(name).toString());
    List<Row> u = new ArrayList<>();
    List<Row> e = new ArrayList<>();
    for (String c : List.of("a", "b", "c")) {
      for (int i = 0; i < 2; i++) {
        String id = c + i;
        boolean empty = c.equals("c") && i == 1;
        u.add(RowFactory.create(id, c, "sha-" + id, empty ? 0 : 16_000));
        if (empty) continue;
        for (int l = 0; l < 4; l++) {
          e.add(RowFactory.create(id, c, l, model, id.equals(changedId) ? "other" : "sha-" + id));
        }
      }
    }
    wh.writeAtomically(spark.createDataFrame(u, UTTERANCES), "utterances", List.of("corpus"));
    var t = spark.createDataFrame(e, EMBEDDINGS);
    if (model != null)
      wh.writeAtomically(withAudio ? t : t.drop("audio_sha256"), "embeddings/tiny", List.of());
    return wh;
  }

  static List<String> plan(Warehouse wh, List<String> reingested) {
    List<EmbeddingFreshness.Stage> stages = new EmbeddingFreshness(wh).plan(spec, reingested);
    return stages.isEmpty() ? List.of() : stages.get(0).reasons();
  }

  @Test
  void everyReasonToComputeAnUpstreamsEmbeddingsAgain() {
    assertEquals(List.of(), plan(warehouse("fresh", sha, true, null), List.of()), "up to date");
    assertEquals(
        List.of("embeddings tiny b: its utterances are being re-ingested"),
        plan(warehouse("fresh", sha, true, null), List.of("b")));
    assertEquals(
        List.of(
            "embeddings tiny a: embeddings/tiny does not exist",
            "embeddings tiny b: embeddings/tiny does not exist",
            "embeddings tiny c: embeddings/tiny does not exist"),
        plan(warehouse("none", null, true, null), List.of()));
    assertEquals(
        "embeddings tiny a: embeddings/tiny was not made by the benchmark (no audio_sha256 column to check it "
            + "against utterances)",
        plan(warehouse("embed-job", sha, false, null), List.of()).get(0));
    List<String> model = plan(warehouse("model", "0123456789abcdef", true, null), List.of());
    assertEquals(3, model.size(), model.toString());
    assertEquals(
        "embeddings tiny a: the model file "
            + UpstreamFeaturesTest.TINY
            + " changed (sha256 "
            + sha.substring(0, 12)
            + "…, the table's [0123456789ab…])",
        model.get(0));
    assertEquals(
        List.of(
            "embeddings tiny b: 1 utterances differ (id or audio sha256) between utterances and "
                + "embeddings/tiny"),
        plan(warehouse("audio", sha, true, "b1"), List.of()),
        "one file's audio changed");
  }
}
