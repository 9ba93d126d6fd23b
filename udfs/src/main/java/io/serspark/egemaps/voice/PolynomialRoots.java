package io.serspark.egemaps.voice;

/**
 * All complex roots of a real monic polynomial by the Aberth–Ehrlich simultaneous iteration (cubic
 * convergence, robust for the well-separated roots of LPC polynomials). Work arrays are owned by
 * the instance.
 */
final class PolynomialRoots {
  private static final int MAX_ITER = 200;
  private final int degree;
  private final double[] re;
  private final double[] im;
  private final boolean[] done;
  private final double[] prevRe;
  private final double[] prevIm;
  private boolean havePrev;

  PolynomialRoots(int degree) {
    this.degree = degree;
    re = new double[degree];
    im = new double[degree];
    done = new boolean[degree];
    prevRe = new double[degree];
    prevIm = new double[degree];
  }

  /**
   * @param c coefficients in ascending order, c[degree] = 1 (monic)
   * @param outRe real parts of the roots
   * @param outIm imaginary parts of the roots
   */
  void solve(double[] c, double[] outRe, double[] outIm) {
    // consecutive LPC frames have similar roots: starting from the last solution converges in a few
    // steps
    if (havePrev && iterate(c, prevRe, prevIm)) {
      copyOut(outRe, outIm);
      return;
    }
    int n = degree;
    // initial guesses on a circle of Cauchy-bound-like radius, rotated off the real axis
    double radius = 0;
    for (int i = 0; i < n; i++) {
      radius = Math.max(radius, Math.pow(Math.abs(c[i]), 1.0 / (n - i)));
    }
    if (radius == 0) {
      radius = 1;
    }
    double[] r0 = new double[n];
    double[] i0 = new double[n];
    for (int k = 0; k < n; k++) {
      double ang = 2 * Math.PI * k / n + 0.4;
      r0[k] = radius * Math.cos(ang);
      i0[k] = radius * Math.sin(ang);
    }
    iterate(c, r0, i0);
    copyOut(outRe, outIm);
  }

  private void copyOut(double[] outRe, double[] outIm) {
    boolean finite = true;
    for (int k = 0; k < degree; k++) {
      finite &= Double.isFinite(re[k]) && Double.isFinite(im[k]);
    }
    havePrev = finite;
    System.arraycopy(re, 0, prevRe, 0, degree);
    System.arraycopy(im, 0, prevIm, 0, degree);
    System.arraycopy(re, 0, outRe, 0, degree);
    System.arraycopy(im, 0, outIm, 0, degree);
  }

  /** Aberth iteration from the given start; true when every root converged. */
  private boolean iterate(double[] c, double[] startRe, double[] startIm) {
    int n = degree;
    for (int k = 0; k < n; k++) {
      re[k] = startRe[k];
      im[k] = startIm[k];
      done[k] = false;
    }
    for (int iter = 0; iter < MAX_ITER; iter++) {
      boolean allDone = true;
      for (int k = 0; k < n; k++) {
        if (done[k]) {
          continue;
        }
        // Horner for p and p'
        double pr = 1.0;
        double pi = 0.0;
        double dr = 0.0;
        double di = 0.0;
        double zr = re[k];
        double zi = im[k];
        for (int i = n - 1; i >= 0; i--) {
          double ndr = dr * zr - di * zi + pr;
          double ndi = dr * zi + di * zr + pi;
          dr = ndr;
          di = ndi;
          double npr = pr * zr - pi * zi + c[i];
          double npi = pr * zi + pi * zr;
          pr = npr;
          pi = npi;
        }
        // w = p / p'
        double den = dr * dr + di * di;
        if (den == 0) {
          continue;
        }
        double wr = (pr * dr + pi * di) / den;
        double wi = (pi * dr - pr * di) / den;
        // s = sum 1/(z_k - z_j)
        double sr = 0;
        double si = 0;
        for (int j = 0; j < n; j++) {
          if (j == k) {
            continue;
          }
          double ar = zr - re[j];
          double ai = zi - im[j];
          double ad = ar * ar + ai * ai;
          if (ad == 0) {
            continue;
          }
          sr += ar / ad;
          si += -ai / ad;
        }
        // delta = w / (1 - w s)
        double br = 1 - (wr * sr - wi * si);
        double bi = -(wr * si + wi * sr);
        double bd = br * br + bi * bi;
        double delR = (wr * br + wi * bi) / bd;
        double delI = (wi * br - wr * bi) / bd;
        re[k] = zr - delR;
        im[k] = zi - delI;
        double mag = Math.sqrt(re[k] * re[k] + im[k] * im[k]);
        if (Math.abs(delR) + Math.abs(delI) <= 1e-12 * (Math.abs(re[k]) + Math.abs(im[k]))) {
          done[k] = true;
        } else {
          allDone = false;
        }
      }
      if (allDone) {
        return true;
      }
    }
    return false;
  }
}
