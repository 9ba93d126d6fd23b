package io.serspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class SpeakerBootstrapTest {
  /** Two speakers with 100 utterances each: A always right, B always wrong. */
  private static final String[] SPEAKERS = new String[200];

  private static final boolean[] RIGHT = new boolean[200];

  static {
    for (int i = 0; i < 200; i++) {
      SPEAKERS[i] = i < 100 ? "A" : "B";
      RIGHT[i] = i < 100;
    }
  }

  private static final ToDoubleFunction<int[]> ACCURACY =
      idx -> {
        int hit = 0;
        for (int i : idx) if (RIGHT[i]) hit++;
        return (double) hit / idx.length;
      };

  @Test
  void resamplesSpeakersNotUtterances() {
    Interval ci = new SpeakerBootstrap(1000, 42, 0.95).interval(SPEAKERS, ACCURACY);
    assertEquals(0.5, ci.estimate(), 1e-12);
    // speaker draws give accuracies 0, 0.5 or 1 only (P(0) = P(1) = 1/4): the 95 % interval spans
    // [0, 1].
    // Resampling the 200 utterances would give about 0.5 +- 0.07.
    assertEquals(0.0, ci.lower(), 1e-12);
    assertEquals(1.0, ci.upper(), 1e-12);
  }

  @Test
  void sameSeedSameInterval() {
    String[] spk = new String[120];
    boolean[] right = new boolean[120];
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int i = 0; i < spk.length; i++) {
      spk[i] = "s" + (i % 12);
      right[i] = r.nextDouble() < 0.3 + 0.05 * (i % 12);
    }
    ToDoubleFunction<int[]> acc =
        idx -> {
          int hit = 0;
          for (int i : idx) if (right[i]) hit++;
          return (double) hit / idx.length;
        };
    Interval a = new SpeakerBootstrap(500, 11, 0.95).interval(spk, acc);
    Interval b = new SpeakerBootstrap(500, 11, 0.95).interval(spk, acc);
    Interval c = new SpeakerBootstrap(500, 12, 0.95).interval(spk, acc);
    assertEquals(a, b);
    assertNotEquals(a, c);
    assertTrue(a.lower() < a.estimate() && a.estimate() < a.upper(), a.toString());
  }

  @Test
  void quantileInterpolatesLikeNumpy() {
    double[] v = {1, 2, 3, 4};
    assertEquals(1.075, SpeakerBootstrap.quantile(v, 0.025), 1e-12); // pos 0.075
    assertEquals(2.5, SpeakerBootstrap.quantile(v, 0.5), 1e-12);
    assertEquals(4.0, SpeakerBootstrap.quantile(v, 1.0), 1e-12);
  }
}
