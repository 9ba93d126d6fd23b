package io.serspark.egemaps.voice;

/** Formants of one 20 ms frame; outputs are ascending, 0 where fewer formants were found. Not thread-safe. */
interface FormantEstimator {
  int N_FORMANTS = 5;

  /** Estimates the formants of x[start .. start + frame length). */
  void compute(float[] x, int start);

  /** Frequencies (Hz) of the last {@link #compute}; owned by the estimator. */
  float[] frequency();

  /** Bandwidths (Hz) of the last {@link #compute}; owned by the estimator. */
  float[] bandwidth();

  static FormantEstimator of(FormantTracker tracker, double sampleRate, int frameLen) {
    return tracker == FormantTracker.ACCURATE
        ? new SpectralLpcFormants(sampleRate, frameLen)
        : new LpcFormants(sampleRate, frameLen);
  }
}
