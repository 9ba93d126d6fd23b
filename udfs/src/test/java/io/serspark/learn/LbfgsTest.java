package io.serspark.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbfgsTest {
  /**
   * Rosenbrock's banana valley: minimum 0 at (1, 1), the classic test of a quasi-Newton method's
   * curvature model.
   */
  private static final DiffFunction ROSENBROCK =
      (x, g) -> {
        double a = 1 - x[0], b = x[1] - x[0] * x[0];
        g[0] = -2 * a - 400 * x[0] * b;
        g[1] = 200 * b;
        return a * a + 100 * b * b;
      };

  @Test
  void findsTheMinimumOfRosenbrocksFunction() {
    Lbfgs.Result r = new Lbfgs(1000, 10, 1e-14).minimize(ROSENBROCK, new double[] {-1.2, 1});
    assertArrayEquals(
        new double[] {1, 1},
        r.x(),
        1e-4,
        "stopped because " + r.stop() + " after " + r.iterations());
    assertTrue(r.value() < 1e-8, "f = " + r.value());
  }

  @Test
  void aQuadraticIsSolvedInFewIterations() {
    // f = sum_i c_i (x_i - i)^2 with c_i from 1 to 100: ill-conditioned, but L-BFGS with 10 pairs
    // needs ~dimension steps
    int n = 8;
    DiffFunction f =
        (x, g) -> {
          double v = 0;
          for (int i = 0; i < n; i++) {
            double c = Math.pow(100, i / (n - 1.0));
            v += c * (x[i] - i) * (x[i] - i);
            g[i] = 2 * c * (x[i] - i);
          }
          return v;
        };
    Lbfgs.Result r = new Lbfgs(100, 10, 1e-12).minimize(f, new double[n]);
    for (int i = 0; i < n; i++) assertEquals(i, r.x()[i], 1e-5);
    assertTrue(r.iterations() < 40, r.iterations() + " iterations");
  }

  @Test
  void stopsAtTheIterationLimitAndNeverIncreasesTheObjective() {
    double start = ROSENBROCK.valueAndGradient(new double[] {-1.2, 1}, new double[2]);
    Lbfgs.Result none = new Lbfgs(0, 10, 0).minimize(ROSENBROCK, new double[] {-1.2, 1});
    assertArrayEquals(new double[] {-1.2, 1}, none.x());
    assertEquals(Lbfgs.Stop.MAX_ITERATIONS, none.stop());
    double previous = start;
    for (int it = 1; it <= 20; it++) {
      Lbfgs.Result r = new Lbfgs(it, 10, 0).minimize(ROSENBROCK, new double[] {-1.2, 1});
      assertTrue(
          r.value() <= previous + 1e-15, "iteration " + it + ": " + r.value() + " > " + previous);
      previous = r.value();
    }
  }
}
