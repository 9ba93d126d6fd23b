package io.serspark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.audio.WavWriter;
import io.serspark.audio.testing.BadAudioFiles;
import io.serspark.jobs.Main;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five failures of issue 27 and more, as a new user would meet them: one folder of hostile
 * files and links, ingested by the real job. It exits 0; every audio file is written or quarantined
 * (seen = written + quarantined) with a reason; nothing outside the folder is read or quoted; and
 * the summary names the quarantined files.
 */
class HostileFolderIngestTest {
  @TempDir Path tmp;

  /**
   * file → the stage it must be quarantined at and words its reason must contain; null stage:
   * written.
   */
  private final Map<String, String[]> expected = new LinkedHashMap<>();

  private final List<String> manifest = new ArrayList<>(List.of("path,label,speaker"));

  private void file(Path corpus, String name, byte[] bytes, String stage, String reasonWords)
      throws Exception {
    Files.write(corpus.resolve(name), bytes);
    expect(name, stage, reasonWords);
  }

  private void expect(String name, String stage, String reasonWords) {
    expected.put(name, new String[] {stage, reasonWords});
    manifest.add(name + ",angry,s1");
  }

  @Test
  void oneJobExitsZeroAndAccountsForEveryFile() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("hostile"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Map<String, byte[]> bad = BadAudioFiles.all();
    // 1. 60 KB with a 1 Hz / 3 Hz header (once: OutOfMemoryError, the job dead, no file named); an
    // AIFF at 1 Hz
    file(
        corpus, "rate-1hz.wav", bad.get("wav_sample_rate_1hz_60kb"), "decode", "below the 8000 Hz");
    file(
        corpus, "rate-3hz.wav", bad.get("wav_sample_rate_3hz_60kb"), "decode", "below the 8000 Hz");
    file(corpus, "rate-1hz.aiff", bad.get("aiff_sample_rate_1hz"), "decode", "below the 8000 Hz");
    // 2. 64 KB at 8 Hz (once: a 4 000-second utterance, status ok)
    file(
        corpus, "rate-8hz.wav", bad.get("wav_sample_rate_8hz_64kb"), "decode", "below the 8000 Hz");
    // 3. links to files outside the folder: never opened, nothing of them quoted
    Files.createSymbolicLink(corpus.resolve("passwd.wav"), Path.of("/etc/passwd"));
    expect("passwd.wav", "read", "symbolic link to a file outside the corpus folder");
    byte[] good = Files.readAllBytes(TestData.emodb().resolve("wav/03a01Fa.wav"));
    Files.write(outside.resolve("elsewhere.wav"), good);
    Files.createSymbolicLink(corpus.resolve("link-out.wav"), outside.resolve("elsewhere.wav"));
    expect("link-out.wav", "read", "symbolic link to a file outside the corpus folder");
    Files.createSymbolicLink(
        corpus.resolve("relative-out.wav"), Path.of("../outside/elsewhere.wav"));
    expect("relative-out.wav", "read", "symbolic link to a file outside the corpus folder");
    Files.createSymbolicLink(corpus.resolve("dangling.wav"), corpus.resolve("no-such-file.wav"));
    expect(
        "dangling.wav",
        "read",
        "not found"); // the listing skips a link to nothing: the manifest names it
    // a folder link out of the tree and a loop back into it are not walked: the manifest's entry
    // under the
    // former is a file the listing does not have
    Files.createSymbolicLink(corpus.resolve("outdir"), outside);
    expect("outdir/elsewhere.wav", "read", "");
    Files.createSymbolicLink(corpus.resolve("loop"), corpus);
    // a link that stays inside the folder is followed
    file(corpus, "good.wav", good, null, null);
    Files.createSymbolicLink(corpus.resolve("link-in.wav"), corpus.resolve("good.wav"));
    expect("link-in.wav", null, null);
    // 5. a real long recording over 2 GB (3 h of 48 kHz stereo 24-bit; sparse, so it costs no disk)
    Path big = corpus.resolve("three-hours.wav");
    writeSparseWav(big, 3L * 3600 * 48000 * 6);
    expect(
        "three-hours.wav", "decode", "holds 3 h 00 min of audio, longer than the limit of 8.0 s");
    // more of our own: over --max-utterance-seconds, a FLAC claiming 37 min in 6.6 KB, garbage
    // named .mp3
    file(
        corpus,
        "nine-seconds.wav",
        WavWriter.mono16k(new short[9 * 16000]),
        "decode",
        "longer than the limit of 8.0 s");
    byte[] flac =
        Files.readAllBytes(
            TestData.root().resolve("udfs/src/test/resources/audio/stereo_22050_s16.flac"));
    flac[21] = (byte) (flac[21] & 0xf0);
    for (int i = 0; i < 4; i++) flac[22 + i] = (byte) (50_000_000 >>> (24 - 8 * i));
    file(corpus, "claims-37-minutes.flac", flac, "decode", "longer than the limit");
    file(
        corpus,
        "garbage.mp3",
        bad.get("random_bytes"),
        "detect",
        "not a recognised audio container");
    file(corpus, "empty.wav", new byte[0], "read", "empty");
    Files.write(corpus.resolve("manifest.csv"), manifest);

    Warehouse wh = Warehouse.open(Sessions.local(2), tmp.resolve("wh").toString());
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      code =
          Main.run(
              "ingest",
              "--corpus",
              "hostile:manifest=" + corpus,
              "--warehouse",
              wh.root(),
              "--max-utterance-seconds",
              "8",
              "--partitions",
              "3");
    } finally {
      System.setOut(stdout);
    }
    String summary = captured.toString(StandardCharsets.UTF_8);
    System.out.print(summary);
    assertEquals(0, code, summary);

