package io.serspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class PairedDifferenceTest {
  static final int SPEAKERS = 10;
  static final int PER_SPEAKER = 40;
  static final int K = 4;
  static final String[] SPEAKER = new String[SPEAKERS * PER_SPEAKER];
  static final int[] TRUTH = new int[SPEAKER.length];

  /**
   * System b: right on a share of each speaker's items that grows from 0.3 to 0.84 with the
   * speaker.
   */
  static final int[] B = new int[SPEAKER.length];

  /** System a: right wherever b is, and on every fifth item b gets wrong. */
  static final int[] A = new int[SPEAKER.length];

  static {
    for (int s = 0; s < SPEAKERS; s++) {
      int right = (int) Math.round(PER_SPEAKER * (0.3 + 0.06 * s));
      for (int j = 0; j < PER_SPEAKER; j++) {
        int i = s * PER_SPEAKER + j;
        SPEAKER[i] = "spk" + s;
        TRUTH[i] = j % K;
        B[i] = j < right ? TRUTH[i] : (TRUTH[i] + 1) % K;
        A[i] = j < right || j % 5 == 0 ? TRUTH[i] : B[i];
      }
    }
  }

  static ToDoubleFunction<int[]> macroF1(int[] predicted) {
    return idx -> {
      int[] t = new int[idx.length], p = new int[idx.length];
      for (int n = 0; n < idx.length; n++) {
        t[n] = TRUTH[idx[n]];
        p[n] = predicted[idx[n]];
      }
      return ConfusionMatrix.of(K, t, p).macroF1();
    };
  }

  @Test
  void pairingResolvesADifferenceThatSeparateIntervalsCannot() {
    SpeakerBootstrap boot = new SpeakerBootstrap(2000, 7, 0.95);
    Interval a = boot.interval(SPEAKER, macroF1(A));
    Interval b = boot.interval(SPEAKER, macroF1(B));
    // speakers differ so much that each system's own interval holds the other's estimate ...
    assertTrue(a.lower() < b.estimate() && b.upper() > a.estimate(), a + " vs " + b);
    // ... yet a beats b on every speaker, which the paired bootstrap sees
    PairedDifference d = boot.difference(SPEAKER, macroF1(A), macroF1(B));
    assertEquals(a.estimate() - b.estimate(), d.estimate(), 1e-12);
    assertTrue(d.lower() > 0 && d.excludesZero(), d.toString());
    assertEquals(
        2.0 / 2001,
        d.pValue(),
        1e-12,
        "no replicate at or below zero: the smallest p this many can give");
    assertEquals(2000, d.replicates());
  }

  @Test
  void swappingTheSystemsNegatesTheDifference() {
    SpeakerBootstrap boot = new SpeakerBootstrap(500, 3, 0.95);
    PairedDifference ab = boot.difference(SPEAKER, macroF1(A), macroF1(B));
    PairedDifference ba = boot.difference(SPEAKER, macroF1(B), macroF1(A));
    assertEquals(ab.estimate(), -ba.estimate(), 1e-12);
    assertEquals(ab.lower(), -ba.upper(), 1e-12);
    assertEquals(ab.upper(), -ba.lower(), 1e-12);
    assertEquals(ab.pValue(), ba.pValue(), 1e-12);
  }

  @Test
  void identicalSystemsAreNotDifferent() {
    PairedDifference d =
        new SpeakerBootstrap(500, 3, 0.95).difference(SPEAKER, macroF1(B), macroF1(B.clone()));
    assertEquals(0.0, d.estimate(), 0.0);
    assertEquals(0.0, d.lower(), 0.0);
    assertEquals(0.0, d.upper(), 0.0);
    assertEquals(1.0, d.pValue(), 0.0);
    assertFalse(d.excludesZero());
  }

  @Test
  void aDifferenceOnOneSpeakerOnlyIsNotSignificant() {
    int[] c = B.clone();
    for (int j = 0; j < PER_SPEAKER; j++) c[j] = TRUTH[j]; // better than b on speaker 0 alone
    PairedDifference d =
        new SpeakerBootstrap(2000, 5, 0.95).difference(SPEAKER, macroF1(c), macroF1(B));
    assertTrue(d.estimate() > 0.05, d.toString());
    // a tenth of the draws leave speaker 0 out entirely (0.9^10 = 0.35 of them, in fact): zero is
    // inside
    assertEquals(0.0, d.lower(), 1e-12, d.toString());
    assertFalse(d.excludesZero());
    assertTrue(d.pValue() > 0.5, d.toString());
  }

  @Test
  void holmAdjustsStepDown() {
    // sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> kept monotone at 0.06
    assertArrayEquals(
        new double[] {0.03, 0.06, 0.06, 0.02},
        Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}),
        1e-12);
    assertArrayEquals(
        new double[] {0.6, Double.NaN, 0.4},
        Holm.adjust(new double[] {0.6, Double.NaN, 0.2}),
        1e-12);
    assertEquals(0, Holm.adjust(new double[0]).length);
  }
}
