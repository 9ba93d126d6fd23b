package io.serspark.egemaps;

/**
 * cFunctionalMoments as eGeMAPS configures it: amean and stddevNorm in "compatible" mode
 * (stddevNorm = 2): population standard deviation divided by the <em>signed</em> mean, by 1 when
 * the mean is exactly 0, and 0 when the variance is 0; no ratio limiting.
 */
final class Moments {
  private Moments() {}

  /** Mean as openSMILE passes it to every functional: accumulated in double, handed on as float. */
  static float mean(float[] x, int n) {
    double sum = 0.0;
    for (int i = 0; i < n; i++) sum += x[i];
    return (float) (sum / n);
  }

  static float stddevNorm(float[] x, int n, float mean) {
    double m = mean;
    double m2 = 0.0;
    for (int i = 0; i < n; i++) {
      double d = x[i] - m;
      m2 += d * d;
    }
    m2 /= n;
    if (!(m2 > 0.0)) return 0.0f;
    double denominator = m == 0.0 ? 1.0 : m;
    return (float) (Math.sqrt(m2) / denominator);
  }
}