    Map<String, Row> quarantined = new LinkedHashMap<>();
    for (Row r : wh.read("quarantine").collectAsList()) quarantined.put(r.getAs("path"), r);
    List<String> written =
        wh.read("utterances")
            .select("path")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertEquals(
        expected.size(),
        written.size() + quarantined.size(),
        "seen = written + quarantined: " + written + " / " + quarantined.keySet());
    assertTrue(
        summary.matches(
            "(?s).*files seen +"
                + expected.size()
                + " \\| utterances written +"
                + written.size()
                + " .*quarantined +"
                + quarantined.size()
                + " .*"),
        summary);
    for (var e : expected.entrySet()) {
      String stage = e.getValue()[0];
      if (stage == null) {
        assertTrue(written.contains(e.getKey()), e.getKey() + " must be written");
        continue;
      }
      Row q = quarantined.get(e.getKey());
      assertNotNull(q, e.getKey() + " must be quarantined");
      String reason = q.getAs("reason");
      assertEquals(stage, q.getAs("stage"), e.getKey() + ": " + reason);
      assertTrue(reason.contains(e.getValue()[1]), e.getKey() + ": " + reason);
      assertTrue(summary.contains(e.getKey()), "the summary names " + e.getKey());
    }
    // nothing of /etc/passwd ("root:x:0" is 726f6f743a783a30 in hex) in any reason or detail
    for (Row q : quarantined.values()) {
      String text = q.getAs("reason") + " " + q.getAs("detail");
      assertFalse(text.contains("726f6f74") || text.contains("root:"), text);
    }
    assertTrue(
        quarantined.get("passwd.wav").isNullAt(2), "the link target was never read (no sha256)");
  }

  /**
   * A WAV header declaring {@code dataBytes} of 48 kHz stereo 24-bit samples, the rest a hole in a
   * sparse file.
   */
  private static void writeSparseWav(Path p, long dataBytes) throws Exception {
    byte[] h = WavWriter.pcm16(new short[2], 2, 48000);
    byte[] header = java.util.Arrays.copyOf(h, 44);
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(4, (int) (36 + dataBytes))
        .putInt(28, 48000 * 6)
        .putShort(32, (short) 6)
        .putShort(34, (short) 24)
        .putInt(40, (int) dataBytes);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.write(header);
      f.setLength(44 + dataBytes);
    }
  }
}
