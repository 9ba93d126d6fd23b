package io.serspark.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down correction for testing several hypotheses at once (e.g. a leaderboard column's
 * best system against each of the others): controls the chance of any false "significant" at the
 * nominal level, and is never less powerful than Bonferroni. NaN p-values (tests that could not be
 * made) stay NaN and do not count.
 */
public final class Holm {
  private Holm() {}

  /** Adjusted p-values, in the order given: compare each with the level (e.g. 0.05). */
  public static double[] adjust(double[] p) {
    Integer[] order = new Integer[p.length];
    int m = 0;
    for (int i = 0; i < p.length; i++) {
      order[i] = i;
      if (!Double.isNaN(p[i])) m++;
    }
    Arrays.sort(
        order,
        Comparator.comparingDouble(
            (Integer i) -> Double.isNaN(p[i]) ? Double.POSITIVE_INFINITY : p[i]));
    double[] out = new double[p.length];
    Arrays.fill(out, Double.NaN);
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = order[rank];
      running = Math.max(running, Math.min(1.0, (m - rank) * p[i]));
      out[i] = running;
    }
    return out;
  }
}
