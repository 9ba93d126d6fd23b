package io.serspark.egemaps;

/**
 * The cSpectral descriptors of eGeMAPS v02 on one 20 ms Hamming magnitude spectrum: alpha ratio,
 * Hammarberg index, the log-power spectral slopes 0–500 and 500–1500 Hz, and spectral flux (0–5
 * kHz) against the previous frame.
 *
 * <p>Kept openSMILE quirks: the slope regression uses fractional band-edge weights in its sums but
 * the count Nind = idxR − idxL (one less than the number of points), which gives digital silence a
 * non-zero "slope"; the log spectrum is floored at −140 dB (power ≤ 1e-14); flux is computed on the
 * un-normalised magnitudes, 0 for the first frame.
 */
final class SpectralShape {
  private static final float SPEC_FLOOR = (float) (0.0000001 * 0.0000001);
  private static final float LOG_SPEC_FLOOR =
      (float) (10.0 * Math.log(SPEC_FLOOR) / Math.log(10.0));
  private static final float LOG_FACTOR = (float) (10.0 / Math.log(10.0));

  private final int bins;
  private final double binHz;
  private final float[] power;
  private final float[] logPower;
  private final SlopeBand[] slopeBands;
  private final int fluxLo;
  private final int fluxHi;
  private final float[] previous;
  private boolean hasPrevious;

  SpectralShape(int bins, double binHz) {
    this.bins = bins;
    this.binHz = binHz;
    power = new float[bins];
    logPower = new float[bins];
    slopeBands = new SlopeBand[EgemapsConfig.SLOPE_BANDS_HZ.length];
    for (int b = 0; b < slopeBands.length; b++)
      slopeBands[b] = slopeBand(EgemapsConfig.SLOPE_BANDS_HZ[b]);
    // specRange 0–5000 Hz: lower bin = last bin with f <= 0, upper bin = last bin with f < 5000
    int lo = 0;
    int hi = -1;
    for (int i = 0; i < bins; i++) {
      double f = i * binHz;
      if (EgemapsConfig.SPECTRAL_LO_HZ >= f) lo = i;
      if (EgemapsConfig.SPECTRAL_HI_HZ > f) hi = i;
    }
    fluxLo = lo;
    fluxHi = hi < 0 ? bins - 1 : hi;
    previous = new float[fluxHi - fluxLo + 1];
  }

  /** Starts a new file: the next frame's flux is 0. */
  void reset() {
    hasPrevious = false;
  }

  /**
   * Writes alphaRatio, hammarbergIndex, slope0-500, slope500-1500, spectralFlux into out[o..o+4].
   */
  void apply(float[] mag, float[] out, int o) {
    for (int i = 0; i < bins; i++) {
      float p = mag[i] * mag[i];
      power[i] = p;
      logPower[i] = p <= SPEC_FLOOR ? LOG_SPEC_FLOOR : LOG_FACTOR * (float) Math.log(p);
    }
    out[o] = alphaRatio();
    out[o + 1] = hammarbergIndex();
    out[o + 2] = slope(slopeBands[0]);
    out[o + 3] = slope(slopeBands[1]);
    out[o + 4] = flux(mag);
  }

  private float alphaRatio() {
    float sum01 = 0f;
    float sum15 = 0f;
    for (int j = 0; j < bins; j++) {
      double f = j * binHz;
      if (f > EgemapsConfig.SPECTRAL_HI_HZ) break;
      if (f < EgemapsConfig.ALPHA_SPLIT_HZ) sum01 += power[j];
      else sum15 += power[j];
    }
    if (!(sum01 > 0f)) return 0f;
    if (sum15 > SPEC_FLOOR) return (float) (10.0 * Math.log(sum15 / sum01) / Math.log(10.0));
    return (float) (10.0 * (Math.log(SPEC_FLOOR) - Math.log(sum01)) / Math.log(10.0));
  }

  private float hammarbergIndex() {
    float max02 = 0f;
    float max25 = 0f;
    for (int j = 0; j < bins; j++) {
      double f = j * binHz;
      if (f > EgemapsConfig.SPECTRAL_HI_HZ) break;
      if (f < EgemapsConfig.HAMMARBERG_SPLIT_HZ) max02 = Math.max(max02, power[j]);
      else max25 = Math.max(max25, power[j]);
    }
    if (!(max25 > 0f)) return 0f;
    if (max02 > SPEC_FLOOR) return (float) (10.0 * Math.log(max02 / max25) / Math.log(10.0));
    return (float) (10.0 * (Math.log(SPEC_FLOOR) - Math.log(max25)) / Math.log(10.0));
  }

  /**
   * A regression band: fractional bin indices of its edges, the integer edge bins and the edge
   * weights.
   */
  private record SlopeBand(double idxL, double idxR, int iL, int iR, double wL, double wR) {}

  private SlopeBand slopeBand(double[] bandHz) {
    double idxL = bandHz[0] / binHz;
    double idxR = bandHz[1] / binHz;
    double wL = Math.ceil(idxL) - idxL;
    double wR = idxR - Math.floor(idxR);
    int iL = (int) Math.floor(idxL);
    int iR = (int) Math.floor(idxR);
    if (iR >= bins) {
      iR = bins - 1;
      wR = 1.0;
    }
    return new SlopeBand(idxL, idxR, iL, iR, wL == 0.0 ? 1.0 : wL, wR == 0.0 ? 1.0 : wR);
  }

  /** Least-squares slope of the dB power spectrum against frequency (dB/Hz), openSMILE's way. */
  private float slope(SlopeBand b) {
    int iL = b.iL();
    int iR = b.iR();
    double wL = b.wL();
    double wR = b.wR();
    double sf = iL * wL;
    double s2f = sf * sf;
    double sumA = iL * wL * logPower[iL];
    double sumB = wL * logPower[iL];
    for (int i = iL + 1; i < iR; i++) {
      s2f += (double) i * i;
      sf += i;
      sumA += i * (double) logPower[i];
      sumB += logPower[i];
    }
    s2f += iR * wR * iR * wR;
    sf += iR * wR;
    sumA += iR * wR * logPower[iR];
    sumB += wR * logPower[iR];
    s2f *= binHz * binHz;
    sf *= binHz;
    sumA *= binHz;
    double nInd = b.idxR() - b.idxL();
    double deno = nInd * s2f - sf * sf;
    return deno != 0.0 ? (float) ((nInd * sumA - sf * sumB) / deno) : 0f;
  }

  private float flux(float[] mag) {
    float result = 0f;
    int n = fluxHi - fluxLo + 1;
    if (hasPrevious) {
      double a = 0.0;
      for (int j = fluxLo; j <= fluxHi; j++) {
        double d = (double) mag[j] - previous[j - fluxLo];
        a += d * d;
      }
      double flux = a / n;
      result = flux > 0.0 ? (float) Math.sqrt(flux) : 0f;
    }
    System.arraycopy(mag, fluxLo, previous, 0, n);
    hasPrevious = true;
    return result;
  }
}
