package io.serspark.metrics;

import java.util.Locale;

/**
 * A paired speaker-bootstrap comparison of two systems on the same items: their statistics {@code
 * a} and {@code b} on all items, the percentile interval of a − b at {@code level}, the two-sided
 * bootstrap p-value for "no difference", and how many replicates were defined.
 */
public record PairedDifference(
    double a, double b, double lower, double upper, double level, double pValue, int replicates) {

  /** a − b on all items. */
  public double estimate() {
    return a - b;
  }

  /**
   * The difference's percentile interval and two-sided bootstrap p-value from its replicates: twice
   * the smaller share of replicates on either side of zero, counting the observed sample ({@code (n
   * + 1) / (R + 1)}), at most 1.
   *
   * @param sorted the defined replicate values, sorted ascending
   */
  static PairedDifference of(double a, double b, double[] sorted, double level) {
    if (sorted.length == 0)
      return new PairedDifference(a, b, Double.NaN, Double.NaN, level, Double.NaN, 0);
    int atOrBelow = 0;
    int atOrAbove = 0;
    for (double v : sorted) {
      if (v <= 0) atOrBelow++;
      if (v >= 0) atOrAbove++;
    }
    double p = Math.min(1.0, 2.0 * (Math.min(atOrBelow, atOrAbove) + 1) / (sorted.length + 1));
    double alpha = (1 - level) / 2;
    return new PairedDifference(
        a,
        b,
        SpeakerBootstrap.quantile(sorted, alpha),
        SpeakerBootstrap.quantile(sorted, 1 - alpha),
        level,
        p,
        sorted.length);
  }

  /** Whether the interval leaves zero out. */
  public boolean excludesZero() {
    return lower > 0 || upper < 0;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%+.4f [%+.4f, %+.4f] (%.0f%% CI), p = %.4f",
        estimate(),
        lower,
        upper,
        level * 100,
        pValue);
  }
}
