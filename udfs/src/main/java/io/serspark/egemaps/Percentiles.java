package io.serspark.egemaps;

/**
 * cFunctionalPercentiles with interp = 1: linear interpolation between floor and ceil of p·(N−1).
 */
final class Percentiles {
  private Percentiles() {}

  static float of(float[] sorted, int n, double p) {
    double idx = p * (n - 1);
    int i1 = Math.min(Math.max((int) Math.floor(idx), 0), n - 1);
    int i2 = Math.min(Math.max((int) Math.ceil(idx), 0), n - 1);
    if (i1 == i2) return sorted[i1];
    double w1 = idx - i1;
    double w2 = i2 - idx;
    return sorted[i1] * (float) w2 + sorted[i2] * (float) w1;
  }
}
