package io.serspark.egemaps.voice;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Formant frequencies and bandwidths as openSMILE's eGeMAPS chain computes them from the 20 ms
 * Hamming frame: {@code cTransformFFT} (zero-padded symmetrically to 512) → {@code cSpecResample}
 * (targetFs 11 kHz) → {@code cLpc} (order 11, autocorrelation method) → {@code cFormantLpc} (5
 * formants in 50–5450 Hz).
 *
 * <p>The spectral resampler is reproduced as openSMILE runs it: it synthesises round(512 ·
 * 11000/16000 · 20/32) = 220 output samples with the denominator 512·11000/16000 = 352 and keeps
 * only the first 109 complex bins (its anti-alias limit counts interleaved re/im slots), so the LPC
 * sees the first 20 ms of the padded frame (96 padding zeros, then 224 frame samples) band-limited
 * to 3.4 kHz, at 11 kHz. The polynomial rooted is openSMILE's: z^11 − a1·z^10 − … − a11 for the
 * prediction-error filter 1 + a1·z^−1 + … + a11·z^−11 ({@code cFormantLpc} negates the coefficients
 * it gets from {@code cLpc}, which already returns error-filter coefficients). That is not the
 * textbook pole polynomial, and it is kept on purpose: with the textbook sign the per-frame
 * agreement with openSMILE's F1 drops from 99 % to 1 % of frames within 1 %. Roots outside the unit
 * circle are reflected inside; frequency = |arg z|·fs/2π, bandwidth = −ln|z|·fs/π; the first 5
 * roots with Im ≥ 0 in 50–5450 Hz are kept and sorted. Together with the 3.4 kHz band limit this
 * biases formants on synthetic vowels (see {@code VoiceStreamSyntheticTest}), exactly as in
 * openSMILE.
 */
final class LpcFormants extends FormantEstimator {
  private static final int ORDER = 11;
  private static final double TARGET_FS = 11000.0;
  private static final double MIN_F = 50.0;
  private static final double MAX_F = 5450.0;

  private final int frameLen;
  private final int nfft;
  private final int pad;
  private final double[] window;
  private final DoubleFFT_1D fft;
  private final double[] buf;
  private final int nOut;
  private final int nBinsUsed;
  private final int ndInt;
  private final DoubleFFT_1D synth;
  private final double[] synthBuf;
  private final float[] resampled;
  private final float[] r = new float[ORDER + 1];
  private final float[] a = new float[ORDER];
  private final double[] poly = new double[ORDER + 1];
  private final double[] rootRe = new double[ORDER];
  private final double[] rootIm = new double[ORDER];
  private final PolynomialRoots roots = new PolynomialRoots(ORDER);
  private final double targetT;

  private final double[] fTmp = new double[N_FORMANTS];
  private final double[] bTmp = new double[N_FORMANTS];

  LpcFormants(double sampleRate, int frameLen) {
    this.frameLen = frameLen;
    int n = 1;
    while (n < frameLen) {
      n <<= 1;
    }
    nfft = n;
    pad = (nfft - frameLen) / 2;
    window = hamming(frameLen);
    fft = new DoubleFFT_1D(nfft);
    buf = new double[nfft];
    double ratio = TARGET_FS / sampleRate;
    double frameSec = frameLen / sampleRate;
    double paddedSec = nfft / sampleRate;
    double nOut0 = Math.round(nfft * ratio * frameSec / paddedSec);
    double newRatio = nOut0 / (nfft * (frameSec / paddedSec));
    nOut = (int) nOut0;
    double nd = nfft * newRatio;
    targetT = 1.0 / (sampleRate * newRatio);
    int kMax = Math.min(nfft, nOut);
    if ((kMax & 1) == 1) {
      kMax--;
    }
    nBinsUsed = kMax / 2 - 1;
    // the resampler's sum over bins 0..nBinsUsed at t = i/nd is an inverse real DFT of length nd
    ndInt = (int) Math.round(nd);
    if (ndInt != nd || ndInt < nOut || ndInt < 2 * (nBinsUsed + 1)) {
      throw new IllegalArgumentException(
          "unsupported resampling geometry: nd=" + nd + " nOut=" + nOut);
    }
    synth = new DoubleFFT_1D(ndInt);
    synthBuf = new double[ndInt];
    resampled = new float[nOut];
  }

