package io.serspark.learn;

/**
 * A training design matrix scaled the way MLlib scales it inside its linear models: each feature
 * divided by its weighted standard deviation and, when an intercept is fitted, centred by its
 * weighted mean (MLlib 3.1+ "virtual centering"). The optimum is the same in either
 * parametrisation; the scaling only conditions the problem so that L-BFGS takes the path MLlib's
 * does. Constant features (deviation 0) are left out of the fit (coefficient 0), as in MLlib.
 */
public final class ScaledDesign {
  final int n;
  final int d;
  final double[] x; // row-major n x d, scaled (and centred when fitIntercept)
  final double[] weight;
  final double weightSum;
  final double[] mean;
  final double[] std;
  final boolean fitIntercept;

  /**
   * @param rows n feature rows of equal length
   * @param weights n non-negative instance weights (null: all 1)
   * @param fitIntercept whether the model has an intercept (features are centred only then)
   */
  public ScaledDesign(double[][] rows, double[] weights, boolean fitIntercept) {
    if (rows.length == 0) throw new IllegalArgumentException("no training rows");
    n = rows.length;
    d = rows[0].length;
    weight = new double[n];
    double ws = 0, w2 = 0;
    double[] sum = new double[d], sq = new double[d];
    for (int i = 0; i < n; i++) {
      if (rows[i].length != d)
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " features, expected " + d);
      double w = weights == null ? 1.0 : weights[i];
      if (!(w >= 0) || Double.isInfinite(w))
        throw new IllegalArgumentException(
            "weight " + w + " of row " + i + " is not a finite non-negative number");
      weight[i] = w;
      ws += w;
      w2 += w * w;
      for (int j = 0; j < d; j++) {
        double v = rows[i][j];
        sum[j] += w * v;
        sq[j] += w * v * v;
      }
    }
    if (!(ws > 0)) throw new IllegalArgumentException("the instance weights sum to " + ws);
    weightSum = ws;
    mean = new double[d];
    std = new double[d];
    double denominator = ws - w2 / ws; // MLlib's Summarizer: the unbiased weighted variance
    for (int j = 0; j < d; j++) {
      mean[j] = sum[j] / ws;
      double var = denominator > 0 ? (sq[j] - sum[j] * sum[j] / ws) / denominator : 0;
      std[j] = var > 0 ? Math.sqrt(var) : 0;
    }
    this.fitIntercept = fitIntercept;
    x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] = std[j] == 0 ? 0 : (rows[i][j] - (fitIntercept ? mean[j] : 0)) / std[j];
      }
    }
  }

  public int rows() {
    return n;
  }

  public int features() {
    return d;
  }

  /**
   * L2 penalty weight of scaled coefficient j: 1 when the penalty is on scaled coefficients, else
   * 1/std².
   */
  double penaltyScale(int j, boolean standardization) {
    if (std[j] == 0) return 0;
    return standardization ? 1.0 : 1.0 / (std[j] * std[j]);
  }

  /** Original-scale coefficient of feature j from its scaled coefficient. */
  double unscale(int j, double scaled) {
    return std[j] == 0 ? 0 : scaled / std[j];
  }

  /** Original-scale intercept from the scaled one: undoes the centring. */
  double unscaleIntercept(double scaledIntercept, double[] scaledCoefficients, int offset) {
    if (!fitIntercept) return 0;
    double b = scaledIntercept;
    for (int j = 0; j < d; j++) b -= unscale(j, scaledCoefficients[offset + j]) * mean[j];
    return b;
  }
}
