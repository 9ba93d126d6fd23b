package io.serspark.egemaps.voice;

/**
 * Subharmonic summation on an octave-scale spectrum (openSMILE {@code cPitchShs} with {@code
 * greedyPeakAlgo=1}, followed by the candidate post-processing of {@code cPitchBase}): the spectrum
 * is shifted down by log2(h) octaves for h = 2..nHarmonics, compressed by {@code compression^(h-1)}
 * and summed; the highest local maxima of the sum are the F0 candidates, with voicing = 1 -
 * mean(sum) / peak. Candidates outside [minPitch, maxPitch] are removed and the best-scored one is
 * moved to slot 0.
 *
 * <p>Float arithmetic follows openSMILE where it changes results (candidate frequencies and
 * voicings are floats).
 */
final class ShsPitchCandidates {
  static final int N_CANDIDATES = 6;

  private final int n;
  private final int[] shifts;
  private final float[] shiftScales;
  private final int nHarmonics;
  private final float fmint;
  private final float fstept;
  private final double minPitch;
  private final double maxPitch;
  private final float[] ss;
  private final Parabola parabola = new Parabola();

  /** Candidates of the last {@link #detect} call (unused slots are 0). */
  final float[] f0 = new float[N_CANDIDATES];

  final float[] voicing = new float[N_CANDIDATES];
  final float[] score = new float[N_CANDIDATES];
  int count;

  ShsPitchCandidates(
      OctaveScaleSpectrum scale,
      int nPoints,
      int nHarmonics,
      float compression,
      double minPitch,
      double maxPitch) {
    this.n = nPoints;
    this.nHarmonics = nHarmonics;
    this.minPitch = minPitch;
    this.maxPitch = maxPitch;
    this.fmint = scale.minLog2F;
    this.fstept = (scale.maxLog2F - scale.minLog2F) / (float) (nPoints - 1);
    shifts = new int[nHarmonics + 1];
    shiftScales = new float[nHarmonics + 1];
    float s = compression;
    for (int h = 2; h <= nHarmonics; h++) {
      shifts[h] = (int) Math.floor((double) scale.pointsPerOctave * OctaveScaleSpectrum.log2(h));
      shiftScales[h] = s;
      s *= compression;
    }
    ss = new float[nPoints];
  }

  /**
   * Fills {@link #f0}, {@link #voicing}, {@link #score}, {@link #count} from one octave-scale
   * spectrum.
   */
  void detect(float[] in) {
    final float[] sum = ss;
    System.arraycopy(in, 0, sum, 0, n);
    for (int h = 2; h <= nHarmonics; h++) {
      final int shift = shifts[h];
      final float sc = shiftScales[h];
      final int len = n - shift;
      for (int j = 0; j < len; j++) {
        sum[j] += in[j + shift] * sc;
      }
    }
    final float div = (float) nHarmonics;
    for (int j = 0; j < n; j++) {
      float v = sum[j] / div;
      sum[j] = v < 0 ? 0f : v;
    }
    for (int i = 0; i < N_CANDIDATES; i++) {
      f0[i] = 0f;
      voicing[i] = 0f;
      score[i] = 0f;
    }
    int nCand = 0;
    double mean = ss[0];
    int i;
    for (i = 1; i < n - 1; i++) {
      if (ss[i - 1] < ss[i] && ss[i] > ss[i + 1]) {
        for (int j = 0; j < N_CANDIDATES; j++) {
          if (score[j] == 0f || score[j] < ss[i]) {
            for (int jj = N_CANDIDATES - 1; jj > j; jj--) {
              score[jj] = score[jj - 1];
              f0[jj] = f0[jj - 1];
            }
            f0[j] = i;
            score[j] = ss[i];
            if (nCand < N_CANDIDATES) {
              nCand++;
            }
            break;
          }
        }
      }
      mean += ss[i];
    }
    mean = (mean + ss[i]) / n;
    for (int c = 0; c < nCand; c++) {
      int j = (int) f0[c];
      float x1 = f0[c] * fstept + fmint;
      float x2 = (f0[c] + 1f) * fstept + fmint;
      float x0 = (f0[c] - 1f) * fstept + fmint;
      Parabola peak = parabola.fit(x0, ss[j - 1], x1, ss[j], x2, ss[j + 1]);
      double sc = peak.y;
      f0[c] = (float) Math.exp(peak.x * Math.log(2.0));
      score[c] = (float) sc;
      voicing[c] = (sc > 0.0 && sc > mean) ? (float) (1.0 - mean / sc) : 0f;
    }
    // cPitchBase: drop candidates outside the pitch range, keeping the order of the rest
    for (int c = 0; c < N_CANDIDATES && nCand > 0; c++) {
      if (f0[c] > maxPitch || f0[c] < minPitch) {
        float orig = f0[c];
        int k;
        for (k = c + 1; k < N_CANDIDATES; k++) {
          f0[k - 1] = f0[k];
          voicing[k - 1] = voicing[k];
          score[k - 1] = score[k];
        }
        f0[k - 1] = 0f;
        voicing[k - 1] = 0f;
        score[k - 1] = 0f;
        if (orig > 0f) {
          nCand--;
          c--;
        }
      }
    }
    int maxI = 0;
    float max = score[0];
    for (int c = 1; c < N_CANDIDATES; c++) {
      if (score[c] > max) {
        max = score[c];
        maxI = c;
      }
    }
    if (maxI > 0) {
      swap(f0, 0, maxI);
      swap(voicing, 0, maxI);
      swap(score, 0, maxI);
    }
    count = nCand;
  }

  private static void swap(float[] a, int i, int j) {
    float t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