  /** Formants of the frame x[start .. start+frameLen). */
  @Override
  void compute(float[] x, int start) {
    java.util.Arrays.fill(buf, 0.0);
    for (int i = 0; i < frameLen; i++) {
      buf[pad + i] = (float) (x[start + i] * window[i]);
    }
    fft.realForward(buf);
    // out[i] = X0 + sum_k (Re_k cos(2 pi k i/nd) + ImOoura_k sin(...)); JTransforms' Im is -ImOoura
    // and its
    // unscaled inverse doubles the k >= 1 terms, hence the halving
    java.util.Arrays.fill(synthBuf, 0.0);
    synthBuf[0] = (float) buf[0];
    for (int k = 1; k <= nBinsUsed; k++) {
      synthBuf[2 * k] = 0.5 * (float) buf[2 * k];
      synthBuf[2 * k + 1] = 0.5 * (float) buf[2 * k + 1];
    }
    synth.realInverse(synthBuf, false);
    float norm = (float) (nfft / 2);
    for (int i = 0; i < nOut; i++) {
      resampled[i] = (float) synthBuf[i] / norm;
    }
    lpc();
    for (int i = 0; i < ORDER; i++) {
      poly[i] = -a[ORDER - 1 - i];
    }
    poly[ORDER] = 1.0;
    int nValid = 0;
    if (r[0] != 0f) {
      roots.solve(poly, rootRe, rootIm);
      double spPi = targetT * Math.PI;
      for (int i = 0; i < ORDER && nValid < N_FORMANTS; i++) {
        double re = rootRe[i];
        double im = rootIm[i];
        double mag = Math.sqrt(re * re + im * im);
        if (mag > 1.0) {
          double d = re * re + im * im;
          re = re / d;
          im = im / d;
          mag = Math.sqrt(re * re + im * im);
        }
        if (im < 0) {
          continue;
        }
        double f = Math.abs(Math.atan2(im, re)) / (2.0 * spPi);
        if (f >= MIN_F && f <= MAX_F) {
          fTmp[nValid] = f;
          bTmp[nValid] = -Math.log(mag) / spPi;
          nValid++;
        }
      }
    }
    publish(fTmp, bTmp, nValid);
  }

  /**
   * Autocorrelation (lags 0..p) and Levinson–Durbin in float, as openSMILE's data memory holds
   * floats.
   */
  private void lpc() {
    int n = nOut;
    for (int lag = 0; lag <= ORDER; lag++) {
      float s = 0f;
      for (int i = lag; i < n; i++) {
        s += resampled[i] * resampled[i - lag];
      }
      r[lag] = s;
    }
    java.util.Arrays.fill(a, 0f);
    if (r[0] == 0f) {
      return;
    }
    float e = r[0];
    for (int m = 1; m <= ORDER; m++) {
      float sum = r[m];
      for (int i = 1; i < m; i++) {
        sum += a[i - 1] * r[m - i];
      }
      float k = (-1f / e) * sum;
      a[m - 1] = k;
      for (int i = 1; i <= m / 2; i++) {
        float xi = a[i - 1];
        a[i - 1] += k * a[m - i - 1];
        if (i < m / 2 || (m & 1) == 1) {
          a[m - i - 1] += k * xi;
        }
      }
      e *= (1f - k * k);
      if (e == 0f) {
        for (int i = m; i < ORDER; i++) {
          a[i] = 0f;
        }
        break;
      }
    }
  }
}
