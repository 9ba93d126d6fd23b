package io.serspark.it;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.audio.testing.BadAudioFiles;
import io.serspark.ingest.CorpusSource;
import io.serspark.ingest.CorpusSummary;
import io.serspark.ingest.IngestPipeline;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder seeded with every kind of bad file next to good ones: every file ends up in exactly one
 * of utterances or quarantine, each bad file with the stage its kind calls for, and the job goes
 * on.
 */
class IngestBadFilesTest {

  @TempDir Path tmp;

  @Test
  void everyFileIsWrittenOrQuarantinedWithTheRightStage() throws Exception {
    Path corpus = tmp.resolve("seeded");
    Files.createDirectories(corpus.resolve("audio"));
    Map<String, byte[]> bad = BadAudioFiles.all();
    List<String> manifest = new ArrayList<>();
    manifest.add("path,label,speaker");
    for (var e : bad.entrySet()) {
      Files.write(corpus.resolve("audio/" + e.getKey()), e.getValue());
      manifest.add("audio/" + e.getKey() + ",angry,s1");
    }
    // two good files: a real EmoDB file and the same bytes under a name that does not say WAV
    byte[] good = Files.readAllBytes(TestData.emodb().resolve("wav/03a01Fa.wav"));
    Files.write(corpus.resolve("audio/good.wav"), good);
    Files.write(corpus.resolve("audio/good-named-as.flac"), good);
    manifest.add("audio/good.wav,happy,s2");
    manifest.add("audio/good-named-as.flac,sad,s2");
    manifest.add("audio/listed-but-missing.wav,sad,s2");
    Files.write(corpus.resolve("manifest.csv"), manifest);

    Warehouse wh = Warehouse.open(Sessions.local(2), tmp.resolve("wh").toString());
    var opts =
        new IngestPipeline.Options(
            List.of(new CorpusSource("seeded", "manifest", corpus.toString())),
            IngestPipeline.Mode.REPLACE,
            3,
            1);
    CorpusSummary s = new IngestPipeline(wh, TestData.conf()).run(opts).get("seeded");
    System.out.print(s.describe());

    int files = bad.size() + 3;
    assertEquals(files, s.filesSeen, s.describe());
    assertTrue(s.conserved(), s.describe());
    assertEquals(2, s.written);
    assertEquals(bad.size() + 1, s.quarantined);
    assertEquals(2, wh.read("utterances").count());
    List<Row> q = wh.read("quarantine").collectAsList();
    assertEquals(bad.size() + 1, q.size(), "one quarantine row per bad file, no duplicates");
    Map<String, Row> byPath = new HashMap<>();
    for (Row r : q) byPath.put(r.getAs("path"), r);
    for (String name : bad.keySet()) {
      Row r = byPath.get("audio/" + name);
      assertNotNull(r, name + " must be in quarantine");
      String stage = r.getAs("stage");
      assertEquals(
          BadAudioFiles.expectedStage(name).name().toLowerCase(),
          stage,
          name + ": " + r.getAs("reason"));
      String reason = r.getAs("reason");
      assertTrue(
          reason != null && reason.length() > 10, name + " needs a plain reason, got: " + reason);
    }
    assertEquals("read", byPath.get("audio/listed-but-missing.wav").getAs("stage"));
    // the file named .flac but holding WAV bytes was detected from its bytes
    assertEquals(
        "wav",
        wh.read("utterances")
            .filter(col("path").endsWith(".flac"))
            .select("source_container")
            .first()
            .getString(0));
  }
}
