package io.serspark.it;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.ingest.CorpusSummary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Ingest of the real corpora in ../shared/corpora, checked against their SOURCE.md and
 * MANIFEST.tsv.
 */
class IngestRealCorporaTest {

  private static Dataset<Row> utterances(String corpus) {
    return RealCorporaWarehouse.get().read("utterances").filter(col("corpus").equalTo(corpus));
  }

  @Test
  void emodbHas535UtterancesTenSpeakersAndTheDocumentedCounts() {
    CorpusSummary s = RealCorporaWarehouse.summary().get("emodb");
    assertEquals(535, s.filesSeen, s.describe());
    assertEquals(535, s.written, s.describe());
    assertEquals(0, s.quarantined, s.describe());
    assertTrue(s.conserved());
    Dataset<Row> u = utterances("emodb");
    assertEquals(535, u.count());
    assertEquals(10, u.select("speaker").distinct().count());
    Map<String, Long> perEmotion = counts(u, "emotion");
    // SOURCE.md: W 127, L 81, E 46, A 69, F 71, T 62, N 79
    assertEquals(
        Map.of(
            "angry", 127L, "boredom", 81L, "disgust", 46L, "fear", 69L, "happy", 71L, "sad", 62L,
            "neutral", 79L),
        perEmotion);
    Map<String, String> gender = new TreeMap<>();
    for (Row r : u.select("speaker", "gender").distinct().collectAsList())
      gender.put(r.getString(0), r.getString(1));
    Map<String, String> documented = new TreeMap<>();
    for (String m : List.of("03", "10", "11", "12", "15")) documented.put("emodb:" + m, "male");
    for (String f : List.of("08", "09", "13", "14", "16")) documented.put("emodb:" + f, "female");
    assertEquals(documented, gender, "gender per EmoDB speaker as in SOURCE.md");
    // 16 kHz files are stored untouched
    assertEquals(1, u.select("source_sample_rate").distinct().count());
    assertEquals(16000, u.select("source_sample_rate").first().getInt(0));
  }

  @Test
  void emodbPcmIsBitExactToTheWavFiles() throws IOException {
    Row r =
        utterances("emodb")
            .filter(col("path").equalTo("wav/03a01Fa.wav"))
            .select("pcm16", "num_samples")
            .first();
    byte[] wav = Files.readAllBytes(TestData.emodb().resolve("wav/03a01Fa.wav"));
    byte[] pcm = r.getAs(0);
    // the file is canonical 44-byte-header PCM16 mono; its data chunk is exactly our pcm16 column
    int dataBytes = ByteBuffer.wrap(wav, 40, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertEquals(dataBytes, pcm.length);
    for (int i = 0; i < pcm.length; i++) {
      if (pcm[i] != wav[44 + i])
        throw new AssertionError("pcm16 differs from the WAV data at byte " + i);
    }
    assertEquals(dataBytes / 2, r.getInt(1));
  }

  @Test
  void ravdessSubsetHas197Utterances24ActorsAnd8EmotionsWithStereoDownmixed() {
    CorpusSummary s = RealCorporaWarehouse.summary().get("ravdess");
    assertEquals(197, s.written, s.describe());
    assertEquals(0, s.quarantined, s.describe());
    Dataset<Row> u = utterances("ravdess");
    assertEquals(197, u.count());
    assertEquals(24, u.select("speaker").distinct().count());
    assertEquals(8, u.select("emotion").distinct().count());
    assertEquals(
        5, u.filter(col("source_channels").equalTo(2)).count(), "the 5 stereo files of SOURCE.md");
    for (Row r : u.select("source_sample_rate", "duration_s", "num_samples").collectAsList()) {
      assertEquals(48000, r.getInt(0));
      assertEquals(r.getInt(2) / 16000.0, r.getDouble(1), 1e-9);
    }
    Map<String, Long> genders = new HashMap<>();
    for (Row r : u.select("speaker", "gender").distinct().collectAsList())
      genders.merge(r.getString(1), 1L, Long::sum);
    assertEquals(Map.of("male", 12L, "female", 12L), genders);
  }

  @Test
  void everySha256EqualsTheManifest() throws IOException {
    for (String corpus : List.of("emodb", "ravdess")) {
      Map<String, String> manifest = TestData.manifestSha256(corpus);
      Map<String, String> ours = new HashMap<>();
      for (Row r : utterances(corpus).select("path", "sha256").collectAsList())
        ours.put(r.getString(0), r.getString(1));
      assertEquals(manifest, ours, corpus + ": sha256 per file vs MANIFEST.tsv");
    }
  }

  private static Map<String, Long> counts(Dataset<Row> df, String column) {
    Map<String, Long> m = new TreeMap<>();
    for (Row r : df.groupBy(column).count().collectAsList()) m.put(r.getString(0), r.getLong(1));
    return m;
  }
}
