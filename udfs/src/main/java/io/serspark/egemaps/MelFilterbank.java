package io.serspark.egemaps;

/**
 * openSMILE's cMelspec (standard "lr" triangular filters on the mel scale m = 1127·ln(1 + f/700),
 * usePower = 1), built as openSMILE builds it — band centres equidistant on the mel scale in float,
 * one rising-slope weight per FFT bin and a channel map — so that the band energies agree to float
 * precision.
 */
final class MelFilterbank {
  private final int nBands;
  private final int loBin;
  private final int hiBin;
  private final int[] channel;
  private final float[] weight;
  private final double[] centreHz;
  private final float scale;

  /**
   * @param bins FFT magnitude bins (N/2 + 1)
   * @param binHz frequency spacing of the bins
   * @param htkScale true: multiply band energies by 32767² (htkcompatible = 1, used for MFCC)
   */
  MelFilterbank(int nBands, double loHz, double hiHz, int bins, double binHz, boolean htkScale) {
    this.nBands = nBands;
    float f0 = (float) binHz;
    float loMel = (float) mel((float) loHz);
    float hiMel = (float) mel((float) hiHz);
    loBin = Math.min((int) Math.round((double) ((float) loHz / f0)), bins);
    hiBin = Math.min((int) Math.round((double) ((float) hiHz / f0)), bins);
    float bandwidth = (hiMel - loMel) / ((float) nBands + 1.0f);
    float[] cfs = new float[nBands + 2];
    for (int m = 0; m <= nBands + 1; m++) cfs[m] = loMel + (float) m * bandwidth;
    centreHz = new double[nBands];
    for (int m = 1; m <= nBands; m++) centreHz[m - 1] = 700.0 * (Math.exp(cfs[m] / 1127.0) - 1.0);

    channel = new int[bins];
    int m = 0;
    for (int n = 0; n < bins; n++) {
      if (n <= loBin || n >= hiBin) {
        channel[n] = -3;
      } else {
        float nMel = binMel(n, f0);
        while (cfs[m] < nMel) {
          if (m > nBands) break;
          m++;
        }
        channel[n] = m - 2;
      }
    }
    weight = new float[bins];
    m = 0;
    for (int n = loBin; n < hiBin; n++) {
      float nMel = binMel(n, f0);
      while (nMel > cfs[m + 1] && m <= nBands) m++;
      weight[n] = (cfs[m + 1] - nMel) / (cfs[m + 1] - cfs[m]);
    }
    scale = htkScale ? (float) (32767.0 * 32767.0) : 1.0f;
  }

  static double mel(double hz) {
    return 1127.0 * Math.log(1.0 + hz / 700.0);
  }

  private static float binMel(int n, float f0) {
    return (float) mel((float) n * f0);
  }

  /**
   * Centre frequencies in Hz (the frequency axis openSMILE hands on to cPlp's equal-loudness
   * curve).
   */
  double[] centreHz() {
    return centreHz.clone();
  }

  /** Band energies from a magnitude spectrum (squared here, usePower = 1). */
  void apply(float[] mag, float[] bands) {
    java.util.Arrays.fill(bands, 0, nBands, 0f);
    for (int n = loBin; n < hiBin; n++) {
      int m = channel[n];
      if (m <= -2) continue;
      float p = mag[n] * mag[n];
      double a = (double) p * (double) weight[n];
      if (m > -1) bands[m] += (float) a;
      if (m < nBands - 1) bands[m + 1] += p - (float) a;
    }
    if (scale != 1.0f) for (int b = 0; b < nBands; b++) bands[b] *= scale;
  }
}
