package io.serspark.demo;

import java.util.Random;

/**
 * A synthetic speaker: what stays the same across all of their utterances. Female and male speakers
 * differ in base F0 (about 210 vs 110 Hz) and vocal-tract length (formants about 16 % higher for
 * female voices, Peterson &amp; Barney 1952); every speaker also gets their own voice quality and
 * habitual level.
 *
 * @param baseF0Hz neutral F0 level (median of the neutral contour)
 * @param formantScale factor on the male reference formants (shorter vocal tract = higher)
 * @param jitterLocal habitual local jitter (fraction of the period) in neutral speech
 * @param shimmerDb habitual local shimmer in neutral speech, dB
 * @param breathiness aspiration-noise RMS relative to the glottal excitation RMS, neutral speech
 * @param levelOffsetDb habitual loudness relative to the corpus reference level
 * @param tiltFactor factor on the emotion's spectral-tilt corner (a brighter or darker voice)
 */
public record SyntheticSpeaker(
    String id,
    String gender,
    double baseF0Hz,
    double formantScale,
    double jitterLocal,
    double shimmerDb,
    double breathiness,
    double levelOffsetDb,
    double tiltFactor) {

  public static final String FEMALE = "female";
  public static final String MALE = "male";

  /** Draws a speaker of the given gender; the same {@code rng} state gives the same speaker. */
  public static SyntheticSpeaker draw(String id, String gender, Random rng) {
    boolean female = FEMALE.equals(gender);
    if (!female && !MALE.equals(gender)) {
      throw new IllegalArgumentException(
          "gender must be '" + FEMALE + "' or '" + MALE + "', got '" + gender + "'");
    }
    double baseF0 = (female ? 210.0 : 110.0) * StrictMath.pow(2.0, 1.5 * rng.nextGaussian() / 12.0);
    double formantScale = (female ? 1.16 : 1.0) * StrictMath.exp(0.04 * rng.nextGaussian());
    double jitter = 0.008 * StrictMath.exp(0.25 * rng.nextGaussian());
    double shimmer = 0.35 * StrictMath.exp(0.25 * rng.nextGaussian());
    double breath = (female ? 0.09 : 0.06) * StrictMath.exp(0.3 * rng.nextGaussian());
    double level = 1.5 * rng.nextGaussian();
    double tilt = StrictMath.exp(0.15 * rng.nextGaussian());
    return new SyntheticSpeaker(
        id, gender, baseF0, formantScale, jitter, shimmer, breath, level, tilt);
  }
}
