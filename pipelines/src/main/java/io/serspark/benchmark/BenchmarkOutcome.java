package io.serspark.benchmark;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a benchmark run produced, for the results tables and the report; {@code paired}
 * compares each test condition's best cell with the others ({@link PairedComparisons}).
 */
public record BenchmarkOutcome(
    BenchmarkSpec spec,
    RunFolder run,
    String codeVersion,
    String startedUtc,
    List<Cell> cells,
    List<CellResult> results,
    List<Check> checks,
    List<LevelCheck.Levels> levels,
    InputFingerprints.Inputs inputs,
    List<String> stageActions,
    Map<String, Double> stageSeconds,
    Optional<Comparison> comparison,
    List<PairedComparisons.Pair> paired) {

  public CellResult resultOf(Cell c) {
    return results.get(cells.indexOf(c));
  }

  /**
   * Cells with an ERROR check (e.g. speaker overlap): shown, but marked and left out of means and
   * ranks.
   */
  public boolean invalid(Cell c) {
    return checks.stream()
        .anyMatch(k -> k.severity() == Check.Severity.ERROR && k.affectedCells().contains(c.id()));
  }
}
