package io.serspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DimensionalScoresTest {
  private static final double[] X = {1, 2, 3};

  @Test
  void cccIsOneOnlyForIdentity() {
    assertEquals(1.0, DimensionalScores.ccc(X, new double[] {1, 2, 3}), 1e-12);
  }

  @Test
  void cccPenalisesABiasThatPearsonIgnores() {
    // var x = var y = 2/3, cov = 2/3, mean difference 1: 2(2/3) / (2/3 + 2/3 + 1) = 4/7
    assertEquals(4.0 / 7, DimensionalScores.ccc(X, new double[] {2, 3, 4}), 1e-12);
  }

  @Test
  void cccOfReversedSeriesIsMinusOne() {
    assertEquals(-1.0, DimensionalScores.ccc(X, new double[] {3, 2, 1}), 1e-12);
  }

  @Test
  void cccOfScaledSeries() {
    // y = 2x: var y = 8/3, cov = 4/3, mean diff 2: (8/3) / (2/3 + 8/3 + 4) = 8/22
    assertEquals(8.0 / 22, DimensionalScores.ccc(X, new double[] {2, 4, 6}), 1e-12);
  }

  @Test
  void mse() {
    assertEquals(1.0, DimensionalScores.mse(X, new double[] {2, 3, 4}), 1e-12);
    assertEquals((4 + 0 + 4) / 3.0, DimensionalScores.mse(X, new double[] {3, 2, 1}), 1e-12);
  }
}
