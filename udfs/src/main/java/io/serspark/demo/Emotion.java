package io.serspark.demo;

/**
 * The four classes of the synthetic demo corpus (the {@code 4class} label set) and the prosody each
 * one pulls an utterance towards. Values are the full-intensity targets; {@link #at(double)} blends
 * them with neutral, so a mild "angry" sits between neutral and a full one. The directions follow
 * the vocal-affect literature (Scherer 2003, Juslin &amp; Laukka 2003): anger and joy raise F0,
 * loudness and tempo and flatten the spectrum; sadness lowers and narrows F0, slows down, softens
 * and steepens the spectral tilt (a lax, breathy voice).
 */
public enum Emotion {
  //       F0 shift st, F0 range st, tempo, loudness dB, tilt corner Hz, open quotient, jitter x,
  // shimmer x, breath x, arousal, valence
  ANGRY(5.0, 6.0, 1.20, 7.0, 5000, 0.45, 1.3, 1.4, 0.6, 0.8, -0.6),
  HAPPY(4.0, 9.0, 1.12, 3.5, 3000, 0.55, 1.1, 1.1, 0.9, 0.6, 0.7),
  NEUTRAL(0.0, 4.0, 1.00, 0.0, 2000, 0.60, 1.0, 1.0, 1.0, 0.0, 0.0),
  SAD(-2.5, 2.0, 0.75, -6.0, 700, 0.72, 1.4, 1.3, 2.2, -0.6, -0.6);

  /** F0 level relative to the speaker's neutral base, in semitones. */
  public final double f0ShiftSt;

  /** Size of the pitch accents (and twice the declination), in semitones. */
  public final double f0RangeSt;

  /** Syllable rate relative to neutral (1.0 = 5 syllables per second). */
  public final double tempo;

  /** Active speech level relative to the speaker's neutral level, in dB. */
  public final double loudnessDb;

  /**
   * Corner of the one-pole spectral-tilt low-pass; lower = steeper tilt (less high-frequency
   * energy).
   */
  public final double tiltCornerHz;

  /** Glottal open quotient: short (pressed voice) for anger, long (lax voice) for sadness. */
  public final double openQuotient;

  public final double jitterFactor;
  public final double shimmerFactor;
  public final double breathinessFactor;

  /** Nominal dimensional labels on a [-1, 1] scale, at full intensity. */
  public final double arousal;

  public final double valence;

  Emotion(
      double f0ShiftSt,
      double f0RangeSt,
      double tempo,
      double loudnessDb,
      double tiltCornerHz,
      double openQuotient,
      double jitterFactor,
      double shimmerFactor,
      double breathinessFactor,
      double arousal,
      double valence) {
    this.f0ShiftSt = f0ShiftSt;
    this.f0RangeSt = f0RangeSt;
    this.tempo = tempo;
    this.loudnessDb = loudnessDb;
    this.tiltCornerHz = tiltCornerHz;
    this.openQuotient = openQuotient;
    this.jitterFactor = jitterFactor;
    this.shimmerFactor = shimmerFactor;
    this.breathinessFactor = breathinessFactor;
    this.arousal = arousal;
    this.valence = valence;
  }

  /** The common label name as in {@code conf/label-sets.yaml}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * This emotion's prosody at {@code intensity} in [0, 1]: 0 is neutral, 1 the full targets.
   * Additive quantities blend linearly, ratios (tempo, tilt corner, voice-quality factors)
   * geometrically.
   */
  public Prosody at(double intensity) {
    Emotion n = NEUTRAL;
    return new Prosody(
        lin(n.f0ShiftSt, f0ShiftSt, intensity),
        lin(n.f0RangeSt, f0RangeSt, intensity),
        geo(n.tempo, tempo, intensity),
        lin(n.loudnessDb, loudnessDb, intensity),
        geo(n.tiltCornerHz, tiltCornerHz, intensity),
        lin(n.openQuotient, openQuotient, intensity),
        geo(n.jitterFactor, jitterFactor, intensity),
        geo(n.shimmerFactor, shimmerFactor, intensity),
        geo(n.breathinessFactor, breathinessFactor, intensity),
        lin(n.arousal, arousal, intensity),
        lin(n.valence, valence, intensity));
  }

  private static double lin(double a, double b, double w) {
    return a + w * (b - a);
  }

  private static double geo(double a, double b, double w) {
    return a * StrictMath.pow(b / a, w);
  }

  /** Prosody of one utterance, before per-utterance randomness; same fields as the enum. */
  public record Prosody(
      double f0ShiftSt,
      double f0RangeSt,
      double tempo,
      double loudnessDb,
      double tiltCornerHz,
      double openQuotient,
      double jitterFactor,
      double shimmerFactor,
      double breathinessFactor,
      double arousal,
      double valence) {}
}
