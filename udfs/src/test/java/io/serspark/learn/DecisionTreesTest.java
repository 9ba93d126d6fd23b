package io.serspark.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DecisionTreesTest {
  private static final DecisionTrees.Settings GINI2 =
      new DecisionTrees.Settings(DecisionTrees.Impurity.GINI, 2, 5, 32, 1, 0);

  @Test
  void fewDistinctValuesGiveEveryMidpoint() {
    assertArrayEquals(
        new double[] {1.5, 2.5},
        DecisionTrees.thresholds(new double[] {3, 1, 2, 2, 1}, null, 31),
        0);
    assertArrayEquals(new double[0], DecisionTrees.thresholds(new double[] {4, 4, 4}, null, 31), 0);
  }

  @Test
  void manyDistinctValuesGiveEqualWeightStrides() {
    double[] v = new double[100];
    for (int i = 0; i < 100; i++) v[i] = i;
    double[] t = DecisionTrees.thresholds(v, null, 3); // 4 bins of 25 values: cuts after 24, 49, 74
    assertArrayEquals(new double[] {24.5, 49.5, 74.5}, t, 0);
    double[] w = new double[100];
    for (int i = 0; i < 100; i++) w[i] = i < 50 ? 3 : 1; // the heavy half holds 3/4 of the weight
    double[] tw = DecisionTrees.thresholds(v, w, 3);
    assertEquals(3, tw.length);
    assertTrue(
        tw[1] < 40,
        "weighted strides move the cuts into the heavy half: " + java.util.Arrays.toString(tw));
  }

  @Test
  void aSeparableProblemSplitsOnceAtTheGapWithHandComputedGain() {
    double[][] x = {{0, 9}, {1, 7}, {2, 8}, {10, 9}, {11, 7}, {12, 8}};
    double[] y = {0, 0, 0, 1, 1, 1};
    double[] w = {1, 1, 1, 1, 1, 1};
    TreeNode root = new DecisionTrees(x, null, 32).grow(y, w, GINI2, 2, new Random(1));
    assertEquals(0, root.feature);
    assertEquals(6, root.threshold, 0); // midpoint of 2 and 10
    assertEquals(0.5, root.gain, 1e-12); // Gini 0.5 at the root, 0 in both pure children
    assertTrue(root.left.isLeaf() && root.right.isLeaf());
    assertEquals(0, root.left.prediction);
    assertEquals(1, root.right.prediction);
    assertArrayEquals(new double[] {3, 3}, root.stats, 0);
  }

  @Test
  void depthAndMinimumRowsPerChildAreRespected() {
    Random r = new Random(4);
    int n = 200;
    double[][] x = new double[n][3];
    double[] y = new double[n], w = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) x[i][j] = r.nextGaussian();
      y[i] = r.nextInt(2);
      w[i] = 1;
    }
    DecisionTrees trees = new DecisionTrees(x, null, 16);
    assertTrue(
        trees
                .grow(
                    y,
                    w,
                    new DecisionTrees.Settings(DecisionTrees.Impurity.GINI, 2, 3, 16, 1, 0),
                    3,
                    r)
                .depth()
            <= 3);
    TreeNode big =
        trees.grow(
            y, w, new DecisionTrees.Settings(DecisionTrees.Impurity.GINI, 2, 30, 16, 20, 0), 3, r);
    assertLeavesHoldAtLeast(big, 20);
  }

  @Test
  void varianceTreesPredictTheWeightedMeanOfTheirLeaf() {
    double[][] x = {{0}, {1}, {5}, {6}};
    double[] y = {1, 3, 10, 20};
    double[] w = {1, 3, 1, 1};
    TreeNode root =
        new DecisionTrees(x, null, 32)
            .grow(
                y,
                w,
                new DecisionTrees.Settings(DecisionTrees.Impurity.VARIANCE, 0, 1, 32, 1, 0),
                1,
                new Random(0));
    // weighted squared errors of the three cuts: after x=0: 222.8, after x=1: 3 + 50 = 53, after
    // x=5: 48 + 0 = 48
    assertEquals(5.5, root.threshold, 0);
    assertEquals(4, root.left.prediction, 1e-12); // (1*1 + 3*3 + 1*10) / 5
    assertEquals(20, root.right.prediction, 1e-12);
  }

  @Test
  void featureSubsetsFollowMllibsStrategies() {
    assertEquals(10, RandomForest.featuresPerNode("auto", 88, 100, true)); // sqrt, rounded up
    assertEquals(88, RandomForest.featuresPerNode("auto", 88, 1, true));
    assertEquals(30, RandomForest.featuresPerNode("onethird", 88, 100, true));
    assertEquals(7, RandomForest.featuresPerNode("log2", 88, 100, true));
    assertEquals(44, RandomForest.featuresPerNode("0.5", 88, 100, true));
    assertEquals(12, RandomForest.featuresPerNode("12", 88, 100, true));
  }

  @Test
  void bootstrapCountsArePoissonWithMeanOne() {
    Random r = new Random(3);
    double sum = 0, zeros = 0;
    for (int i = 0; i < 100_000; i++) {
      int k = RandomForest.poisson(1.0, r);
      sum += k;
      if (k == 0) zeros++;
    }
    assertEquals(1.0, sum / 100_000, 0.01);
    assertEquals(Math.exp(-1), zeros / 100_000, 0.005); // a third of the rows sit out each tree
  }

  private static void assertLeavesHoldAtLeast(TreeNode n, int rows) {
    if (n.isLeaf()) return;
    assertTrue(
        n.left.rawCount >= rows && n.right.rawCount >= rows,
        n.left.rawCount + " / " + n.right.rawCount);
    assertLeavesHoldAtLeast(n.left, rows);
    assertLeavesHoldAtLeast(n.right, rows);
  }
}
