package io.serspark.egemaps;

import java.util.Arrays;

/**
 * Replaces openSMILE's "no data" encodings by NaN where a value is undefined (udfs/EGEMAPS.md,
 * "Undefined values"): openSMILE writes 0 (or −201, −120) when a functional has no input frame; a
 * table cell must then be null, not a number that looks measured.
 */
final class UndefinedValues {
  private UndefinedValues() {}

  static final int F0_FIRST = 0;
  static final int F0_COUNT = 10;
  static final int VOICED_FIRST = 30;
  static final int SPECTRAL_V_FIRST = 58;
  static final int SPECTRAL_UV_FIRST = 76;
  static final int LOUDNESS_PEAKS = 81;
  static final int VOICED_SEGMENTS_PER_SEC = 82;
  static final int MEAN_VOICED_SEGMENT = 83;
  static final int STDDEV_VOICED_SEGMENT = 84;
  static final int MEAN_UNVOICED_SEGMENT = 85;
  static final int STDDEV_UNVOICED_SEGMENT = 86;
  static final int LEQ = 87;

  static EgemapsResult apply(String status, float[] values, FunctionalInputs in) {
    float[] v = values.clone();
    if (EgemapsResult.SILENT.equals(status)) {
      // digital silence: every spectral value is an artefact of openSMILE's floors (mel floor, −140
      // dB); what
      // stays defined is what counts or measures time (no peaks, no voiced segment, one pause) and
      // the Leq floor
      float[] keep = new float[v.length];
      Arrays.fill(keep, Float.NaN);
      for (int i :
          new int[] {
            LOUDNESS_PEAKS,
            VOICED_SEGMENTS_PER_SEC,
            MEAN_UNVOICED_SEGMENT,
            STDDEV_UNVOICED_SEGMENT,
            LEQ
          }) {
        keep[i] = v[i];
      }
      return new EgemapsResult(status, undefinedSegments(keep));
    }
    if (!hasNonZero(in.f0())) fill(v, F0_FIRST, F0_COUNT);
    for (int k = 0; k < in.voiced().length; k++) {
      if (!hasNonZero(in.voiced()[k]) || EgemapsResult.NO_VOICED_FRAMES.equals(status)) {
        fill(v, VOICED_FIRST + 2 * k, 2);
      }
    }
    for (int k = 0; k < in.spectralV().length; k++) {
      if (!hasNonZero(in.spectralV()[k])) fill(v, SPECTRAL_V_FIRST + 2 * k, 2);
    }
    for (int k = 0; k < in.spectralUV().length; k++) {
      if (!hasNonZero(in.spectralUV()[k])) fill(v, SPECTRAL_UV_FIRST + k, 1);
    }
    return new EgemapsResult(status, undefinedSegments(v));
  }

  /**
   * A mean segment length of 0 means no segment at all (a segment spans ≥ 2 frame steps):
   * undefined.
   */
  private static float[] undefinedSegments(float[] v) {
    if (v[MEAN_VOICED_SEGMENT] == 0f) fill(v, MEAN_VOICED_SEGMENT, 2);
    if (v[MEAN_UNVOICED_SEGMENT] == 0f) fill(v, MEAN_UNVOICED_SEGMENT, 2);
    return v;
  }

  private static boolean hasNonZero(float[] x) {
    for (float f : x) if (f != 0f) return true;
    return false;
  }

  private static void fill(float[] v, int from, int count) {
    Arrays.fill(v, from, from + count, Float.NaN);
  }
}
