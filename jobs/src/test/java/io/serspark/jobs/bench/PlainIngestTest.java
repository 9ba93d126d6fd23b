package io.serspark.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainIngestTest {
  @TempDir Path tmp;

  /** A mono 16-bit PCM WAV of a 440 Hz tone. */
  private static byte[] wav(int rateHz, double seconds) {
    int n = (int) (rateHz * seconds);
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes())
        .putInt(36 + 2 * n)
        .put("WAVE".getBytes())
        .put("fmt ".getBytes())
        .putInt(16)
        .putShort((short) 1)
        .putShort((short) 1)
        .putInt(rateHz)
        .putInt(2 * rateHz)
        .putShort((short) 2)
        .putShort((short) 16)
        .put("data".getBytes())
        .putInt(2 * n);
    for (int i = 0; i < n; i++)
      b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / rateHz)));
    return b.array();
  }

  private static long rows(Path parquet) throws Exception {
    try (var r =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(parquet.toUri()), new Configuration()))) {
      return r.getRecordCount();
    }
  }

  @Test
  void writesOneRowPerDecodableFileAndCountsTheirAudio() throws Exception {
    Path a = Files.write(tmp.resolve("a.wav"), wav(48000, 1.5));
    Path b = Files.write(tmp.resolve("b.wav"), wav(16000, 0.5));
    Path bad = Files.write(tmp.resolve("bad.wav"), new byte[] {1, 2, 3, 4, 5});
    Path scratch = Files.createDirectories(tmp.resolve("out"));
    PlainIngest ingest = new PlainIngest(Map.of("c", List.of(a, b, bad)), scratch);
    assertEquals(2.0, ingest.pass(), 1e-3);
    assertEquals(2, rows(scratch.resolve("c.zstd.parquet")));
    // a second pass replaces the file instead of failing on it
    assertEquals(2.0, ingest.pass(), 1e-3);
    assertEquals(2, rows(scratch.resolve("c.zstd.parquet")));
  }
}
