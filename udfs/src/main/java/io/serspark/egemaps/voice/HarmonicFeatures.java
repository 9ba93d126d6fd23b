package io.serspark.egemaps.voice;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * openSMILE's {@code cHarmonics} as configured in eGeMAPS, on the 60 ms Gaussian magnitude
 * spectrum:
 *
 * <ul>
 *   <li>HNR (dB) from the autocorrelation (inverse FFT of the power spectrum, absolute value) at
 *       the lag 1/F0 moved to the closest ACF peak: 10·log10(r(T)/(r(0) − r(T))), clipped to [−90,
 *       110] dB;
 *   <li>harmonic peaks near k·F0 (k = 1..100) with parabolic interpolation, levels in dB relative
 *       to the F0 peak;
 *   <li>"H1−H2" and "H1−A3" exactly as openSMILE indexes them: H1/H2 are the 2nd/3rd harmonic
 *       (index 0 is F0), A3 is the strongest harmonic within ±20 % of F3;
 *   <li>formant amplitudes F1–F3: level of the strongest harmonic within ±20 % of the formant,
 *       relative to F0 (0 if none, −201 when unvoiced).
 * </ul>
 */
final class HarmonicFeatures {
  static final float UNVOICED_LOG_REL = -201f;
  private static final int N_HARMONICS = 100;

  private final int nBins;
  private final double binHz;
  private final DoubleFFT_1D ifft;
  private final double[] acfData;
  private final float[] acf;
  private final Parabola parabola = new Parabola();
  private final int[] hBin = new int[N_HARMONICS];
  private final float[] hFreqInterp = new float[N_HARMONICS];
  private final float[] hMag = new float[N_HARMONICS];
  private final float[] hMagInterp = new float[N_HARMONICS];
  private final float[] hLogRel = new float[N_HARMONICS];

  /** Outputs of the last {@link #compute} call. */
  float hnrDb;

  float h1h2;
  float h1a3;
  final float[] formantAmplitude = new float[3];

  /**
   * @param nBins magnitude bins (fftN/2 + 1), @param binHz bin spacing in Hz.
   */
  HarmonicFeatures(int nBins, double binHz) {
    this.nBins = nBins;
    this.binHz = binHz;
    int n = (nBins - 1) * 2;
    ifft = new DoubleFFT_1D(n);
    acfData = new double[n];
    acf = new float[nBins];
  }

  /**
   * @param f0 F0 in Hz (0 = unvoiced)
   * @param mag magnitude spectrum (nBins)
   * @param formantFreq formant centre frequencies (Hz) of the frame, 0 where none
   * @param nFormants formants given
   */
  void compute(float f0, float[] mag, float[] formantFreq, int nFormants) {
    hnrDb = acfHnr(f0, mag);
    if (!(f0 > 0f)) {
      h1h2 = 0f;
      h1a3 = 0f;
      for (int i = 0; i < 3; i++) {
        formantAmplitude[i] = UNVOICED_LOG_REL;
      }
      return;
    }
    findHarmonicPeaks(f0, mag);
    postProcess();
    int a3 = -1;
    for (int f = 0; f < 3; f++) {
      int idx = strongestHarmonicNear(f < nFormants ? formantFreq[f] : 0f);
      formantAmplitude[f] = idx >= 0 ? hLogRel[idx] : 0f;
      if (f == 2) {
        a3 = idx;
      }
    }
    h1h2 = clip201(hLogRel[1] - hLogRel[2]);
    if (a3 >= 0) {
      h1a3 = clip201(hLogRel[1] - hLogRel[a3]);
    } else {
      h1a3 = clip201(hLogRel[1] - 201f);
    }
  }

  private static float clip201(float v) {
    return Math.max(-201f, Math.min(201f, v));
  }

  private float acfHnr(float f0, float[] mag) {
    if (!(f0 > 0f)) {
      return 0f;
    }
    int n = acfData.length;
    acfData[0] = (double) (mag[0] * mag[0]);
    acfData[1] = (double) (mag[nBins - 1] * mag[nBins - 1]);
    for (int i = 2; i < n - 1; i += 2) {
      float m = mag[i >> 1];
      acfData[i] = (double) (m * m);
      acfData[i + 1] = 0.0;
    }
    // JTransforms' unscaled real inverse equals Ooura's rdft(-1); only ratios of the ACF are used
    ifft.realInverse(acfData, false);
    for (int i = 0; i < nBins; i++) {
      acf[i] = (float) Math.abs(acfData[i]) / (float) nBins;
    }
    double fs = (nBins - 1) * binHz * 2.0;
    int lag = (int) Math.floor(fs / f0);
    if (lag <= 0) {
      return 0f;
    }
    int refined = closestPeak(acf, nBins, lag);
    if (refined <= 0) {
      return 0f;
    }
    double hnr = acf[0] - acf[refined];
    hnr = hnr == 0.0 ? 10e10 : acf[refined] / hnr;
    double ret;
    if (hnr > 10e10) {
      ret = 10.0 * Math.log10(10e10);
    } else if (hnr < 10e-10) {
      ret = 10.0 * Math.log10(10e-10);
    } else {
      ret = 10.0 * Math.log10(hnr);
    }
    return (float) ret;
  }

