package io.serspark.egemaps.voice;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Formants by textbook linear prediction, for users who want the vocal tract's resonances rather
 * than openSMILE's numbers ({@link FormantTracker#ACCURATE}).
 *
 * <p>Per 20 ms frame (the frames openSMILE's chain uses): first-order pre-emphasis from 50 Hz
 * (coefficient e^(−2π·50/fs) ≈ 0.98, as Praat; it undoes the −6 dB/octave of glottal source and lip
 * radiation) → Hamming window → power spectrum (zero-padded to 512 points) → autocorrelation of the
 * band 0–5.5 kHz at an 11 kHz lag spacing, i.e. of the frame ideally low-passed and resampled to 11
 * kHz (Makhoul's selective linear prediction), so that ten poles describe five formants where
 * speech has them → Levinson–Durbin (order 10, double) → roots of the prediction-error polynomial
 * z^10 + a1·z^9 + … + a10 → frequency |arg z|·11000/2π, bandwidth −ln|z|·11000/π.
 *
 * <p>Kept: roots in the upper half plane with frequency in 50–5450 Hz, ascending, the first five
 * (no bandwidth criterion, as Praat).
 *
 * <p>Known limits, shared by every 10-pole LPC estimator: a first formant below about twice F0 is
 * pulled towards a harmonic (F1 = 313 Hz at F0 = 210 Hz reads up to 29 % high), and a spectrum with
 * fewer resonances below 5.5 kHz than five leaves poles free to settle between them.
 */
final class SpectralLpcFormants extends FormantEstimator {
  static final int ORDER = 10;
  static final double BAND_HZ = 5500.0;
  static final double PRE_EMPHASIS_HZ = 50.0;
  static final double MIN_F = 50.0;
  static final double MAX_F = 5450.0;
  private static final int NFFT = 512;

  private final int frameLen;
  private final double preEmphasis;
  private final double[] window;
  private final DoubleFFT_1D fft = new DoubleFFT_1D(NFFT);
  private final double[] buf = new double[NFFT];
  private final int nBins;
  // cosTable[k][j] = weight_j · cos(2π f_j k / 11000) for the bins j with f_j ≤ 5.5 kHz
  private final double[][] cosTable;
  private final double[] r = new double[ORDER + 1];
  private final double[] a = new double[ORDER + 1];
  private final double[] aPrev = new double[ORDER + 1];
  private final double[] poly = new double[ORDER + 1];
  private final double[] rootRe = new double[ORDER];
  private final double[] rootIm = new double[ORDER];
  private final PolynomialRoots roots = new PolynomialRoots(ORDER);
  private final double[] fTmp = new double[ORDER];
  private final double[] bTmp = new double[ORDER];

  SpectralLpcFormants(double sampleRate, int frameLen) {
    if (frameLen > NFFT || sampleRate < 2 * BAND_HZ) {
      throw new IllegalArgumentException(
          "SpectralLpcFormants: needs fs >= 11 kHz and a frame <= "
              + NFFT
              + " samples, got fs="
              + sampleRate
              + ", frame="
              + frameLen);
    }
    this.frameLen = frameLen;
    preEmphasis = Math.exp(-2.0 * Math.PI * PRE_EMPHASIS_HZ / sampleRate);
    window = hamming(frameLen);
    double binHz = sampleRate / NFFT;
    nBins = (int) Math.floor(BAND_HZ / binHz) + 1;
    cosTable = new double[ORDER + 1][nBins];
    for (int k = 0; k <= ORDER; k++) {
      for (int j = 0; j < nBins; j++) {
        double w = j == 0 ? 1.0 : 2.0; // one-sided spectrum: every bin but DC stands for ±f
        cosTable[k][j] = w * Math.cos(2.0 * Math.PI * j * binHz * k / (2.0 * BAND_HZ));
      }
    }
  }

  @Override
  void compute(float[] x, int start) {
    java.util.Arrays.fill(buf, 0.0);
    for (int i = 0; i < frameLen; i++) {
      double prev = start + i > 0 ? x[start + i - 1] : x[start];
      buf[i] = (x[start + i] - preEmphasis * prev) * window[i];
    }
    fft.realForward(buf);
    java.util.Arrays.fill(r, 0.0);
    for (int j = 0; j < nBins; j++) {
      double p;
      if (j == 0) {
        p = buf[0] * buf[0];
      } else {
        p = buf[2 * j] * buf[2 * j] + buf[2 * j + 1] * buf[2 * j + 1];
      }
      for (int k = 0; k <= ORDER; k++) {
        r[k] += p * cosTable[k][j];
      }
    }
    if (!(r[0] > 0) || !levinson()) {
      publish(fTmp, bTmp, 0);
      return;
    }
    for (int i = 0; i < ORDER; i++) {
      poly[i] = a[ORDER - i];
    }
    poly[ORDER] = 1.0;
    roots.solve(poly, rootRe, rootIm);
    int n = 0;
    for (int i = 0; i < ORDER; i++) {
      double re = rootRe[i];
      double im = rootIm[i];
      if (!(im > 0)) {
        continue;
      }
      double mag = Math.hypot(re, im);
      if (mag
          > 1.0) { // cannot happen for a stable autocorrelation solution; reflect if rounding puts
        // it there
        re /= mag * mag;
        im /= mag * mag;
        mag = 1.0 / mag;
      }
      double f = Math.atan2(im, re) * BAND_HZ / Math.PI;
      double b = -Math.log(mag) * 2.0 * BAND_HZ / Math.PI;
      if (f >= MIN_F && f <= MAX_F) {
        fTmp[n] = f;
        bTmp[n] = b;
        n++;
      }
    }
    publish(fTmp, bTmp, n);
  }

  /**
   * Levinson–Durbin on r: a[0] = 1, a[1..ORDER]; false when the recursion breaks down (|k| ≥ 1).
   */
  private boolean levinson() {
    java.util.Arrays.fill(a, 0.0);
    a[0] = 1.0;
    double e = r[0];
    for (int m = 1; m <= ORDER; m++) {
      double acc = r[m];
      for (int i = 1; i < m; i++) {
        acc += a[i] * r[m - i];
      }
      double k = -acc / e;
      if (!(Math.abs(k) < 1.0)) {
        return false;
      }
      System.arraycopy(a, 0, aPrev, 0, m);
      for (int i = 1; i < m; i++) {
        a[i] = aPrev[i] + k * aPrev[m - i];
      }
      a[m] = k;
      e *= 1.0 - k * k;
    }
    return true;
  }
}
