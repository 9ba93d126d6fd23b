package io.serspark.egemaps;

/**
 * Loudness as eGeMAPS computes it: mel band powers (±1 sample scale) → cPlp auditory weighting
 * (floor at the mel floor, times the equal-loudness weight at the band centre, then ^0.33) → the
 * <em>mean</em> of the 26 bands (cVectorOperation ll1 divides the sum by the band count).
 */
final class Loudness {
  private final float[] equalLoudness;

  Loudness(double[] bandCentresHz) {
    equalLoudness = new float[bandCentresHz.length];
    for (int i = 0; i < bandCentresHz.length; i++)
      equalLoudness[i] = (float) weight(bandCentresHz[i]);
  }

  /**
   * openSMILE's smileDsp_equalLoudnessWeight: Hermansky's curve, but with w⁷ + 1.7e31 in the
   * denominator (not w⁶ + 9.58e26) and scaled by 1e32.
   */
  static double weight(double hz) {
    double w = 2.0 * Math.PI * hz;
    double w2 = w * w;
    double c = w2 + 6300000.0;
    return 1e32 * ((w2 + 56.8e6) * w2 * w2) / (c * c * (w2 + 0.38e9) * (w2 * w2 * w2 * w + 1.7e31));
  }

  float of(float[] bands) {
    float sum = 0f;
    float floor = (float) EgemapsConfig.AUD_MEL_FLOOR;
    for (int i = 0; i < equalLoudness.length; i++) {
      float v = Math.max(bands[i], floor) * equalLoudness[i];
      sum += (float) Math.pow(v, EgemapsConfig.AUD_COMPRESSION);
    }
    return sum / equalLoudness.length;
  }
}
