package io.serspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
  // 10 items, 3 classes, worked by hand:
  // class 0: support 6, 4 right, predicted 5 times -> P 4/5, R 4/6, F1 8/11
  // class 1: support 2, 1 right, predicted 2 times -> P 1/2, R 1/2, F1 1/2
  // class 2: support 2, 2 right, predicted 3 times -> P 2/3, R 1,   F1 4/5
  private static final int[] TRUTH = {0, 0, 0, 0, 0, 0, 1, 1, 2, 2};
  private static final int[] PRED = {0, 0, 0, 0, 1, 2, 1, 0, 2, 2};

  @Test
  void countsRowsAreTruthColumnsArePredictions() {
    ConfusionMatrix cm = ConfusionMatrix.of(3, TRUTH, PRED);
    assertArrayEquals(new long[] {4, 1, 1}, cm.counts()[0]);
    assertArrayEquals(new long[] {1, 1, 0}, cm.counts()[1]);
    assertArrayEquals(new long[] {0, 0, 2}, cm.counts()[2]);
    assertEquals(10, cm.total());
  }

  @Test
  void perClassPrecisionRecallF1ByHand() {
    ConfusionMatrix cm = ConfusionMatrix.of(3, TRUTH, PRED);
    assertEquals(4.0 / 5, cm.precision(0), 1e-12);
    assertEquals(4.0 / 6, cm.recall(0), 1e-12);
    assertEquals(8.0 / 11, cm.f1(0), 1e-12);
    assertEquals(0.5, cm.precision(1), 1e-12);
    assertEquals(0.5, cm.recall(1), 1e-12);
    assertEquals(2.0 / 3, cm.precision(2), 1e-12);
    assertEquals(1.0, cm.recall(2), 1e-12);
    assertEquals(0.8, cm.f1(2), 1e-12);
  }

  @Test
  void uarDiffersFromWaOnAnImbalancedCase() {
    ConfusionMatrix cm = ConfusionMatrix.of(3, TRUTH, PRED);
    assertEquals((4.0 / 6 + 0.5 + 1.0) / 3, cm.uar(), 1e-12, "UAR = mean of recalls");
    assertEquals(0.7, cm.wa(), 1e-12, "WA = 7 of 10 right");
    assertEquals((8.0 / 11 + 0.5 + 0.8) / 3, cm.macroF1(), 1e-12);
    assertNotEquals(cm.uar(), cm.wa());
  }

  @Test
  void majorityGuesserHasHighWaButChanceUar() {
    int[] truth = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
    int[] pred = new int[10];
    ConfusionMatrix cm = ConfusionMatrix.of(2, truth, pred);
    assertEquals(0.8, cm.wa(), 1e-12);
    assertEquals(0.5, cm.uar(), 1e-12);
    assertEquals(
        0.0, cm.precision(1), "never predicted -> precision 0, as scikit-learn's zero_division=0");
    assertEquals((2 * 0.8 / 1.8 + 0) / 2, cm.macroF1(), 1e-12);
  }

  @Test
  void uarSkipsClassesAbsentFromTheTruth() {
    // class 2 never occurs in the truth (a test speaker without that emotion): it has no recall to
    // average
    ConfusionMatrix cm = ConfusionMatrix.of(3, new int[] {0, 0, 1, 1}, new int[] {0, 2, 1, 1});
    assertEquals((0.5 + 1.0) / 2, cm.uar(), 1e-12);
    // but it was predicted, so macro-F1 counts it (with F1 0)
    assertEquals((2 * 1.0 * 0.5 / 1.5 + 1.0 + 0.0) / 3, cm.macroF1(), 1e-12);
  }

  @Test
  void rejectsOutOfRangeClassesAndLengthMismatch() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ConfusionMatrix.of(2, new int[] {0, 2}, new int[] {0, 1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> ConfusionMatrix.of(2, new int[] {0}, new int[] {0, 1}));
  }
}
