package io.serspark.metrics;

import java.util.Arrays;

/**
 * Area under the ROC curve from scores, computed exactly as the Mann–Whitney U statistic with
 * midranks, so that tied scores count one half (the same value as the trapezoidal ROC area, and
 * scikit-learn's {@code roc_auc_score}).
 */
public final class RocAuc {
  private RocAuc() {}

  /**
   * AUC of {@code score} for separating the positives from the rest; NaN when either side is empty.
   */
  public static double binary(boolean[] positive, double[] score) {
    if (positive.length != score.length)
      throw new IllegalArgumentException("labels and scores differ in length");
    int n = score.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    double rankSumPositive = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && Double.compare(score[order[j + 1]], score[order[i]]) == 0) j++;
      double midrank =
          (i + j) / 2.0 + 1.0; // ranks are 1-based; a tie group shares the mean of its ranks
      for (int t = i; t <= j; t++) {
        if (positive[order[t]]) {
          rankSumPositive += midrank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) return Double.NaN;
    double u = rankSumPositive - positives * (positives + 1) / 2.0;
    return u / ((double) positives * negatives);
  }

  /**
   * One-vs-rest AUC of each class {@code c}, from column {@code c} of {@code scores}; NaN for a
   * class without positives or negatives.
   */
  public static double[] oneVsRest(int k, int[] truth, double[][] scores) {
    double[] auc = new double[k];
    boolean[] pos = new boolean[truth.length];
    double[] s = new double[truth.length];
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < truth.length; i++) {
        pos[i] = truth[i] == c;
        s[i] = scores[i][c];
      }
      auc[c] = binary(pos, s);
    }
    return auc;
  }

  /**
   * Mean of the defined one-vs-rest AUCs (scikit-learn's {@code roc_auc_score(multi_class='ovr',
   * average='macro')}).
   */
  public static double macroOneVsRest(int k, int[] truth, double[][] scores) {
    double sum = 0;
    int n = 0;
    for (double a : oneVsRest(k, truth, scores)) {
      if (!Double.isNaN(a)) {
        sum += a;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
