package io.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our 48 kHz → 16 kHz conversion of RAVDESS against SoX's ({@code sox in.wav -r 16000 -c 1 -b 16
 * out.wav}, the files openSMILE's 16 kHz anchors were computed on). Same length, no shift, SNR over
 * the whole file. SoX added TPDF dither (±1–2 LSB), which by itself caps the SNR of the quietest
 * recordings below 40 dB.
 */
class SoxAnchorTest {
  static final double DITHER_LIMITED_RESIDUAL_LSB = Math.sqrt(2) * 0.8;

  private static final Path RAVDESS = SharedData.shared().resolve("corpora/ravdess");
  private static final Path SOX =
      SharedData.shared().resolve("anchors/opensmile-egemaps/ravdess.16k_wav");

  /**
   * The 5 stereo files plus mono files of every actor gender and several emotions, at ordinary
   * speech levels.
   */
  private static final List<String> CHECKED =
      List.of(
          CorpusDecodeTest.STEREO.get(0),
          CorpusDecodeTest.STEREO.get(1),
          CorpusDecodeTest.STEREO.get(2),
          CorpusDecodeTest.STEREO.get(3),
          CorpusDecodeTest.STEREO.get(4),
          "Actor_01/03-01-01-01-01-02-01.wav",
          "Actor_02/03-01-05-01-01-01-02.wav",
          "Actor_07/03-01-03-01-01-01-07.wav",
          "Actor_12/03-01-05-01-01-01-12.wav",
          "Actor_15/03-01-08-01-01-01-15.wav",
          "Actor_18/03-01-06-01-01-01-18.wav",
          "Actor_23/03-01-04-01-01-01-23.wav",
          "Actor_24/03-01-07-01-01-01-24.wav");

  /** {snr dB, residual rms in LSB, signal rms in LSB}. */
  private static double[] compare(AudioConverter converter, String name) throws Exception {
    short[] ours = converter.convert(SharedData.read(RAVDESS.resolve(name))).pcm16();
    short[] sox = SharedData.pcm16Of(SharedData.read(SOX.resolve(name)));
    assertEquals(sox.length, ours.length, name + ": length (SoX rounds N/3)");
    double s = 0;
    double e = 0;
    for (int i = 0; i < sox.length; i++) {
      s += (double) sox[i] * sox[i];
      double d = sox[i] - ours[i];
      e += d * d;
    }
    return new double[] {
      10 * Math.log10(s / e), Math.sqrt(e / sox.length), Math.sqrt(s / sox.length)
    };
  }

  @Test
  void checkedFilesAgreeWithSoxToFortyDb() throws Exception {
    AudioConverter converter = new AudioConverter();
    for (String name : CHECKED) {
      double[] r = compare(converter, name);
      System.out.printf(
          "sox-vs-ours %s snr=%.2f dB residual=%.2f LSB signal=%.1f LSB%n", name, r[0], r[1], r[2]);
      assertTrue(r[0] >= 40, name + ": SNR vs SoX " + r[0] + " dB");
    }
  }

  /**
   * Every RAVDESS file: at least 40 dB, or, for recordings so quiet that SoX's own dither is within
   * 40 dB of the signal, a difference no larger than the two dithers together: SoX's (0.8 LSB rms
   * with its rounding) and, since our converter dithers too (AudioConverter), ours of the same
   * size, independent of it: √2 × 0.8 LSB.
   */
  @Test
  void wholeCorpusAgreesWithSoxUpToItsDither() throws Exception {
    AudioConverter converter = new AudioConverter();
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.walk(RAVDESS)) {
      s.filter(p -> p.toString().endsWith(".wav"))
          .sorted()
          .forEach(p -> names.add(RAVDESS.relativize(p).toString()));
    }
    assertEquals(197, names.size());
    double min = Double.MAX_VALUE;
    double sum = 0;
    int below40 = 0;
    for (String name : names) {
      double[] r = compare(converter, name);
      min = Math.min(min, r[0]);
      sum += r[0];
      if (r[0] < 40) {
        below40++;
        assertTrue(
            r[1] <= DITHER_LIMITED_RESIDUAL_LSB,
            name + ": SNR " + r[0] + " dB and residual " + r[1] + " LSB (signal " + r[2] + " LSB)");
      }
    }
    System.out.printf(
        "sox-vs-ours all 197: min %.2f dB, mean %.2f dB, %d below 40 dB (all dither-limited)%n",
        min, sum / names.size(), below40);
  }
}
