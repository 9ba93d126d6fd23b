package io.serspark.it;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.ingest.CorpusSource;
import io.serspark.ingest.CorpusSummary;
import io.serspark.ingest.IngestPipeline;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * URDU and CASIA ingested from ../shared/corpora by their adapters (conf/corpora/urdu.yaml,
 * casia.yaml) into a warehouse of their own: every file accounted for, SOURCE.md's counts,
 * MANIFEST.tsv's hashes.
 */
class IngestUrduCasiaTest {
  private static Warehouse wh;
  private static Map<String, CorpusSummary> summary;

  @BeforeAll
  static void ingest() throws Exception {
    wh =
        Warehouse.open(
            Sessions.local(2), Files.createTempDirectory("serspark-urdu-casia").toString());
    summary =
        new IngestPipeline(wh, TestData.conf())
            .run(
                new IngestPipeline.Options(
                    List.of(
                        new CorpusSource(
                            "urdu", "urdu", TestData.shared().resolve("corpora/urdu").toString()),
                        new CorpusSource(
                            "casia",
                            "casia",
                            TestData.shared().resolve("corpora/casia").toString())),
                    IngestPipeline.Mode.REPLACE,
                    0,
                    2));
  }

  private static Dataset<Row> utterances(String corpus) {
    return wh.read("utterances").filter(col("corpus").equalTo(corpus));
  }

  private static Map<String, Long> counts(Dataset<Row> df, String column) {
    Map<String, Long> m = new TreeMap<>();
    for (Row r : df.groupBy(column).count().collectAsList()) m.put(r.getString(0), r.getLong(1));
    return m;
  }

  @Test
  void urduAll400FilesWithSourceMdsCounts() throws Exception {
    CorpusSummary s = summary.get("urdu");
    assertEquals(400, s.filesSeen, s.describe());
    assertEquals(400, s.written, s.describe());
    assertEquals(0, s.quarantined, s.describe());
    assertEquals(
        Map.of(".md", 2L, ".tsv", 1L),
        s.ignoredByKind,
        "SOURCE.md, README.source.md, MANIFEST.tsv");
    Dataset<Row> u = utterances("urdu");
    assertEquals(
        Map.of("angry", 100L, "happy", 100L, "neutral", 100L, "sad", 100L), counts(u, "emotion"));
    Map<String, Long> perSpeaker = counts(u, "speaker");
    assertEquals(29, perSpeaker.size(), "29 speaker codes");
    assertEquals(80L, perSpeaker.get("urdu:SM5"));
    assertEquals(48L, perSpeaker.get("urdu:SM4"));
    assertEquals(4L, perSpeaker.get("urdu:SF11"));
    assertEquals(Map.of("male", 344L, "female", 56L), counts(u, "gender"));
    for (Row r :
        u.select("source_sample_rate", "source_channels", "num_samples", "path").collectAsList()) {
      assertEquals(44100, r.getInt(0));
      assertEquals(1, r.getInt(1));
      // 2.000 s, 3.0035 s, and the one 0.99 s file (SOURCE.md), at 16 kHz
      int n = r.getInt(2);
      assertTrue(
          Math.abs(n - 32000) <= 1 || Math.abs(n - 48057) <= 1 || Math.abs(n - 15874) <= 1,
          r.getString(3) + ": " + n + " samples");
    }
    assertEquals(TestData.manifestSha256("urdu"), sha256(u), "sha256 per file vs MANIFEST.tsv");
  }

  @Test
  void casia1200FilesSideFilesCountedGenderMarkedInferred() throws Exception {
    CorpusSummary s = summary.get("casia");
    assertEquals(1200, s.filesSeen, s.describe());
    assertEquals(1200, s.written, s.describe());
    assertEquals(0, s.quarantined, s.describe());
    assertEquals(
        Map.of(
            ".lab", 1195L, ".peak", 1200L, ".tag", 1200L, ".ini", 28L, ".txt", 1L, ".md", 1L,
            ".tsv", 1L),
        s.ignoredByKind,
        s.describe());
    assertTrue(
        s.describe()
            .contains(
                "non-audio files ignored: 28 x .ini, 1195 x .lab, 1 x .md, 1200 x .peak, "
                    + "1200 x .tag, 1 x .tsv, 1 x .txt"),
        s.describe());
    assertTrue(
        s.describe().contains("gender is inferred, not stated by the corpus: "), s.describe());
    Dataset<Row> u = utterances("casia");
    assertEquals(
        Map.of(
            "angry",
            200L,
            "fear",
            200L,
            "happy",
            200L,
            "neutral",
            200L,
            "sad",
            200L,
            "surprise",
            200L),
        counts(u, "emotion"));
    assertEquals(
        Map.of(
            "casia:ZhaoZuoxiang",
            300L,
            "casia:liuchanhg",
            300L,
            "casia:wangzhe",
            300L,
            "casia:zhaoquanyin",
            300L),
        counts(u, "speaker"));
    assertEquals(50, u.select("text_id").distinct().count());
    assertEquals(
        List.of(16000),
        u.select("source_sample_rate").distinct().collectAsList().stream()
            .map(r -> r.getInt(0))
            .toList());
    assertEquals(TestData.manifestSha256("casia"), sha256(u), "sha256 per file vs MANIFEST.tsv");
  }

  private static Map<String, String> sha256(Dataset<Row> u) {
    Map<String, String> ours = new HashMap<>();
    for (Row r : u.select("path", "sha256").collectAsList())
      ours.put(r.getString(0), r.getString(1));
    return ours;
  }
}
