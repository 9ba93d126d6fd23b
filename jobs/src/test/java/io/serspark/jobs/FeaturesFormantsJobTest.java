package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.benchmark.BenchmarkSpec;
import io.serspark.benchmark.KnownCorpora;
import io.serspark.benchmark.StageFreshness;
import io.serspark.corpus.LabelSets;
import io.serspark.egemaps.EgemapsExtractor;
import io.serspark.egemaps.EgemapsNames;
import io.serspark.egemaps.voice.FormantTracker;
import io.serspark.features.EgemapsFeatures;
import io.serspark.features.EgemapsSchema;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./submit.sh features --formants accurate} on six EmoDB files ingested by our job: its own
 * table, the values of the extractor with the accurate tracker, the same as the SQL function {@code
 * egemaps_accurate_formants}, and openSMILE's table left as it was; a benchmark asking for {@code
 * egemaps_accurate_formants} plans to compute that table, and only that one, until it exists.
 */
class FeaturesFormantsJobTest {
  @TempDir static Path tmp;
  private static SparkSession spark;
  private static String warehouse;
  private static final String[] FILES = {
    "03a01Fa", "08a02Tb", "09a05Lc", "10b03Tb", "13a05Nb", "16a04Wb"
  };

  @BeforeAll
  static void ingestSixEmoDbFiles() throws Exception {
    spark = Sessions.local(2);
    Path corpus = Files.createDirectories(tmp.resolve("emodb/wav"));
    for (String f : FILES) {
      // copies, not links: ingest follows only links that stay inside the corpus folder
      Files.copy(
          TrainJobTest.sharedRoot().resolve("corpora/emodb/wav/" + f + ".wav"),
          corpus.resolve(f + ".wav"));
    }
    warehouse = tmp.resolve("wh").toString();
    assertEquals(
        0,
        Main.run("ingest", "--corpus", "emodb=" + tmp.resolve("emodb"), "--warehouse", warehouse));
  }

  @Test
  void accurateFormantsGoToTheirOwnTableWithTheExtractorsValues() {
    assertEquals(0, Main.run("features", "--warehouse", warehouse));
    Warehouse wh = Warehouse.open(spark, warehouse);
    List<Row> before =
        wh.read(EgemapsSchema.FUNCTIONALS_TABLE).orderBy("utterance_id").collectAsList();
    BenchmarkSpec spec =
        BenchmarkSpec.parse(
            String.join(
                "\n",
                "name: formants",
                "label_set: 4class",
                "corpora: [emodb]",
                "features: [egemaps, egemaps_accurate_formants]",
                "classifiers: [svm]",
                "protocols: {within: loso, cross: false, leave_one_corpus_out: false}",
                ""),
            "spec.yaml",
            LabelSets.load(Path.of("..", "conf")),
            new KnownCorpora(Set.of("emodb")));
    List<String> tables = spec.features().stream().map(BenchmarkSpec.FeatureSet::table).toList();
    StageFreshness.Plan plan = new StageFreshness(wh).plan(spec, tables);
    assertEquals(
        Map.of(EgemapsSchema.ACCURATE_FORMANTS_TABLE, List.of("emodb")),
        plan.features(),
        plan.reasons().toString());
    assertTrue(plan.ingest().isEmpty());

    assertEquals(
        0, Main.run("features", "--warehouse", warehouse, "--formants", "accurate", "--lld"));
    assertTrue(wh.exists("features/egemaps_v02_accurate_formants"));
    assertTrue(wh.exists("features/egemaps_v02_accurate_formants_lld"));
    assertFalse(wh.exists(EgemapsSchema.LLD_TABLE), "openSMILE's LLD table was not asked for");
    assertEquals(
        before,
        wh.read(EgemapsSchema.FUNCTIONALS_TABLE).orderBy("utterance_id").collectAsList(),
        "openSMILE's table untouched");

    List<Row> utts = wh.read("utterances").orderBy("utterance_id").collectAsList();
    List<Row> acc =
        wh.read(EgemapsSchema.ACCURATE_FORMANTS_TABLE).orderBy("utterance_id").collectAsList();
    assertEquals(FILES.length, acc.size());
    EgemapsExtractor extractor = new EgemapsExtractor(FormantTracker.ACCURATE);
    String f1 = "F1frequency_sma3nz_amean";
    for (int i = 0; i < utts.size(); i++) {
      byte[] pcm = utts.get(i).getAs("pcm16");
      short[] s = new short[pcm.length / 2];
      ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
      float[] want = extractor.extract(s).values();
      for (int k = 0; k < want.length; k++) {
        String name = EgemapsNames.FUNCTIONALS.get(k);
        assertEquals(Float.isNaN(want[k]) ? null : want[k], acc.get(i).<Float>getAs(name), name);
      }
      assertTrue(
          !acc.get(i).getAs(f1).equals(before.get(i).getAs(f1)),
          "F1 mean differs from openSMILE's chain");
    }
    assertEquals(
        FILES.length * 1L,
        wh.read(EgemapsSchema.ACCURATE_FORMANTS_LLD_TABLE)
            .select("utterance_id")
            .distinct()
            .count());
    assertTrue(
        new StageFreshness(wh).plan(spec, tables).nothingToDo(), "both eGeMAPS tables up to date");

    EgemapsFeatures.register(spark);
    wh.read("utterances").createOrReplaceTempView("u");
    List<Row> sql =
        spark
            .sql(
                "SELECT utterance_id, egemaps_accurate_formants(pcm16) AS e FROM u ORDER BY "
                    + "utterance_id")
            .collectAsList();
    for (int i = 0; i < sql.size(); i++) {
      Row e = sql.get(i).getStruct(1);
      for (int k = 0; k < EgemapsNames.FUNCTIONALS.size(); k++) {
        String name = EgemapsNames.FUNCTIONALS.get(k);
        assertEquals(acc.get(i).<Float>getAs(name), e.<Float>getAs(name), name);
      }
    }
  }
}
