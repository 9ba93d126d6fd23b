package io.serspark.egemaps;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Windowed frame → FFT magnitude, as openSMILE's cWindower → cTransformFFT → cFFTmagphase: the
 * frame is zero-padded to the FFT length (openSMILE pads symmetrically, which changes only the
 * phase), magnitudes are not normalised. The FFT plan and the window are built once.
 */
final class PowerSpectrum {
  private final int frameLength;
  private final int fftLength;
  private final double[] window;
  private final DoubleFFT_1D fft;
  private final double[] buffer;

  PowerSpectrum(int frameLength, int fftLength, double[] window) {
    this.frameLength = frameLength;
    this.fftLength = fftLength;
    this.window = window;
    this.fft = new DoubleFFT_1D(fftLength);
    this.buffer = new double[fftLength];
  }

  /** Hamming window as openSMILE's smileUtil: 0.54 − 0.46·cos(2πi/(N−1)). */
  static double[] hamming(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) w[i] = 0.54 - 0.46 * Math.cos(2.0 * Math.PI * i / (n - 1));
    return w;
  }

  int bins() {
    return fftLength / 2 + 1;
  }

  /**
   * Magnitudes |X[k]|, k = 0 .. N/2, of the windowed frame {@code x[start .. start+frameLength)},
   * as float.
   */
  void magnitude(float[] x, int start, float[] mag) {
    for (int i = 0; i < frameLength; i++) buffer[i] = x[start + i] * window[i];
    java.util.Arrays.fill(buffer, frameLength, fftLength, 0.0);
    fft.realForward(buffer);
    int half = fftLength / 2;
    mag[0] = (float) Math.abs(buffer[0]);
    mag[half] = (float) Math.abs(buffer[1]);
    for (int k = 1; k < half; k++) {
      double re = buffer[2 * k];
      double im = buffer[2 * k + 1];
      mag[k] = (float) Math.sqrt(re * re + im * im);
    }
  }
}
