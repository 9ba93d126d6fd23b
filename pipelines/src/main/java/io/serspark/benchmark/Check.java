package io.serspark.benchmark;

import java.util.List;

/**
 * One finding of the protocol sanity checks. {@code ERROR}: the protocol is broken and the affected
 * numbers are not speaker-independent; {@code WARN}: the numbers are valid but may mislead (see
 * docs/benchmark.md for each check); {@code OK}: the check ran and found nothing.
 */
public record Check(
    Severity severity, String check, String scope, String message, List<String> affectedCells) {
  public enum Severity {
    ERROR,
    WARN,
    OK
  }

  public Check {
    affectedCells = affectedCells == null ? List.of() : List.copyOf(affectedCells);
  }
}
