package io.serspark.learn;

import java.util.Locale;
import java.util.Random;

/**
 * MLlib's RandomForestClassifier on one machine: each tree grown by {@link DecisionTrees} (Gini) on
 * a Poisson bootstrap of the rows (MLlib's "bagged points", with replacement when there is more
 * than one tree), choosing each split among a random subset of features (MLlib's
 * featureSubsetStrategy). The random draws are seeded but are not MLlib's own stream, so a forest
 * is one of the forests MLlib could grow, not the one it grows for the same seed.
 */
public final class RandomForest {
  private RandomForest() {}

  /** MLlib's featureSubsetStrategy as a number of features per node. */
  public static int featuresPerNode(
      String strategy, int numFeatures, int numTrees, boolean classification) {
    String s = strategy.toLowerCase(Locale.ROOT);
    return switch (s) {
      case "auto" ->
          numTrees == 1
              ? numFeatures
              : classification
                  ? (int) Math.ceil(Math.sqrt(numFeatures))
                  : (int) Math.ceil(numFeatures / 3.0);
      case "all" -> numFeatures;
      case "sqrt" -> (int) Math.ceil(Math.sqrt(numFeatures));
      case "log2" -> Math.max(1, (int) Math.ceil(Math.log(numFeatures) / Math.log(2)));
      case "onethird" -> (int) Math.ceil(numFeatures / 3.0);
      default -> {
        double v = Double.parseDouble(s);
        yield v > 0 && v <= 1 && s.contains(".")
            ? (int) Math.ceil(v * numFeatures)
            : (int) Math.min(numFeatures, v);
      }
    };
  }

  /**
   * @param label class index per row
   * @param weights instance weights (null: 1)
   * @param subsamplingRate Poisson mean of each row's bootstrap count
   */
  public static TreeNode[] fit(
      DecisionTrees trees,
      int[] label,
      double[] weights,
      DecisionTrees.Settings settings,
      int numTrees,
      int featuresPerNode,
      boolean bootstrap,
      double subsamplingRate,
      long seed) {
    int n = label.length;
    double[] target = new double[n];
    for (int i = 0; i < n; i++) target[i] = label[i];
    Random rng = new Random(seed);
    boolean withReplacement = bootstrap && numTrees > 1;
    TreeNode[] out = new TreeNode[numTrees];
    for (int t = 0; t < numTrees; t++) {
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        double base = weights == null ? 1 : weights[i];
        double count =
            withReplacement
                ? poisson(subsamplingRate, rng)
                : (subsamplingRate >= 1 || rng.nextDouble() < subsamplingRate ? 1 : 0);
        w[i] = base * count;
      }
      out[t] = trees.grow(target, w, settings, featuresPerNode, new Random(rng.nextLong()));
    }
    return out;
  }

  /** Knuth's Poisson sampler; means here are about 1. */
  static int poisson(double mean, Random rng) {
    double limit = Math.exp(-mean), p = 1;
    int k = 0;
    do {
      k++;
      p *= rng.nextDouble();
    } while (p > limit);
    return k - 1;
  }

  /** MLlib's forest vote: the sum over trees of each leaf's normalised class weights. */
  public static double[] votes(TreeNode[] forest, double[] x, int numClasses) {
    double[] v = new double[numClasses];
    for (TreeNode tree : forest) {
      double[] s = tree.leaf(x).stats;
      double total = 0;
      for (double c : s) total += c;
      if (total > 0) for (int c = 0; c < numClasses; c++) v[c] += s[c] / total;
    }
    return v;
  }
}
