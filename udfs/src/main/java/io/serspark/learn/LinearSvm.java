package io.serspark.learn;

/**
 * MLlib {@code LinearSVC}'s objective solved on one machine: (1/Σw) Σ w_i max(0, 1 − s_i (β·x_i +
 * b)) + λ/2 ‖β‖², with s_i = ±1, the intercept b unpenalised and the penalty on original-scale
 * coefficients unless {@code standardization} (then on coefficients of the scaled features, as
 * MLlib).
 */
public final class LinearSvm {
  /** Original-scale coefficients and intercept, and how the optimisation ended. */
  public record Model(double[] coefficients, double intercept, Lbfgs.Result optimisation) {}

  private LinearSvm() {}

  public static Model fit(
      ScaledDesign design,
      boolean[] positive,
      double regParam,
      boolean standardization,
      int maxIter,
      double tol) {
    int d = design.d;
    if (positive.length != design.n)
      throw new IllegalArgumentException(
          "labels for " + positive.length + " rows, design has " + design.n);
    int size = d + (design.fitIntercept ? 1 : 0);
    double[] penalty = new double[d];
    for (int j = 0; j < d; j++) penalty[j] = regParam * design.penaltyScale(j, standardization);
    DiffFunction objective =
        (p, grad) -> {
          java.util.Arrays.fill(grad, 0);
          double loss = 0;
          double b = design.fitIntercept ? p[d] : 0;
          for (int i = 0; i < design.n; i++) {
            double w = design.weight[i];
            if (w == 0) continue;
            int off = i * d;
            double margin = b;
            for (int j = 0; j < d; j++) margin += p[j] * design.x[off + j];
            double s = positive[i] ? 1 : -1;
            double slack = 1 - s * margin;
            if (slack > 0) { // MLlib's subgradient: zero at the kink
              loss += w * slack;
              double c = -w * s;
              for (int j = 0; j < d; j++) grad[j] += c * design.x[off + j];
              if (design.fitIntercept) grad[d] += c;
            }
          }
          double inv = 1.0 / design.weightSum;
          double reg = 0;
          for (int j = 0; j < size; j++) grad[j] *= inv;
          for (int j = 0; j < d; j++) {
            reg += 0.5 * penalty[j] * p[j] * p[j];
            grad[j] += penalty[j] * p[j];
          }
          return loss * inv + reg;
        };
    Lbfgs.Result r = new Lbfgs(maxIter, 10, tol).minimize(objective, new double[size]);
    double[] beta = new double[d];
    for (int j = 0; j < d; j++) beta[j] = design.unscale(j, r.x()[j]);
    double intercept = design.fitIntercept ? design.unscaleIntercept(r.x()[d], r.x(), 0) : 0;
    return new Model(beta, intercept, r);
  }
}
