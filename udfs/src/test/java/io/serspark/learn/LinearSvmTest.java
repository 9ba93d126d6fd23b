package io.serspark.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearSvmTest {
  private static final int N = 150, D = 4;

  private static boolean[] positiveFor(int[] label, int c) {
    boolean[] p = new boolean[label.length];
    for (int i = 0; i < p.length; i++) p[i] = label[i] == c;
    return p;
  }

  @Test
  void reachesTheMinimumOfMllibsHingeObjective() {
    int[] label = new int[N];
    double[][] x = LinearObjectives.blobs(N, D, 3, label);
    boolean[] pos = positiveFor(label, 1);
    double[] w = new double[N];
    for (int i = 0; i < N; i++) w[i] = pos[i] ? 2 : 1; // class weights as the runner sets them
    double lambda = 0.05;
    LinearSvm.Model m =
        LinearSvm.fit(new ScaledDesign(x, w, true), pos, lambda, false, 2000, 1e-12);
    double best = LinearObjectives.hinge(x, pos, w, m.coefficients(), m.intercept(), lambda);
    assertEquals(
        best, m.optimisation().value(), 1e-9, "the solver's value is the original-space objective");
    // a convex function at its minimum: no small step in any direction goes lower
    Random r = new Random(11);
    for (int t = 0; t < 400; t++) {
      double[] beta = m.coefficients().clone();
      double h = 1e-3 * (1 + t % 4);
      for (int j = 0; j < D; j++) beta[j] += h * r.nextGaussian() / (j + 1);
      double b = m.intercept() + h * r.nextGaussian();
      double f = LinearObjectives.hinge(x, pos, w, beta, b, lambda);
      assertTrue(
          f >= best - 1e-7, "perturbation " + t + " lowered the objective: " + f + " < " + best);
    }
  }

  @Test
  void matchesABruteForceSearchInOneDimension() {
    double[][] x = {{-2}, {-1.5}, {-1}, {-0.2}, {0.1}, {0.3}, {1}, {1.2}, {2.5}, {-0.4}};
    boolean[] pos = {false, false, false, true, false, true, true, true, true, false};
    double lambda = 0.3;
    LinearSvm.Model m =
        LinearSvm.fit(new ScaledDesign(x, null, true), pos, lambda, false, 1000, 1e-12);
    double grid = Double.POSITIVE_INFINITY;
    for (double beta = 0; beta <= 3; beta += 0.002) {
      for (double b = -1.5; b <= 1.5; b += 0.002)
        grid = Math.min(grid, LinearObjectives.hinge(x, pos, null, new double[] {beta}, b, lambda));
    }
    assertTrue(
        m.optimisation().value() <= grid + 1e-6,
        "solver " + m.optimisation().value() + " vs grid " + grid);
  }

  @Test
  void standardizationMakesTheFitIndependentOfFeatureUnits() {
    int[] label = new int[N];
    double[][] x = LinearObjectives.blobs(N, D, 5, label);
    double[][] scaled = new double[N][D];
    for (int i = 0; i < N; i++) for (int j = 0; j < D; j++) scaled[i][j] = 1000 * x[i][j] - 7;
    boolean[] pos = positiveFor(label, 2);
    LinearSvm.Model a = LinearSvm.fit(new ScaledDesign(x, null, true), pos, 0.01, true, 500, 1e-10);
    LinearSvm.Model b =
        LinearSvm.fit(new ScaledDesign(scaled, null, true), pos, 0.01, true, 500, 1e-10);
    for (int i = 0; i < N; i++) {
      double ma = a.intercept(), mb = b.intercept();
      for (int j = 0; j < D; j++) {
        ma += a.coefficients()[j] * x[i][j];
        mb += b.coefficients()[j] * scaled[i][j];
      }
      assertEquals(ma, mb, 1e-4, "margin of row " + i);
    }
  }

  @Test
  void aWeightOfTwoIsTheSameAsTheRowTwice() {
    int[] label = new int[60];
    double[][] x = LinearObjectives.blobs(60, 3, 9, label);
    boolean[] pos = positiveFor(label, 0);
    double[] w = new double[60];
    java.util.Arrays.fill(w, 1);
    w[0] = 2;
    double[][] x2 = new double[61][];
    boolean[] pos2 = new boolean[61];
    for (int i = 0; i < 60; i++) {
      x2[i] = x[i];
      pos2[i] = pos[i];
    }
    x2[60] = x[0];
    pos2[60] = pos[0];
    // the same objective up to the weight sum, so compare objectives at each other's optimum
    LinearSvm.Model a = LinearSvm.fit(new ScaledDesign(x, w, true), pos, 0.05, false, 2000, 1e-12);
    LinearSvm.Model b =
        LinearSvm.fit(new ScaledDesign(x2, null, true), pos2, 0.05, false, 2000, 1e-12);
    double fa = LinearObjectives.hinge(x, pos, w, a.coefficients(), a.intercept(), 0.05);
    double fb = LinearObjectives.hinge(x, pos, w, b.coefficients(), b.intercept(), 0.05);
    assertEquals(fa, fb, 1e-6);
  }
}
