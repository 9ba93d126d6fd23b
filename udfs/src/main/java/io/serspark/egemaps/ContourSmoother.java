package io.serspark.egemaps;

/**
 * openSMILE's cContourSmoother with smaWin = 3, as eGeMAPS v02 uses it for every LLD.
 *
 * <p>Edges: the window reader pads by repeating the first / last frame, so y[0] = (2x[0] + x[1]) /
 * 3. The smoother emits one extra frame at the end (y[n] = x[n−1]) — it appears in the LLD CSV, and
 * in the 60 ms-stream functional inputs it can be inside the prefix the functionals see.
 */
final class ContourSmoother {
  private ContourSmoother() {}

  /** sma3: plain 3-frame moving average; returns n + 1 frames (the last a copy of x[n−1]). */
  static float[] sma3(float[] x, int n) {
    float[] y = new float[n + 1];
    if (n == 0) return y;
    for (int t = 0; t < n; t++) {
      float a = x[Math.max(t - 1, 0)];
      float c = x[Math.min(t + 1, n - 1)];
      y[t] = (a + x[t] + c) / 3.0f;
    }
    y[n] = x[n - 1];
    return y;
  }

  /**
   * sma3nz (noZeroSma = 1): a zero stays zero; otherwise the mean of the non-zero values among the
   * three neighbours. −201 (unvoiced formant amplitude) is non-zero and therefore averaged in, as
   * openSMILE does.
   */
  static float[] sma3nz(float[] x, int n) {
    float[] y = new float[n + 1];
    if (n == 0) return y;
    for (int t = 0; t < n; t++) {
      if (x[t] == 0.0f) continue;
      float a = x[Math.max(t - 1, 0)];
      float c = x[Math.min(t + 1, n - 1)];
      float sum = x[t];
      int count = 1;
      if (a != 0.0f) {
        sum += a;
        count++;
      }
      if (c != 0.0f) {
        sum += c;
        count++;
      }
      y[t] = sum / count;
    }
    y[n] = x[n - 1];
    return y;
  }
}
