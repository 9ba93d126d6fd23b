package io.serspark.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * CART as MLlib grows it (org.apache.spark.ml.tree.impl.RandomForest), on one machine: continuous
 * features binned into at most {@code maxBins} bins whose thresholds MLlib's way picks (midpoints
 * between distinct values, every one of them when there are few, else the ones closest to
 * equal-weight strides), best split by impurity gain over a random subset of features per node, a
 * node becomes a leaf at {@code maxDepth}, when it is pure, or when no split gains more than {@code
 * minInfoGain} with at least {@code minInstancesPerNode} rows on each side.
 */
public final class DecisionTrees {
  /**
   * Gini (classification, stats = weighted class counts) or variance (regression, stats = [w, Σwy,
   * Σwy²]).
   */
  public enum Impurity {
    GINI,
    VARIANCE
  }

  public record Settings(
      Impurity impurity,
      int numClasses,
      int maxDepth,
      int maxBins,
      int minInstancesPerNode,
      double minInfoGain) {
    public Settings {
      if (maxDepth < 0 || maxBins < 2 || minInstancesPerNode < 1) {
        throw new IllegalArgumentException("maxDepth >= 0, maxBins >= 2, minInstancesPerNode >= 1");
      }
    }

    int statsSize() {
      return impurity == Impurity.GINI ? numClasses : 3;
    }
  }

  private final double[][] x;
  private final double[][] thresholds; // per feature, ascending
  private final int[][]
      bins; // [feature][row]: index of the first threshold >= x, or thresholds.length

  /**
   * Bins the rows once; trees grown from this object share the bins.
   *
   * @param weights instance weights (null: 1), which MLlib's split finding counts values with
   */
  public DecisionTrees(double[][] x, double[] weights, int maxBins) {
    this.x = x;
    int d = x.length == 0 ? 0 : x[0].length;
    thresholds = new double[d][];
    bins = new int[d][x.length];
    for (int j = 0; j < d; j++) {
      double[] column = new double[x.length];
      for (int i = 0; i < x.length; i++) column[i] = x[i][j];
      thresholds[j] = thresholds(column, weights, maxBins - 1);
      for (int i = 0; i < x.length; i++) {
        int b = Arrays.binarySearch(thresholds[j], column[i]);
        bins[j][i] = b >= 0 ? b : -b - 1;
      }
    }
  }

  public int features() {
    return thresholds.length;
  }

