package io.serspark.egemaps;

import java.util.Arrays;

/**
 * The 88 eGeMAPS v02 functionals from their inputs, exactly as openSMILE's functional components
 * compute them. Values are openSMILE's, including its "no data" encodings (0, −201, −120); the
 * extractor maps those to NaN where the public API says so.
 *
 * <p>Not thread-safe (reuses buffers); one per extractor.
 */
final class EgemapsFunctionals {
  private final Peaks2 peaks = new Peaks2();
  private float[] buffer = new float[1024];
  private float[] sorted = new float[1024];

  float[] compute(FunctionalInputs in) {
    float[] out = new float[EgemapsNames.FUNCTIONALS.size()];
    double t = EgemapsConfig.FRAME_PERIOD_S;
    int o = 0;
    contourWithSlopes(in.f0(), true, out, o, t);
    o += 10;
    Peaks2.Result loudnessPeaks = contourWithSlopes(in.loudness(), false, out, o, t);
    o += 10;
    for (float[] x : in.allFrames()) o = meanAndStddevNorm(x, false, out, o);
    for (float[] x : in.voiced()) o = meanAndStddevNorm(x, true, out, o);
    for (float[] x : in.spectralV()) o = meanAndStddevNorm(x, true, out, o);
    for (float[] x : in.spectralUV()) {
      int n = nonZero(x);
      out[o++] = n == 0 ? 0f : Moments.mean(buffer, n);
    }
    int n20 = in.loudness().length;
    out[o++] =
        loudnessPeaks == null ? 0f : (float) loudnessPeaks.numPeaks() / ((float) n20 * (float) t);
    float[] f0 = in.f0();
    if (f0.length > 0) {
      Segments.Result voicedSegments = Segments.of(f0, f0.length, true, t);
      Segments.Result unvoicedSegments = Segments.of(f0, f0.length, false, t);
      out[o++] = voicedSegments.perSecond();
      out[o++] = voicedSegments.meanLengthS();
      out[o++] = voicedSegments.stddevLengthS();
      out[o++] = unvoicedSegments.meanLengthS();
      out[o++] = unvoicedSegments.stddevLengthS();
    } else {
      o += 5;
    }
    out[o++] = equivalentSoundLevel(in.energy());
    if (o != out.length) throw new IllegalStateException("wrote " + o + " functionals");
    return out;
  }

  /**
   * amean, stddevNorm, percentiles 20/50/80, pctlrange0-2, rising/falling slope mean and std: 10
   * values at {@code out[o..o+9]}; returns the peak statistics, null when no frame is left.
   */
  private Peaks2.Result contourWithSlopes(
      float[] x, boolean nonZeroOnly, float[] out, int o, double t) {
    int n = nonZeroOnly ? nonZero(x) : copy(x);
    if (n == 0) return null; // openSMILE writes 0 for every output of a component without input
    float[] v = buffer;
    float mean = Moments.mean(v, n);
    out[o] = mean;
    out[o + 1] = Moments.stddevNorm(v, n, mean);
    float[] s = sortedCopy(n);
    float p20 = Percentiles.of(s, n, 0.20);
    float p50 = Percentiles.of(s, n, 0.50);
    float p80 = Percentiles.of(s, n, 0.80);
    out[o + 2] = p20;
    out[o + 3] = p50;
    out[o + 4] = p80;
    out[o + 5] = Math.abs(p80 - p20);
    Peaks2.Result r = peaks.compute(v, n, s[0], s[n - 1], (float) t);
    out[o + 6] = r.meanRisingSlope();
    out[o + 7] = r.stddevRisingSlope();
    out[o + 8] = r.meanFallingSlope();
    out[o + 9] = r.stddevFallingSlope();
    return r;
  }

  private int meanAndStddevNorm(float[] x, boolean nonZeroOnly, float[] out, int o) {
    int n = nonZeroOnly ? nonZero(x) : copy(x);
    if (n == 0) return o + 2;
    float mean = Moments.mean(buffer, n);
    out[o] = mean;
    out[o + 1] = Moments.stddevNorm(buffer, n, mean);
    return o + 2;
  }

  /** Leq: 10·log10 of the mean frame energy, floored at 1e-12 (−120 dB for digital silence). */
  static float equivalentSoundLevel(float[] energy) {
    if (energy.length == 0) return 0f;
    float mean = Moments.mean(energy, energy.length);
    return (float) (10.0 * Math.log10(Math.max(mean, EgemapsConfig.LEQ_FLOOR)));
  }

  /** nonZeroFuncts = 1: exact zeros are removed before all statistics (genuine zero values too). */
  private int nonZero(float[] x) {
    ensure(x.length);
    int n = 0;
    for (float v : x) if (v != 0.0f) buffer[n++] = v;
    return n;
  }

  private int copy(float[] x) {
    ensure(x.length);
    System.arraycopy(x, 0, buffer, 0, x.length);
    return x.length;
  }

  private float[] sortedCopy(int n) {
    System.arraycopy(buffer, 0, sorted, 0, n);
    Arrays.sort(sorted, 0, n);
    return sorted;
  }

  private void ensure(int n) {
    if (buffer.length < n) {
      buffer = new float[n * 2];
      sorted = new float[n * 2];
    }
  }
}
