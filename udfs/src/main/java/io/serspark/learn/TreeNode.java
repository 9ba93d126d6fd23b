package io.serspark.learn;

/**
 * One node of a grown decision tree, as plain data. Internal nodes send a row left when {@code
 * x[feature] <= threshold} (MLlib's rule for continuous splits). {@code stats} are what MLlib's
 * impurity calculators hold: weighted class counts (Gini) or [weight, weighted sum, weighted sum of
 * squares] (variance).
 */
public final class TreeNode {
  public final int feature;
  public final double threshold;
  public final TreeNode left;
  public final TreeNode right;
  public final double[] stats;
  public final long rawCount;
  public final double impurity;
  public final double gain;
  public final double prediction;

  TreeNode(
      int feature,
      double threshold,
      TreeNode left,
      TreeNode right,
      double[] stats,
      long rawCount,
      double impurity,
      double gain,
      double prediction) {
    this.feature = feature;
    this.threshold = threshold;
    this.left = left;
    this.right = right;
    this.stats = stats;
    this.rawCount = rawCount;
    this.impurity = impurity;
    this.gain = gain;
    this.prediction = prediction;
  }

  public boolean isLeaf() {
    return left == null;
  }

  /** The leaf a row falls into. */
  public TreeNode leaf(double[] x) {
    TreeNode n = this;
    while (!n.isLeaf()) n = x[n.feature] <= n.threshold ? n.left : n.right;
    return n;
  }

  public int depth() {
    return isLeaf() ? 0 : 1 + Math.max(left.depth(), right.depth());
  }
}
