package io.serspark.metrics;

/**
 * Scores for dimensional labels (arousal, valence, dominance): Lin's concordance correlation and
 * mean squared error.
 */
public final class DimensionalScores {
  private DimensionalScores() {}

  /**
   * Lin's concordance correlation coefficient 2·cov(x,y) / (var x + var y + (mean x − mean y)²),
   * with population (1/n) moments as in Lin (1989) and the AVEC challenges; NaN when both series
   * are constant and equal.
   */
  public static double ccc(double[] truth, double[] predicted) {
    check(truth, predicted);
    int n = truth.length;
    double mx = 0, my = 0;
    for (int i = 0; i < n; i++) {
      mx += truth[i];
      my += predicted[i];
    }
    mx /= n;
    my /= n;
    double vx = 0, vy = 0, cov = 0;
    for (int i = 0; i < n; i++) {
      double dx = truth[i] - mx, dy = predicted[i] - my;
      vx += dx * dx;
      vy += dy * dy;
      cov += dx * dy;
    }
    vx /= n;
    vy /= n;
    cov /= n;
    double denominator = vx + vy + (mx - my) * (mx - my);
    return denominator == 0 ? Double.NaN : 2 * cov / denominator;
  }

  public static double mse(double[] truth, double[] predicted) {
    check(truth, predicted);
    double s = 0;
    for (int i = 0; i < truth.length; i++) {
      double d = truth[i] - predicted[i];
      s += d * d;
    }
    return s / truth.length;
  }

  private static void check(double[] a, double[] b) {
    if (a.length != b.length)
      throw new IllegalArgumentException(
          "series differ in length: " + a.length + " vs " + b.length);
    if (a.length == 0) throw new IllegalArgumentException("empty series");
  }
}
