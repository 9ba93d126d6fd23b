package io.serspark.egemaps;

/**
 * openSMILE's cMfcc with htkcompatible = 1 on HTK-scaled mel energies: ln with floor 1.0, DCT-II
 * with factor √(2/N), cepstral liftering 1 + L/2·sin(πi/L), coefficients first..last.
 */
final class Mfcc {
  private final int nBands;
  private final int first;
  private final float[][] cos;
  private final float[] lifter;
  private final float factor;
  private final float[] logMel;

  Mfcc(int nBands, int first, int last, double cepLifter) {
    this.nBands = nBands;
    this.first = first;
    int n = last - first + 1;
    cos = new float[n][nBands];
    lifter = new float[n];
    for (int i = first; i <= last; i++) {
      for (int m = 0; m < nBands; m++) {
        cos[i - first][m] = (float) Math.cos(Math.PI * ((double) i / nBands) * (m + 0.5));
      }
      float l = (float) cepLifter;
      lifter[i - first] = 1.0f + l / 2.0f * (float) Math.sin((float) Math.PI * (float) i / l);
    }
    factor = (float) Math.sqrt(2.0 / nBands);
    logMel = new float[nBands];
  }

  void apply(float[] bands, float[] out, int outOffset) {
    for (int m = 0; m < nBands; m++) logMel[m] = bands[m] < 1.0f ? 0f : (float) Math.log(bands[m]);
    for (int i = 0; i < cos.length; i++) {
      float c = 0f;
      for (int m = 0; m < nBands; m++) c += logMel[m] * cos[i][m];
      out[outOffset + i] = c * (lifter[i] * factor);
    }
  }

  int count() {
    return cos.length;
  }

  int first() {
    return first;
  }
}
