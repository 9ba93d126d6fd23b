package io.serspark.learn;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, the method MLlib's linear models
 * use through breeze (OWL-QN without L1 terms is exactly this), with breeze's stopping rule: stop
 * after {@code maxIter} iterations, when the objective improved by at most {@code tol · |f(x0)|}
 * over the last {@link #VALUE_HISTORY} iterations, when the largest gradient component is at most
 * {@code max(tol · |f|, 1e-8)}, or when the line search finds no decrease (at a kink of a
 * non-smooth objective such as the hinge loss).
 */
public final class Lbfgs {
  /**
   * How many recent objective values the improvement test looks back over (breeze: 10 for MLlib's
   * use).
   */
  public static final int VALUE_HISTORY = 10;

  private static final double ARMIJO = 1e-4;
  private static final int MAX_BACKTRACKS = 40;

  public enum Stop {
    MAX_ITERATIONS,
    VALUE_CONVERGED,
    GRADIENT_CONVERGED,
    LINE_SEARCH_FAILED
  }

  /** The minimiser found, its objective value, iterations taken and why it stopped. */
  public record Result(double[] x, double value, int iterations, Stop stop) {}

  private final int maxIter;
  private final int memory;
  private final double tol;

  public Lbfgs(int maxIter, int memory, double tol) {
    if (maxIter < 0 || memory < 1 || !(tol >= 0)) {
      throw new IllegalArgumentException(
          "maxIter >= 0, memory >= 1, tol >= 0 (got " + maxIter + ", " + memory + ", " + tol + ")");
    }
    this.maxIter = maxIter;
    this.memory = memory;
    this.tol = tol;
  }

  public Result minimize(DiffFunction f, double[] start) {
    int n = start.length;
    double[] x = start.clone();
    double[] g = new double[n];
    double fx = f.valueAndGradient(x, g);
    double f0 = Math.abs(fx);
    Deque<double[]> s = new ArrayDeque<>(), y = new ArrayDeque<>();
    Deque<Double> rho = new ArrayDeque<>();
    Deque<Double> values = new ArrayDeque<>();
    values.addLast(fx);
    double[] xn = new double[n], gn = new double[n], d = new double[n];
    for (int iter = 0; iter < maxIter; iter++) {
      if (maxAbs(g) <= Math.max(tol * Math.abs(fx), 1e-8))
        return new Result(x, fx, iter, Stop.GRADIENT_CONVERGED);
      direction(g, s, y, rho, d);
      double slope = dot(g, d);
      if (!(slope
          < 0)) { // not a descent direction (curvature pairs gone stale at a kink): restart from
        // steepest descent
        s.clear();
        y.clear();
        rho.clear();
        for (int i = 0; i < n; i++) d[i] = -g[i];
        slope = -dot(g, g);
      }
      // breeze's first step is 1/|d| with a harsher shrink, later steps try the full quasi-Newton
      // step first
      double step = iter == 0 ? 1.0 / Math.sqrt(dot(d, d)) : 1.0;
      double shrink = iter == 0 ? 0.1 : 0.5;
      double fn = Double.NaN;
      boolean accepted = false;
      for (int k = 0; k < MAX_BACKTRACKS && !accepted; k++) {
        for (int i = 0; i < n; i++) xn[i] = x[i] + step * d[i];
        fn = f.valueAndGradient(xn, gn);
        if (fn <= fx + ARMIJO * step * slope) accepted = true;
        else step *= shrink;
      }
      if (!accepted) return new Result(x, fx, iter, Stop.LINE_SEARCH_FAILED);
      double[] si = new double[n], yi = new double[n];
      for (int i = 0; i < n; i++) {
        si[i] = xn[i] - x[i];
        yi[i] = gn[i] - g[i];
      }
      double sy = dot(si, yi);
      if (sy > 1e-12) { // keep only pairs with positive curvature, so the implied Hessian stays
        // positive definite
        s.addLast(si);
        y.addLast(yi);
        rho.addLast(1.0 / sy);
        if (s.size() > memory) {
          s.removeFirst();
          y.removeFirst();
          rho.removeFirst();
        }
      }
      System.arraycopy(xn, 0, x, 0, n);
      System.arraycopy(gn, 0, g, 0, n);
      fx = fn;
      values.addLast(fx);
      if (values.size() > VALUE_HISTORY) values.removeFirst();
      double worst = values.stream().mapToDouble(Double::doubleValue).max().orElse(fx);
      if (values.size() >= 2 && Math.abs(fx - worst) <= tol * f0)
        return new Result(x, fx, iter + 1, Stop.VALUE_CONVERGED);
    }
    return new Result(x, fx, maxIter, Stop.MAX_ITERATIONS);
  }

  /**
   * The two-loop recursion: d = -H g with the stored curvature pairs, H0 scaled by s'y / y'y of the
   * newest pair.
   */
  private static void direction(
      double[] g, Deque<double[]> s, Deque<double[]> y, Deque<Double> rho, double[] d) {
    int m = s.size();
    System.arraycopy(g, 0, d, 0, g.length);
    double[] alpha = new double[m];
    Iterator<double[]> si = s.descendingIterator(), yi = y.descendingIterator();
    Iterator<Double> ri = rho.descendingIterator();
    for (int k = m - 1; k >= 0; k--) {
      double[] sk = si.next(), yk = yi.next();
      double r = ri.next();
      alpha[k] = r * dot(sk, d);
      axpy(-alpha[k], yk, d);
    }
    if (m > 0) {
      double[] sl = s.peekLast(), yl = y.peekLast();
      double gamma = dot(sl, yl) / dot(yl, yl);
      for (int i = 0; i < d.length; i++) d[i] *= gamma;
    }
    si = s.iterator();
    yi = y.iterator();
    ri = rho.iterator();
    for (int k = 0; k < m; k++) {
      double[] sk = si.next(), yk = yi.next();
      double r = ri.next();
      double beta = r * dot(yk, d);
      axpy(alpha[k] - beta, sk, d);
    }
    for (int i = 0; i < d.length; i++) d[i] = -d[i];
  }

  static double dot(double[] a, double[] b) {
    double t = 0;
    for (int i = 0; i < a.length; i++) t += a[i] * b[i];
    return t;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) y[i] += a * x[i];
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) m = Math.max(m, Math.abs(v));
    return m;
  }
}
