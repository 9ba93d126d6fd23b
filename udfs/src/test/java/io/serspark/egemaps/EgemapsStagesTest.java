package io.serspark.egemaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.egemaps.voice.VoiceLlds;
import io.serspark.egemaps.voice.VoiceStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Stage by stage against openSMILE's frame-level files of the 10 EmoDB utterances: the smoothed LLD
 * output ({@code emodb.lld/}, what {@code -lldcsvoutput} writes) and the exact functional inputs
 * after voicing masks and smoothing ({@code emodb.lld_funcinput/}), including how many 60 ms frames
 * the functionals see.
 */
class EgemapsStagesTest {
  /** Error relative to max(|value|, 0.1 % of the column's range in the file). */
  static double worstError(float[] got, double[] want, int n) {
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (int t = 0; t < n; t++) {
      max = Math.max(max, want[t]);
      min = Math.min(min, want[t]);
    }
    double floor = Math.max(1e-3 * (max - min), 1e-12);
    double worst = 0;
    for (int t = 0; t < n; t++)
      worst = Math.max(worst, Math.abs(got[t] - want[t]) / Math.max(Math.abs(want[t]), floor));
    return worst;
  }

  @Test
  void smoothedLldsOfTheTwentyMsStreamMatchOpenSmilesLldCsv() {
    EgemapsExtractor extractor = new EgemapsExtractor();
    double[] worst = new double[25];
    for (String file : FunctionalsFromDumpsTest.FILES) {
      EgemapsLlds got = extractor.extractLlds(Anchors.wav(Anchors.emodbWav(file)));
      Anchors.Table want =
          Anchors.csv(Anchors.egemaps().resolve("emodb.lld").resolve(file + ".csv"));
      assertEquals(want.rows(), got.frames(), file + ": LLD rows (n60 + 1)");
      double[] time = want.column("frameTime");
      for (int t = 0; t < time.length; t++)
        assertEquals(time[t], got.frameTimeS()[t], 1e-6, file + " frameTime");
      for (int i = 0; i < 25; i++) {
        double e = worstError(got.lld(i), want.column(EgemapsNames.LLDS.get(i)), want.rows());
        worst[i] = Math.max(worst[i], e);
      }
    }
    for (int i = 0; i < 25; i++)
      System.out.printf("LLD %-34s worst rel err %.3g%n", EgemapsNames.LLDS.get(i), worst[i]);
    // the 20 ms stream (first 10) is ours: float-precision agreement; the 60 ms stream is
    // VoiceStream's
    for (int i = 0; i < 10; i++)
      assertTrue(worst[i] < 1e-3, EgemapsNames.LLDS.get(i) + " " + worst[i]);
  }

  @Test
  void functionalInputsMatchOpenSmilesDumpsIncludingTheFramesSeen() {
    ShortFrameStream shortFrames = new ShortFrameStream();
    VoiceStream voice = new VoiceStream();
    double worstSpectral = 0;
    for (String file : FunctionalsFromDumpsTest.FILES) {
      float[] x = EgemapsExtractor.scale(Anchors.wav(Anchors.emodbWav(file)));
      ShortFrameStream.Frames e = shortFrames.compute(x);
      VoiceLlds f = voice.compute(x);
      FunctionalInputs got = FunctionalInputsAssembly.of(e, f);
      FunctionalsFromDumpsTest.Dump dump = FunctionalsFromDumpsTest.Dump.read(file);
      int n60 = dump.n60Smoothed - 1;
      // the README's measurement on these files: the functionals see n60 − 1 smoothed frames
      assertEquals(n60 - 1, got.f0().length, file + ": 60 ms frames seen by the functionals");
      FunctionalInputs want = dump.inputs(got.f0().length);
      assertEquals(e.count(), want.loudness().length, file + ": n20");
      double f0err = worstError(got.f0(), toDouble(want.f0()), got.f0().length);
      assertTrue(f0err < 1e-3, file + " smoothed F0 " + f0err);
      worstSpectral =
          Math.max(worstSpectral, worstError(got.loudness(), toDouble(want.loudness()), e.count()));
      for (int k = 0; k < got.allFrames().length; k++) {
        worstSpectral =
            Math.max(
                worstSpectral,
                worstError(got.allFrames()[k], toDouble(want.allFrames()[k]), e.count()));
      }
      for (int k = 0; k < got.spectralV().length; k++) {
        worstSpectral =
            Math.max(
                worstSpectral,
                worstError(got.spectralV()[k], toDouble(want.spectralV()[k]), got.f0().length));
      }
      for (int k = 0; k < got.spectralUV().length; k++) {
        worstSpectral =
            Math.max(
                worstSpectral,
                worstError(got.spectralUV()[k], toDouble(want.spectralUV()[k]), got.f0().length));
      }
      assertTrue(
          Arrays.equals(zeros(got.voiced()[0]), zeros(want.voiced()[0])),
          file + ": voiced mask of jitter");
      // formant tracks exist in every frame and are zeroed by the voicing mask before smoothing
      assertTrue(
          Arrays.equals(zeros(got.voiced()[5]), zeros(want.voiced()[5])),
          file + ": voiced mask of F1frequency");
    }
    System.out.printf(
        "worst rel err of masked + smoothed 20 ms-stream functional inputs: %.3g%n", worstSpectral);
    assertTrue(worstSpectral < 1e-3);
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) d[i] = f[i];
    return d;
  }

  private static boolean[] zeros(float[] f) {
    boolean[] z = new boolean[f.length];
    for (int i = 0; i < f.length; i++) z[i] = f[i] == 0f;
    return z;
  }
}
