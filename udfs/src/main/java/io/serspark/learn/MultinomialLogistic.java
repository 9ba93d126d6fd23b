package io.serspark.learn;

/**
 * MLlib {@code LogisticRegression(family = multinomial)}'s objective with an L2 penalty, solved on
 * one machine: (1/Σw) Σ w_i [log Σ_k exp(z_ik) − z_i,y_i] + λ/2 ‖B‖², z_i = B x_i + b, intercepts
 * unpenalised, penalty on original-scale coefficients unless {@code standardization}. Starts, like
 * MLlib, from zero coefficients and the centred log class frequencies (+1) as intercepts; the
 * fitted intercepts are centred (they are only defined up to a constant).
 */
public final class MultinomialLogistic {
  /**
   * Original-scale coefficient matrix [class][feature], intercepts per class, and how the
   * optimisation ended.
   */
  public record Model(double[][] coefficients, double[] intercepts, Lbfgs.Result optimisation) {}

  private MultinomialLogistic() {}

  public static Model fit(
      ScaledDesign design,
      int[] label,
      int numClasses,
      double regParam,
      boolean standardization,
      int maxIter,
      double tol) {
    int d = design.d, k = numClasses;
    if (label.length != design.n)
      throw new IllegalArgumentException(
          "labels for " + label.length + " rows, design has " + design.n);
    int coefs = k * d;
    int size = coefs + (design.fitIntercept ? k : 0);
    double[] penalty = new double[d];
    for (int j = 0; j < d; j++) penalty[j] = regParam * design.penaltyScale(j, standardization);
    DiffFunction objective =
        (p, grad) -> {
          java.util.Arrays.fill(grad, 0);
          double loss = 0;
          double[] z = new double[k];
          for (int i = 0; i < design.n; i++) {
            double w = design.weight[i];
            if (w == 0) continue;
            int off = i * d;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
              double v = design.fitIntercept ? p[coefs + c] : 0;
              for (int j = 0; j < d; j++) v += p[c * d + j] * design.x[off + j];
              z[c] = v;
              max = Math.max(max, v);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) sum += Math.exp(z[c] - max);
            double logSum = max + Math.log(sum);
            loss += w * (logSum - z[label[i]]);
            for (int c = 0; c < k; c++) {
              double r = w * (Math.exp(z[c] - logSum) - (c == label[i] ? 1 : 0));
              for (int j = 0; j < d; j++) grad[c * d + j] += r * design.x[off + j];
              if (design.fitIntercept) grad[coefs + c] += r;
            }
          }
          double inv = 1.0 / design.weightSum;
          for (int q = 0; q < size; q++) grad[q] *= inv;
          double reg = 0;
          for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
              double v = p[c * d + j];
              reg += 0.5 * penalty[j] * v * v;
              grad[c * d + j] += penalty[j] * v;
            }
          }
          return loss * inv + reg;
        };
    double[] start = new double[size];
    if (design.fitIntercept) {
      double[] count = new double[k];
      for (int i = 0; i < design.n; i++) count[label[i]] += design.weight[i];
      double mean = 0;
      for (int c = 0; c < k; c++) mean += Math.log(count[c] + 1) / k;
      for (int c = 0; c < k; c++) start[coefs + c] = Math.log(count[c] + 1) - mean;
    }
    Lbfgs.Result r = new Lbfgs(maxIter, 10, tol).minimize(objective, start);
    double[][] beta = new double[k][d];
    double[] intercepts = new double[k];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) beta[c][j] = design.unscale(j, r.x()[c * d + j]);
      intercepts[c] =
          design.fitIntercept ? design.unscaleIntercept(r.x()[coefs + c], r.x(), c * d) : 0;
    }
    double centre = 0;
    for (double b : intercepts) centre += b / k;
    if (design.fitIntercept) for (int c = 0; c < k; c++) intercepts[c] -= centre;
    return new Model(beta, intercepts, r);
  }
}
