package io.serspark.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MultinomialLogisticTest {
  @Test
  void theGradientOfMllibsObjectiveVanishesAtTheSolution() {
    int n = 120, d = 4, k = 3;
    int[] label = new int[n];
    double[][] x = LinearObjectives.blobs(n, d, 21, label);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) w[i] = 1 + (label[i] == 0 ? 1 : 0);
    double lambda = 0.02;
    MultinomialLogistic.Model m =
        MultinomialLogistic.fit(new ScaledDesign(x, w, true), label, k, lambda, false, 5000, 1e-14);
    double f = LinearObjectives.softmax(x, label, w, m.coefficients(), m.intercepts(), lambda);
    assertEquals(
        f, m.optimisation().value(), 1e-9, "the solver's value is the original-space objective");
    // central differences in original space, on every coefficient and intercept
    double h = 1e-5;
    for (int c = 0; c < k; c++) {
      for (int j = 0; j <= d; j++) {
        double[][] up = deep(m.coefficients()), down = deep(m.coefficients());
        double[] bu = m.intercepts().clone(), bd = m.intercepts().clone();
        if (j < d) {
          up[c][j] += h;
          down[c][j] -= h;
        } else {
          bu[c] += h;
          bd[c] -= h;
        }
        double g =
            (LinearObjectives.softmax(x, label, w, up, bu, lambda)
                    - LinearObjectives.softmax(x, label, w, down, bd, lambda))
                / (2 * h);
        assertEquals(0, g, 1e-5, "dF/d" + (j < d ? "beta[" + c + "][" + j + "]" : "b[" + c + "]"));
      }
    }
    double mean = 0;
    for (double b : m.intercepts()) mean += b;
    assertEquals(0, mean, 1e-9, "intercepts are centred");
  }

  @Test
  void predictsTheTrainingClassesOfSeparatedBlobs() {
    int n = 90;
    int[] label = new int[n];
    double[][] x = LinearObjectives.blobs(n, 6, 2, label);
    MultinomialLogistic.Model m =
        MultinomialLogistic.fit(new ScaledDesign(x, null, true), label, 3, 1e-3, false, 200, 1e-6);
    int right = 0;
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestZ = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < 3; c++) {
        double z = m.intercepts()[c];
        for (int j = 0; j < 6; j++) z += m.coefficients()[c][j] * x[i][j];
        if (z > bestZ) {
          bestZ = z;
          best = c;
        }
      }
      if (best == label[i]) right++;
    }
    assertTrue(right >= 0.8 * n, right + " of " + n + " right");
  }

  private static double[][] deep(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
    return c;
  }
}