  private static boolean isPeak(float[] x, int n, int i) {
    if (i >= n || i < 0) {
      return false;
    }
    if (i + 1 < n) {
      if (i > 0) {
        return x[i] > x[i - 1] && x[i] > x[i + 1];
      }
      return x[0] > x[1];
    }
    return i > 0 && x[i] > x[i - 1];
  }

  private static int closestPeak(float[] x, int n, int idx) {
    if (isPeak(x, n, idx)) {
      return idx;
    }
    int o = 1;
    while (idx - o > 0 || idx + o < n - 1) {
      if (idx - o > 0 && isPeak(x, n, idx - o)) {
        return idx - o;
      }
      if (idx + o < n - 1 && isPeak(x, n, idx + o)) {
        return idx + o;
      }
      o++;
    }
    if (x[0] > x[idx] && x[n - 1] <= x[idx]) {
      return 0;
    } else if (x[0] <= x[idx] && x[n - 1] > x[idx]) {
      return n - 1;
    } else if (x[0] > x[idx] && x[n - 1] > x[idx]) {
      return idx < n / 2 ? 0 : n - 1;
    }
    return idx;
  }

  /**
   * Nearest bin to {@code freq} among bins &ge; {@code startBin - 1}: openSMILE scans up from
   * {@code startBin} to the first bin above freq and picks it or its left neighbour; 0 when freq is
   * beyond the last bin.
   */
  private int freqToBin(float freq, int startBin) {
    int b = (int) Math.floor(freq / binHz) + 1;
    while (b > 0 && (b - 1) * binHz > freq) {
      b--;
    }
    while (b * binHz <= freq) {
      b++;
    }
    if (b < startBin) {
      b = startBin;
    }
    if (b >= nBins) {
      return 0;
    }
    double fb = b * binHz;
    if (fb - freq > freq - (b - 1) * binHz) {
      return b - 1;
    }
    return b;
  }

  private void findHarmonicPeaks(float f0, float[] mag) {
    int lastBin = freqToBin(0.5f * f0, 1);
    int firstBin = freqToBin(0.5f * f0, lastBin);
    for (int i = 0; i < N_HARMONICS; i++) {
      int candBin = freqToBin((float) (i + 1) * f0, lastBin);
      int peakBin = -1;
      if (isPeak(mag, nBins, candBin)) {
        peakBin = candBin;
      } else {
        int l = candBin - 1;
        int r = candBin + 1;
        int lowerLimit = freqToBin(((float) i + 0.5f) * f0, lastBin);
        int upperLimit = freqToBin(((float) i + 1.5f) * f0, candBin);
        while ((l >= lowerLimit || r <= upperLimit) && peakBin == -1) {
          if (r <= upperLimit) {
            if (isPeak(mag, nBins, r)) {
              peakBin = r;
              break;
            }
            r++;
          }
          if (l >= lowerLimit) {
            if (isPeak(mag, nBins, l)) {
              peakBin = l;
              break;
            }
            l--;
          }
        }
      }
      if (peakBin >= firstBin && peakBin < nBins - 1) {
        hBin[i] = peakBin;
        hMag[i] = mag[peakBin];
        Parabola v =
            parabola.fit(
                (peakBin - 1) * binHz,
                mag[peakBin - 1],
                peakBin * binHz,
                mag[peakBin],
                (peakBin + 1) * binHz,
                mag[peakBin + 1]);
        hFreqInterp[i] = (float) v.x;
        hMagInterp[i] = (float) v.y;
      } else {
        hBin[i] = candBin;
        hFreqInterp[i] = 0f;
        hMag[i] = 0f;
        hMagInterp[i] = 0f;
      }
      lastBin = candBin;
    }
  }

  private void postProcess() {
    boolean logRel = true;
    float magF0 = hMag[0];
    if (magF0 == 0f) {
      logRel = false;
    } else {
      magF0 = (float) Math.log10(magF0);
    }
    hLogRel[0] = 0f;
    for (int i = 1; i < N_HARMONICS; i++) {
      if (logRel) {
        if (hMagInterp[i] > 0f) {
          hLogRel[i] = (float) (20.0 * (Math.log10(hMagInterp[i]) - magF0));
          if (hLogRel[i] < -200f) {
            hLogRel[i] = -200f;
          }
        } else {
          hLogRel[i] = -200f;
        }
      } else {
        hLogRel[i] = UNVOICED_LOG_REL;
      }
      if (hBin[i] == hBin[i - 1]) {
        hBin[i] = 0;
        hFreqInterp[i] = 0f;
        hMag[i] = 0f;
        hMagInterp[i] = 0f;
        hLogRel[i] = UNVOICED_LOG_REL;
      }
    }
  }

  private int strongestHarmonicNear(float centre) {
    float left = 0.8f * centre;
    float right = 1.2f * centre;
    int maxIdx = -1;
    float maxMag = 0f;
    for (int h = 0; h < N_HARMONICS; h++) {
      if (hFreqInterp[h] >= left && hFreqInterp[h] <= right && hMag[h] > maxMag) {
        maxIdx = h;
        maxMag = hMag[h];
      }
    }
    return maxIdx;
  }
}
