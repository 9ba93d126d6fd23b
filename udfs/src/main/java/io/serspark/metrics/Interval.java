package io.serspark.metrics;

/** A point estimate with a two-sided confidence interval at {@code level} (e.g. 0.95). */
public record Interval(double estimate, double lower, double upper, double level) {
  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "%.4f [%.4f, %.4f] (%.0f%% CI)",
        estimate,
        lower,
        upper,
        level * 100);
  }
}
