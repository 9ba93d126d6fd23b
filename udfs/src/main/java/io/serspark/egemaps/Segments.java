package io.serspark.egemaps;

/**
 * openSMILE's cFunctionalSegments with the "nonX" / "eqX" algorithms (X = 0, segMinLng 3,
 * pauseMinLng 2, norm = second), as eGeMAPS uses them on the smoothed F0 contour for voiced (F0 ≠
 * 0) and unvoiced (F0 = 0) segments.
 *
 * <p>A segment needs ≥ 3 consecutive frames of its kind and ends only after ≥ 2 frames of the other
 * kind (so a 1-frame gap does not split it). Its length is (index of last frame − index of first
 * frame), i.e. one frame less than its frame count — openSMILE's definition, kept for fidelity.
 */
final class Segments {
  /** Segments per second, mean and population std of the segment lengths in seconds. */
  record Result(float perSecond, float meanLengthS, float stddevLengthS) {}

  private Segments() {}

  /**
   * Runs of frames with {@code x != 0} ("nonX") when {@code voiced}, else runs of {@code x == 0}
   * ("eqX").
   */
  static Result of(float[] x, int n, boolean voiced, double periodS) {
    long[] lengths = new long[16];
    int count = 0;
    int segStartIndex = 0;
    int state = 0; // 0 = outside, 1 = candidate, 2 = inside a confirmed segment
    int segStart = 0;
    int segEnd = 0;
    int i;
    for (i = 0; i < n; i++) {
      boolean member = voiced ? x[i] != 0.0f : x[i] == 0.0f;
      if (member) {
        if (state == 1) {
          segEnd = 0;
          segStart++;
          if (segStart >= EgemapsConfig.SEG_MIN_FRAMES) {
            segStart = 0;
            state = 2;
          }
        } else if (state == 0) {
          segStart++;
          segStartIndex = i;
          state = 1;
        } else {
          segEnd = 0;
        }
      } else {
        if (state == 2) {
          segStart = 0;
          segEnd++;
          if (segEnd >= EgemapsConfig.PAUSE_MIN_FRAMES) {
            state = 0;
            if (count == lengths.length) lengths = java.util.Arrays.copyOf(lengths, count * 2);
            if (count < EgemapsConfig.MAX_SEGMENTS) lengths[count++] = (i - segEnd) - segStartIndex;
            segEnd = 0;
          }
        } else if (state == 1) {
          segEnd++;
          if (segEnd >= EgemapsConfig.PAUSE_MIN_FRAMES) {
            state = 0;
            segEnd = 0;
            segStart = 0;
          }
        }
      }
    }
    if (state == 2) {
      segEnd++;
      if (count == lengths.length) lengths = java.util.Arrays.copyOf(lengths, count * 2);
      if (count < EgemapsConfig.MAX_SEGMENTS) lengths[count++] = (i - segEnd) - segStartIndex;
    }

    long sum = 0;
    for (int k = 0; k < count; k++) sum += lengths[k];
    float mean = count > 1 ? (float) sum / (float) count : (float) sum;
    float dev = 0f;
    if (count > 1) {
      for (int k = 0; k < count; k++) {
        float d = (float) lengths[k] - mean;
        dev += d * d;
      }
      dev = (float) Math.sqrt(dev / (float) count);
    }
    float t = (float) periodS;
    float perSecond = (float) count / (t * (float) n);
    return new Result(perSecond, mean * t, dev * t);
  }
}
