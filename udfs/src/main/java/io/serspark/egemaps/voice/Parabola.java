package io.serspark.egemaps.voice;

/** Vertex of the parabola through three points ({@code smileMath_quadFrom3pts}), with openSMILE's fallbacks. */
final class Parabola {
  private Parabola() {}

  /** Returns {x of vertex, y of vertex, curvature a}; falls back to the largest point when no parabola exists. */
  static double[] vertex(double x1, double y1, double x2, double y2, double x3, double y3) {
    double den = x1 * x1 * x2 + x2 * x2 * x3 + x3 * x3 * x1 - x3 * x3 * x2 - x2 * x2 * x1 - x1 * x1 * x3;
    if (den != 0.0) {
      double a = (y1 * x2 + y2 * x3 + y3 * x1 - y3 * x2 - y2 * x1 - y1 * x3) / den;
      double b = (x1 * x1 * y2 + x2 * x2 * y3 + x3 * x3 * y1 - x3 * x3 * y2 - x2 * x2 * y1 - x1 * x1 * y3) / den;
      double c = (x1 * x1 * x2 * y3 + x2 * x2 * x3 * y1 + x3 * x3 * x1 * y2 - x3 * x3 * x2 * y1
          - x2 * x2 * x1 * y3 - x1 * x1 * x3 * y2) / den;
      if (a != 0.0) {
        double x = -b / (2.0 * a);
        return new double[] {x, c - a * x * x, a};
      }
    }
    if (y1 > y2 && y1 > y3) {
      return new double[] {x1, y1, 0.0};
    } else if (y2 > y1 && y2 > y3) {
      return new double[] {x2, y2, 0.0};
    } else if (y3 > y1 && y3 > y2) {
      return new double[] {x3, y3, 0.0};
    }
    return new double[] {x1, y1, 0.0};
  }
}
