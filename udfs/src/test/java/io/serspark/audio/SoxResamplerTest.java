package io.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The resampler itself against SoX's, on every RAVDESS file, with neither side re-quantised: SoX
 * (Debian's sox, as .ci/run installs it) writes float32 without dither ({@code -D}), and our 48 →
 * 16 kHz path is compared before its own dithered rounding. {@link SoxAnchorTest} compares against
 * the 16-bit, dithered files openSMILE read, where the two independent ±1 LSB dithers alone cap the
 * SNR of the quietest recordings below 40 dB; without them the resampling must reach 40 dB on every
 * file, quiet or not.
 */
class SoxResamplerTest {
  private static final Path RAVDESS = SharedData.shared().resolve("corpora/ravdess");

  private static float[] soxUndithered(Path wav) throws IOException, InterruptedException {
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "sox",
                  wav.toString(),
                  "-D",
                  "-t",
                  "raw",
                  "-e",
                  "floating-point",
                  "-b",
                  "32",
                  "-L",
                  "-c",
                  "1",
                  "-r",
                  "16000",
                  "-")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "this test needs SoX on the PATH (Debian: apt-get install sox; .ci/run does)", e);
    }
    byte[] raw = p.getInputStream().readAllBytes();
    assertEquals(0, p.waitFor(), "sox failed on " + wav);
    float[] out = new float[raw.length / 4];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  @Test
  void everyRavdessFileResamplesWithinFortyDbOfSoxWithoutDither() throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(RAVDESS)) {
      s.filter(p -> p.toString().endsWith(".wav")).sorted().forEach(files::add);
    }
    assertEquals(197, files.size());
    Resampler resampler = new Resampler(48000, 16000);
    double min = Double.MAX_VALUE;
    String worst = null;
    double sum = 0;
    for (Path f : files) {
      DecodedAudio decoded =
          WavDecoder.decode(SharedData.read(f), DecodeBudget.of(new byte[1 << 30]));
      assertEquals(48000, decoded.sampleRateHz(), f.toString());
      float[] ours = resampler.process(decoded.mono());
      float[] sox = soxUndithered(f);
      assertEquals(sox.length, ours.length, f + ": length");
      double s = 0;
      double e = 0;
      for (int i = 0; i < sox.length; i++) {
        s += (double) sox[i] * sox[i];
        double d = (double) sox[i] - ours[i];
        e += d * d;
      }
      double snr = 10 * Math.log10(s / e);
      sum += snr;
      if (snr < min) {
        min = snr;
        worst = RAVDESS.relativize(f).toString();
      }
      assertTrue(snr >= 40, f + ": SNR " + snr + " dB against SoX without dither");
    }
    System.out.printf(
        "sox-undithered-vs-ours all %d RAVDESS files: min %.2f dB (%s), mean %.2f dB%n",
        files.size(), min, worst, sum / files.size());
  }
}
