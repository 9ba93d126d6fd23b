package io.serspark.metrics;

import java.util.Arrays;

/**
 * Counts of (true class, predicted class) pairs over {@code k} classes, and the classification
 * metrics that are functions of it: per-class precision/recall/F1, UAR (macro recall), WA
 * (accuracy) and macro-F1.
 *
 * <p>Conventions follow scikit-learn's so that our numbers compare with published ones: a class's
 * precision is 0 when it is never predicted; UAR averages recall over the classes present in the
 * truth (a class absent from a test speaker's data has no recall); macro-F1 averages F1 over the
 * classes present in the truth or the predictions.
 */
public final class ConfusionMatrix {
  private final long[][] counts;

  private ConfusionMatrix(long[][] counts) {
    this.counts = counts;
  }

  /** Builds the matrix from parallel arrays of class indices in {@code [0, k)}. */
  public static ConfusionMatrix of(int k, int[] truth, int[] predicted) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException(
          "truth has " + truth.length + " items, predictions " + predicted.length);
    }
    long[][] c = new long[k][k];
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] < 0 || truth[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
        throw new IllegalArgumentException("class index out of [0," + k + ") at item " + i);
      }
      c[truth[i]][predicted[i]]++;
    }
    return new ConfusionMatrix(c);
  }

  /**
   * A matrix from given counts (rows = true class, columns = predicted class); the array is copied.
   */
  public static ConfusionMatrix ofCounts(long[][] counts) {
    long[][] c = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      if (counts[i].length != counts.length)
        throw new IllegalArgumentException("confusion matrix must be square");
      c[i] = counts[i].clone();
    }
    return new ConfusionMatrix(c);
  }

  public int classes() {
    return counts.length;
  }

  /** A copy of the counts: rows = true class, columns = predicted class. */
  public long[][] counts() {
    long[][] c = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) c[i] = counts[i].clone();
    return c;
  }

  public long total() {
    long n = 0;
    for (long[] row : counts) for (long v : row) n += v;
    return n;
  }

  /** Number of items whose true class is {@code c}. */
  public long support(int c) {
    return Arrays.stream(counts[c]).sum();
  }

  /** Number of items predicted as {@code c}. */
  public long predictedCount(int c) {
    long n = 0;
    for (long[] row : counts) n += row[c];
    return n;
  }

  public double recall(int c) {
    long s = support(c);
    return s == 0 ? 0.0 : (double) counts[c][c] / s;
  }

  public double precision(int c) {
    long p = predictedCount(c);
    return p == 0 ? 0.0 : (double) counts[c][c] / p;
  }

  public double f1(int c) {
    double p = precision(c), r = recall(c);
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }

  /** Unweighted average recall over the classes present in the truth; NaN for an empty matrix. */
  public double uar() {
    double sum = 0;
    int n = 0;
    for (int c = 0; c < counts.length; c++) {
      if (support(c) > 0) {
        sum += recall(c);
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Weighted accuracy = plain accuracy (each item counts once; the SER literature's "WA"). */
  public double wa() {
    long n = total(), hit = 0;
    for (int c = 0; c < counts.length; c++) hit += counts[c][c];
    return n == 0 ? Double.NaN : (double) hit / n;
  }

  /**
   * F1 averaged over the classes present in the truth or the predictions (scikit-learn's {@code
   * f1_score(average='macro')}).
   */
  public double macroF1() {
    double sum = 0;
    int n = 0;
    for (int c = 0; c < counts.length; c++) {
      if (support(c) > 0 || predictedCount(c) > 0) {
        sum += f1(c);
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
