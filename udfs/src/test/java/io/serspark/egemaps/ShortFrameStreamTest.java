package io.serspark.egemaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The 20 ms stream frame by frame against openSMILE's unsmoothed LLDs of 10 EmoDB utterances
 * ({@code emodb.lld_unsmoothed/<name>.E_allframes.csv}) and its Leq input ({@code
 * emodb.lld_funcinput/*.energyRMS}): relative error (to max(|value|, 0.1 % of the LLD range)) below
 * 1e-3 for every frame; measured worst 4e-4 (MFCC 2–3, slope500-1500 near zero: openSMILE computes
 * in float32, we in double).
 */
class ShortFrameStreamTest {
  static final String[] NAMES = {
    "Loudness",
    "alphaRatio",
    "hammarbergIndex",
    "slope0-500",
    "slope500-1500",
    "spectralFlux",
    "mfcc1",
    "mfcc2",
    "mfcc3",
    "mfcc4"
  };

  /** x = int16 / 32767, as openSMILE's wave source. */
  static float[] scaled(short[] pcm) {
    float[] x = new float[pcm.length];
    for (int i = 0; i < pcm.length; i++) x[i] = (float) (pcm[i] / EgemapsConfig.PCM16_SCALE);
    return x;
  }

  @Test
  void everyFrameOfTheTenLldsMatchesOpenSmile() {
    ShortFrameStream stream = new ShortFrameStream();
    double[] worst = new double[NAMES.length];
    String[] where = new String[NAMES.length];
    for (String file : FunctionalsFromDumpsTest.FILES) {
      ShortFrameStream.Frames got = stream.compute(scaled(Anchors.wav(Anchors.emodbWav(file))));
      Path ref =
          Anchors.egemaps().resolve("emodb.lld_unsmoothed").resolve(file + ".E_allframes.csv");
      Anchors.Table want = Anchors.csv(ref);
      assertEquals(want.rows(), got.count(), file + ": n20");
      for (int l = 0; l < NAMES.length; l++) {
        double[] w = want.column(NAMES[l]);
        // float arithmetic in openSMILE: values that cancel to ~0 (an MFCC crossing zero) carry
        // absolute float
        // noise, so the error is taken relative to max(|value|, 0.1 % of the LLD's range in the
        // file)
        double range =
            java.util.Arrays.stream(w).max().orElse(0) - java.util.Arrays.stream(w).min().orElse(0);
        for (int t = 0; t < w.length; t++) {
          double err = Math.abs(got.llds()[l][t] - w[t]) / Math.max(Math.abs(w[t]), 1e-3 * range);
          if (err > worst[l]) {
            worst[l] = err;
            where[l] = file + "@" + t + " got " + got.llds()[l][t] + " want " + w[t];
          }
        }
      }
      Anchors.Table energy =
          Anchors.csv(
              Anchors.egemaps().resolve("emodb.lld_funcinput").resolve(file + ".energyRMS.csv"));
      double[] e = energy.column("pcm_SQUAREDenergy");
      for (int t = 0; t < e.length; t++) {
        assertEquals(e[t], got.energy()[t], 1e-5 * e[t] + 1e-12, file + " energy frame " + t);
      }
    }
    for (int l = 0; l < NAMES.length; l++) {
      System.out.printf("%-16s worst rel err %.3g  (%s)%n", NAMES[l], worst[l], where[l]);
    }
    for (int l = 0; l < NAMES.length; l++) {
      assertTrue(worst[l] < 1e-3, NAMES[l] + ": " + where[l]);
    }
  }
}
