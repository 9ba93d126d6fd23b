package io.serspark.demo;

/**
 * What a rendering's glottal pulses realised, measured from the generated periods and amplitudes
 * themselves, with the definitions feature extractors use (Praat / openSMILE "local" jitter and
 * shimmer, pairs of consecutive periods within one voiced stretch). F0 averages are time-weighted
 * (each period counts for its duration), which is what a frame-based pitch tracker approximates.
 *
 * @param periodCount number of glottal periods
 * @param voicedS sum of the periods
 * @param meanF0Hz periods / voiced time = time-weighted mean F0
 * @param f0SemitoneMean time-weighted mean of 12 log2(F0 / 27.5 Hz) (eGeMAPS' F0 scale)
 * @param f0SemitoneStddev time-weighted standard deviation of the same
 * @param minF0Hz lowest per-period F0
 * @param maxF0Hz highest per-period F0
 * @param jitterLocal mean |T(i+1) - T(i)| / mean T over the realised periods (includes the
 *     contour's slope)
 * @param jitterPerturbation mean |r(i+1) - r(i)| of r = T / nominal T: the random perturbation
 *     alone
 * @param shimmerDb mean |dB(i+1) - dB(i)| of the amplitude perturbation (the onset/offset envelope
 *     excluded)
 */
public record PeriodStatistics(
    int periodCount,
    double voicedS,
    double meanF0Hz,
    double f0SemitoneMean,
    double f0SemitoneStddev,
    double minF0Hz,
    double maxF0Hz,
    double jitterLocal,
    double jitterPerturbation,
    double shimmerDb) {

  /** eGeMAPS expresses F0 in semitones re 27.5 Hz. */
  public static final double SEMITONE_REFERENCE_HZ = 27.5;

  public static double semitones(double f0Hz) {
    return 12.0 * StrictMath.log(f0Hz / SEMITONE_REFERENCE_HZ) / StrictMath.log(2.0);
  }

  public static PeriodStatistics of(SyntheticVoice.Rendering r) {
    double[] t = r.periodsS();
    int n = t.length;
    if (n < 2) throw new IllegalArgumentException("need at least two glottal periods, got " + n);
    double total = 0.0;
    double stSum = 0.0;
    double min = Double.POSITIVE_INFINITY;
    double max = 0.0;
    for (double p : t) {
      total += p;
      stSum += p * semitones(1.0 / p);
      min = Math.min(min, 1.0 / p);
      max = Math.max(max, 1.0 / p);
    }
    double stMean = stSum / total;
    double stVar = 0.0;
    for (double p : t) {
      double d = semitones(1.0 / p) - stMean;
      stVar += p * d * d;
    }
    double absPeriodDiff = 0.0;
    double absRatioDiff = 0.0;
    double absDbDiff = 0.0;
    int pairs = 0;
    for (int i = 1; i < n; i++) {
      if (r.nucleusOfPulse()[i] != r.nucleusOfPulse()[i - 1]) continue;
      absPeriodDiff += Math.abs(t[i] - t[i - 1]);
      absRatioDiff +=
          Math.abs(t[i] / r.nominalPeriodsS()[i] - t[i - 1] / r.nominalPeriodsS()[i - 1]);
      absDbDiff += Math.abs(r.shimmerDb()[i] - r.shimmerDb()[i - 1]);
      pairs++;
    }
    if (pairs == 0)
      throw new IllegalArgumentException("no two consecutive periods in one voiced stretch");
    return new PeriodStatistics(
        n,
        total,
        n / total,
        stMean,
        Math.sqrt(stVar / total),
        min,
        max,
        absPeriodDiff / pairs / (total / n),
        absRatioDiff / pairs,
        absDbDiff / pairs);
  }
}
