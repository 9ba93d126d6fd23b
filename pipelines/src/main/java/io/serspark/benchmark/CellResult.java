package io.serspark.benchmark;

/**
 * A finished cell as stored in the cell cache and the results tables: the cell, what it scored, the
 * key it is cached under, how long it took, and whether this run computed it or found it finished.
 */
public record CellResult(
    String cellId,
    String cacheKey,
    String inputHash,
    Evaluation evaluation,
    double seconds,
    boolean cached) {
  public CellResult asCached() {
    return new CellResult(cellId, cacheKey, inputHash, evaluation, seconds, true);
  }
}