  /**
   * MLlib's findSplitsForContinuousFeature: at most {@code numSplits} thresholds from weighted
   * value counts.
   */
  static double[] thresholds(double[] values, double[] weights, int numSplits) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    List<Double> distinct = new ArrayList<>();
    List<Double> counts = new ArrayList<>();
    double total = 0;
    for (int i : order) {
      double w = weights == null ? 1 : weights[i];
      total += w;
      if (!distinct.isEmpty() && distinct.get(distinct.size() - 1) == values[i])
        counts.set(counts.size() - 1, counts.get(counts.size() - 1) + w);
      else {
        distinct.add(values[i]);
        counts.add(w);
      }
    }
    int possible = distinct.size() - 1;
    List<Double> out = new ArrayList<>();
    if (possible <= 0) return new double[0];
    if (possible <= numSplits) {
      for (int i = 1; i <= possible; i++) out.add((distinct.get(i - 1) + distinct.get(i)) / 2);
    } else {
      double stride = total / (numSplits + 1);
      double current = counts.get(0), target = stride;
      for (int i = 1; i <= possible; i++) {
        double previous = current;
        current += counts.get(i);
        if (Math.abs(previous - target) < Math.abs(current - target)) {
          out.add((distinct.get(i - 1) + distinct.get(i)) / 2);
          target += stride;
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Grows one tree.
   *
   * @param target class index (Gini) or value (variance) per row
   * @param weight per row (instance weight × bootstrap count); rows of weight 0 are not in the tree
   * @param featuresPerNode how many features each node draws (without replacement) to choose its
   *     split from
   * @param rng draws the feature subsets
   */
  public TreeNode grow(
      double[] target, double[] weight, Settings s, int featuresPerNode, Random rng) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < weight.length; i++) if (weight[i] > 0) rows.add(i);
    return node(
        rows.stream().mapToInt(Integer::intValue).toArray(),
        target,
        weight,
        s,
        Math.max(1, Math.min(featuresPerNode, features())),
        rng,
        0);
  }

  private TreeNode node(
      int[] rows, double[] target, double[] weight, Settings s, int k, Random rng, int depth) {
    double[] stats = new double[s.statsSize()];
    for (int i : rows) add(stats, target[i], weight[i], s);
    double impurity = impurity(stats, s);
    double prediction = prediction(stats, s);
    if (depth >= s.maxDepth() || impurity <= 0 || rows.length < 2 * s.minInstancesPerNode()) {
      return new TreeNode(-1, 0, null, null, stats, rows.length, impurity, 0, prediction);
    }
    double total = weightOf(stats, s);
    int bestFeature = -1, bestBin = -1;
    double bestGain = Double.NEGATIVE_INFINITY;
    for (int j : subset(features(), k, rng)) {
      int nb = thresholds[j].length;
      if (nb == 0) continue;
      double[][] binStats = new double[nb + 1][s.statsSize()];
      int[] binCount = new int[nb + 1];
      for (int i : rows) {
        add(binStats[bins[j][i]], target[i], weight[i], s);
        binCount[bins[j][i]]++;
      }
      double[] binTotal =
          new double[s.statsSize()]; // MLlib takes the right side as (all bins) - (left bins)
      for (double[] b : binStats) for (int c = 0; c < binTotal.length; c++) binTotal[c] += b[c];
      double[] left = new double[s.statsSize()];
      int leftCount = 0;
      for (int b = 0; b < nb; b++) { // split b: bins 0..b go left (x <= thresholds[b])
        for (int c = 0; c < left.length; c++) left[c] += binStats[b][c];
        leftCount += binCount[b];
        int rightCount = rows.length - leftCount;
        if (leftCount < s.minInstancesPerNode() || rightCount < s.minInstancesPerNode()) continue;
        double wl = weightOf(left, s);
        double[] right = new double[left.length];
        for (int c = 0; c < left.length; c++) right[c] = binTotal[c] - left[c];
        double wr = weightOf(right, s);
        double gain =
            impurity - (wl / total) * impurity(left, s) - (wr / total) * impurity(right, s);
        if (gain < s.minInfoGain()) continue;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = j;
          bestBin = b;
        }
      }
    }
    if (bestFeature < 0 || bestGain <= 0)
      return new TreeNode(-1, 0, null, null, stats, rows.length, impurity, 0, prediction);
    int f = bestFeature, cut = bestBin;
    int[] l = Arrays.stream(rows).filter(i -> bins[f][i] <= cut).toArray();
    int[] r = Arrays.stream(rows).filter(i -> bins[f][i] > cut).toArray();
    TreeNode left = node(l, target, weight, s, k, rng, depth + 1);
    TreeNode right = node(r, target, weight, s, k, rng, depth + 1);
    return new TreeNode(
        f, thresholds[f][cut], left, right, stats, rows.length, impurity, bestGain, prediction);
  }

  /** k distinct feature indices (all of them, in order, when k covers every feature). */
  private static int[] subset(int d, int k, Random rng) {
    int[] all = new int[d];
    for (int j = 0; j < d; j++) all[j] = j;
    if (k >= d) return all;
    for (int i = 0; i < k; i++) { // partial Fisher-Yates
      int swap = i + rng.nextInt(d - i);
      int t = all[i];
      all[i] = all[swap];
      all[swap] = t;
    }
    int[] chosen = Arrays.copyOf(all, k);
    Arrays.sort(chosen);
    return chosen;
  }

  private static void add(double[] stats, double y, double w, Settings s) {
    if (s.impurity() == Impurity.GINI) stats[(int) y] += w;
    else {
      stats[0] += w;
      stats[1] += w * y;
      stats[2] += w * y * y;
    }
  }

  static double weightOf(double[] stats, Settings s) {
    if (s.impurity() == Impurity.VARIANCE) return stats[0];
    double t = 0;
    for (double c : stats) t += c;
    return t;
  }

  static double impurity(double[] stats, Settings s) {
    double w = weightOf(stats, s);
    if (w <= 0) return 0;
    if (s.impurity() == Impurity.VARIANCE)
      return (stats[2] - stats[1] * stats[1] / w) / w; // MLlib's form: exact 0 for a pure node
    double g = 1;
    for (double c : stats) g -= (c / w) * (c / w);
    return g;
  }

  static double prediction(double[] stats, Settings s) {
    if (s.impurity() == Impurity.VARIANCE) return stats[0] > 0 ? stats[1] / stats[0] : 0;
    int best = 0;
    for (int c = 1; c < stats.length; c++) if (stats[c] > stats[best]) best = c;
    return best;
  }
}
