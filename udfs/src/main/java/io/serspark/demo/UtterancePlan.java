package io.serspark.demo;

import java.util.List;

/**
 * Everything the synthesiser needs for one utterance: timing (voiced vowel nuclei and fricative
 * noise between them), the F0 contour, the vocal tract and the voice source. All times are in
 * seconds, so one plan renders to the same utterance at any sample rate.
 *
 * @param durationS total length, silences included
 * @param nuclei voiced vowel nuclei in time order, non-overlapping
 * @param fricatives unvoiced noise intervals (consonants), non-overlapping with the nuclei
 * @param formantScale factor on the male reference formants
 * @param jitterLocal requested local jitter: mean |T(i+1) - T(i)| / mean T of the period
 *     perturbation alone
 * @param shimmerDb requested local shimmer: mean |20 log10(A(i+1) / A(i))| of the amplitude
 *     perturbation alone
 * @param breathiness aspiration-noise RMS relative to the glottal-excitation RMS over the voiced
 *     samples
 * @param openQuotient fraction of each glottal period in which the glottis is open (Rosenberg
 *     pulse)
 * @param tiltCornerHz corner of the one-pole spectral-tilt low-pass
 * @param fricativeLevelDb fricative RMS relative to the vowels' RMS
 */
public record UtterancePlan(
    double durationS,
    List<Nucleus> nuclei,
    List<Interval> fricatives,
    F0Contour contour,
    double formantScale,
    double jitterLocal,
    double shimmerDb,
    double breathiness,
    double openQuotient,
    double tiltCornerHz,
    double fricativeLevelDb) {

  public UtterancePlan {
    nuclei = List.copyOf(nuclei);
    fricatives = List.copyOf(fricatives);
    if (nuclei.isEmpty())
      throw new IllegalArgumentException("an utterance needs at least one voiced nucleus");
    if (!(openQuotient > 0.2 && openQuotient < 0.95)) {
      throw new IllegalArgumentException(
          "open quotient must lie in (0.2, 0.95), got " + openQuotient);
    }
    if (jitterLocal < 0 || shimmerDb < 0 || breathiness < 0) {
      throw new IllegalArgumentException("jitter, shimmer and breathiness must not be negative");
    }
    for (Interval i : fricatives) check(i, durationS);
    for (Nucleus n : nuclei) check(n.interval(), durationS);
  }

  private static void check(Interval i, double durationS) {
    if (i.startS() < 0 || i.endS() > durationS) {
      throw new IllegalArgumentException(
          "interval " + i + " lies outside [0, " + durationS + "] s");
    }
  }

  /** A time interval [startS, endS). */
  public record Interval(double startS, double endS) {
    public Interval {
      if (!(endS > startS))
        throw new IllegalArgumentException("empty interval [" + startS + ", " + endS + ")");
    }

    public double durationS() {
      return endS - startS;
    }
  }

  /** A voiced vowel nucleus. */
  public record Nucleus(Interval interval, Vowel vowel) {}
}
