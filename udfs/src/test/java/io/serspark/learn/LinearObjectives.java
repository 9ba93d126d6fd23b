package io.serspark.learn;

/**
 * MLlib's objectives written out plainly in original feature space, to check the solvers from the
 * outside.
 */
final class LinearObjectives {
  private LinearObjectives() {}

  static double hinge(
      double[][] x, boolean[] positive, double[] w, double[] beta, double b, double regParam) {
    double loss = 0, ws = 0;
    for (int i = 0; i < x.length; i++) {
      double m = b;
      for (int j = 0; j < beta.length; j++) m += beta[j] * x[i][j];
      double wi = w == null ? 1 : w[i];
      loss += wi * Math.max(0, 1 - (positive[i] ? 1 : -1) * m);
      ws += wi;
    }
    double reg = 0;
    for (double v : beta) reg += v * v;
    return loss / ws + 0.5 * regParam * reg;
  }

  static double softmax(
      double[][] x, int[] label, double[] w, double[][] beta, double[] b, double regParam) {
    double loss = 0, ws = 0;
    for (int i = 0; i < x.length; i++) {
      double[] z = new double[b.length];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < b.length; c++) {
        z[c] = b[c];
        for (int j = 0; j < x[i].length; j++) z[c] += beta[c][j] * x[i][j];
        max = Math.max(max, z[c]);
      }
      double s = 0;
      for (double v : z) s += Math.exp(v - max);
      double wi = w == null ? 1 : w[i];
      loss += wi * (max + Math.log(s) - z[label[i]]);
      ws += wi;
    }
    double reg = 0;
    for (double[] row : beta) for (double v : row) reg += v * v;
    return loss / ws + 0.5 * regParam * reg;
  }

  /** Three Gaussian classes in {@code d} dimensions with unequal scales and offsets, seeded. */
  static double[][] blobs(int n, int d, long seed, int[] labelOut) {
    java.util.Random r = new java.util.Random(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      labelOut[i] = c;
      for (int j = 0; j < d; j++)
        x[i][j] = (j + 1) * (r.nextGaussian() + (j % 3 == c ? 1.2 : 0)) + 5 * j;
    }
    return x;
  }
}
