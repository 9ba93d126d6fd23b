package io.serspark.metrics;

import java.util.Locale;

/**
 * A paired speaker-bootstrap comparison of two systems on the same items: {@code estimate} = a − b on all items,
 * its percentile interval at {@code level}, the two-sided bootstrap p-value for "no difference", and how many
 * replicates were defined.
 */
public record PairedDifference(double estimate, double lower, double upper, double level, double pValue,
    int replicates) {

  /** Whether the interval leaves zero out. */
  public boolean excludesZero() { return lower > 0 || upper < 0; }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f] (%.0f%% CI), p = %.4f", estimate, lower, upper,
        level * 100, pValue);
  }
}
