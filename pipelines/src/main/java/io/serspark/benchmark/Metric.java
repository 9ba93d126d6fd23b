package io.serspark.benchmark;

/**
 * A score with its speaker-bootstrap confidence interval ({@code lo == hi == value} when none was
 * computed).
 */
public record Metric(double value, double lo, double hi) {
  public static Metric point(double v) {
    return new Metric(v, v, v);
  }

  public double halfWidth() {
    return (hi - lo) / 2;
  }
}
