package io.serspark.learn;

/** A differentiable (or sub-differentiable) function of a parameter vector. */
@FunctionalInterface
public interface DiffFunction {
  /** Returns f(x) and writes a (sub)gradient of f at x into {@code gradient} (same length as x). */
  double valueAndGradient(double[] x, double[] gradient);
}
