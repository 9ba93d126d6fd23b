package io.serspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RocAucTest {
  @Test
  void tiedScoresCountOneHalf() {
    // pairs (pos, neg): (0.5,0.5) tie -> 1/2, (0.5,0.2) -> 1, (0.8,0.5) -> 1, (0.8,0.2) -> 1: 3.5 /
    // 4
    boolean[] pos = {true, false, true, false};
    double[] s = {0.5, 0.5, 0.8, 0.2};
    assertEquals(0.875, RocAuc.binary(pos, s), 1e-12);
  }

  @Test
  void allTiedIsChance() {
    assertEquals(
        0.5,
        RocAuc.binary(
            new boolean[] {true, false, false, true, false}, new double[] {1, 1, 1, 1, 1}),
        1e-12);
  }

  @Test
  void perfectAndReversedRanking() {
    boolean[] pos = {false, false, true, true};
    assertEquals(1.0, RocAuc.binary(pos, new double[] {0.1, 0.2, 0.3, 0.4}), 1e-12);
    assertEquals(0.0, RocAuc.binary(pos, new double[] {0.4, 0.3, 0.2, 0.1}), 1e-12);
  }

  @Test
  void bigTieGroupsMatchPairCounting() {
    // brute force over all pairs, many ties: midranks must give the same value
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    int n = 300;
    boolean[] pos = new boolean[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      pos[i] = r.nextInt(3) == 0;
      s[i] = r.nextInt(5); // 5 distinct values -> large tie groups
    }
    double num = 0;
    long pairs = 0;
    for (int i = 0; i < n; i++) {
      if (!pos[i]) continue;
      for (int j = 0; j < n; j++) {
        if (pos[j]) continue;
        pairs++;
        num += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
      }
    }
    assertEquals(num / pairs, RocAuc.binary(pos, s), 1e-12);
  }

  @Test
  void undefinedWithoutNegativesAndSkippedInTheMacroMean() {
    assertTrue(Double.isNaN(RocAuc.binary(new boolean[] {true, true}, new double[] {1, 2})));
    int[] truth = {
      0, 0, 1, 1
    }; // class 2 absent: its AUC is undefined, the macro mean uses classes 0 and 1
    double[][] scores = {{0.9, 0.1, 0}, {0.6, 0.4, 0}, {0.3, 0.7, 0}, {0.6, 0.4, 0}};
    double[] auc = RocAuc.oneVsRest(3, truth, scores);
    assertEquals(0.875, auc[0], 1e-12); // positives 0.9,0.6 vs negatives 0.3,0.6: (1+1+1+0.5)/4
    assertEquals(0.875, auc[1], 1e-12);
    assertTrue(Double.isNaN(auc[2]));
    assertEquals(0.875, RocAuc.macroOneVsRest(3, truth, scores), 1e-12);
  }
}
