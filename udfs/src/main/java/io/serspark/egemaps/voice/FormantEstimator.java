package io.serspark.egemaps.voice;

/**
 * Formants of one 20 ms frame; outputs are ascending, 0 where fewer formants were found. Not
 * thread-safe: the outputs are owned by the estimator and overwritten by each {@link #compute}.
 */
abstract class FormantEstimator {
  static final int N_FORMANTS = 5;

  /** Frequencies (Hz) of the last {@link #compute}. */
  final float[] frequency = new float[N_FORMANTS];

  /** Bandwidths (Hz) of the last {@link #compute}. */
  final float[] bandwidth = new float[N_FORMANTS];

  /**
   * Estimates the formants of x[start .. start + frame length) into {@link #frequency} and {@link
   * #bandwidth}.
   */
  abstract void compute(float[] x, int start);

  /**
   * Publishes the candidates f[0..n) with bandwidths b[0..n), in any order, as the outputs:
   * ascending by frequency, the first {@link #N_FORMANTS}, 0 after the last. Sorts f and b in
   * place.
   */
  final void publish(double[] f, double[] b, int n) {
    for (int i = 1; i < n; i++) { // insertion sort: n is at most a handful
      double fi = f[i];
      double bi = b[i];
      int j = i - 1;
      while (j >= 0 && f[j] > fi) {
        f[j + 1] = f[j];
        b[j + 1] = b[j];
        j--;
      }
      f[j + 1] = fi;
      b[j + 1] = bi;
    }
    for (int i = 0; i < N_FORMANTS; i++) {
      frequency[i] = i < n ? (float) f[i] : 0f;
      bandwidth[i] = i < n ? (float) b[i] : 0f;
    }
  }

  static FormantEstimator of(FormantTracker tracker, double sampleRate, int frameLen) {
    return tracker == FormantTracker.ACCURATE
        ? new SpectralLpcFormants(sampleRate, frameLen)
        : new LpcFormants(sampleRate, frameLen);
  }

  /** The symmetric Hamming window both chains use, 0.54 − 0.46·cos(2πi/(n−1)). */
  static double[] hamming(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.54 - 0.46 * Math.cos(2.0 * Math.PI * i / (n - 1.0));
    }
    return w;
  }
}
