package io.serspark.egemaps.voice;

/**
 * Vertex of the parabola through three points ({@code smileMath_quadFrom3pts}), with openSMILE's
 * fallbacks. A reusable result holder so hot loops do not allocate; not thread-safe.
 */
final class Parabola {
  /** x of the vertex. */
  double x;

  /** y of the vertex. */
  double y;

  /** Curvature (0 when the fallback was used). */
  double a;

  /**
   * Fits the parabola and returns {@code this}; falls back to the largest point when no parabola
   * exists.
   */
  Parabola fit(double x1, double y1, double x2, double y2, double x3, double y3) {
    double den =
        x1 * x1 * x2 + x2 * x2 * x3 + x3 * x3 * x1 - x3 * x3 * x2 - x2 * x2 * x1 - x1 * x1 * x3;
    if (den != 0.0) {
      double ca = (y1 * x2 + y2 * x3 + y3 * x1 - y3 * x2 - y2 * x1 - y1 * x3) / den;
      double cb =
          (x1 * x1 * y2 + x2 * x2 * y3 + x3 * x3 * y1 - x3 * x3 * y2 - x2 * x2 * y1 - x1 * x1 * y3)
              / den;
      double cc =
          (x1 * x1 * x2 * y3
                  + x2 * x2 * x3 * y1
                  + x3 * x3 * x1 * y2
                  - x3 * x3 * x2 * y1
                  - x2 * x2 * x1 * y3
                  - x1 * x1 * x3 * y2)
              / den;
      if (ca != 0.0) {
        x = -cb / (2.0 * ca);
        y = cc - ca * x * x;
        a = ca;
        return this;
      }
    }
    a = 0.0;
    if (y1 > y2 && y1 > y3) {
      x = x1;
      y = y1;
    } else if (y2 > y1 && y2 > y3) {
      x = x2;
      y = y2;
    } else if (y3 > y1 && y3 > y2) {
      x = x3;
      y = y3;
    } else {
      x = x1;
      y = y1;
    }
    return this;
  }
}
