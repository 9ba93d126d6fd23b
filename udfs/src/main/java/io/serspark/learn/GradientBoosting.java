package io.serspark.learn;

import java.util.Random;

/**
 * MLlib's binary GBTClassifier (logistic loss, no subsampling, all features per node) on one
 * machine. Labels become ±1; the first regression tree (weight 1) fits them, each later tree
 * (weight {@code stepSize}) fits the negative gradient of MLlib's log loss, 4y / (1 + exp(2yF));
 * the margin is the weighted sum of the trees. No randomness: with the same bins this is MLlib's
 * algorithm step for step.
 */
public final class GradientBoosting {
  /** The trees and their weights. */
  public record Model(TreeNode[] trees, double[] weights) {
    public double margin(double[] x) {
      double m = 0;
      for (int t = 0; t < trees.length; t++) m += weights[t] * trees[t].leaf(x).prediction;
      return m;
    }
  }

  private GradientBoosting() {}

  public static Model fitBinary(
      DecisionTrees trees,
      double[][] x,
      boolean[] positive,
      double[] weights,
      DecisionTrees.Settings settings,
      int numIterations,
      double stepSize) {
    if (settings.impurity() != DecisionTrees.Impurity.VARIANCE)
      throw new IllegalArgumentException("boosting grows regression trees");
    int n = positive.length;
    double[] y = new double[n], w = new double[n], f = new double[n], residual = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = positive[i] ? 1 : -1;
      w[i] = weights == null ? 1 : weights[i];
    }
    TreeNode[] out = new TreeNode[numIterations];
    double[] treeWeights = new double[numIterations];
    Random unused = new Random(0); // all features per node: the subset draw never consumes it
    for (int m = 0; m < numIterations; m++) {
      double[] target = y;
      if (m > 0) {
        for (int i = 0; i < n; i++) residual[i] = 4 * y[i] / (1 + Math.exp(2 * y[i] * f[i]));
        target = residual;
      }
      out[m] = trees.grow(target, w, settings, trees.features(), unused);
      treeWeights[m] = m == 0 ? 1.0 : stepSize;
      for (int i = 0; i < n; i++) f[i] += treeWeights[m] * out[m].leaf(x[i]).prediction;
    }
    return new Model(out, treeWeights);
  }
}
