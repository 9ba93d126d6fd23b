package io.serspark.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns speaker x emotion x text into an {@link UtterancePlan}, adding the per-utterance randomness
 * that keeps the classes overlapping: a random intensity (how far from neutral this take goes), and
 * random deviations of F0 level, range, tempo, loudness, tilt and voice quality around the
 * emotion's targets.
 */
final class UtterancePlanner {
  /**
   * The "sentences": vowel sequences of six syllables, each syllable a consonant and a vowel (like
   * EmoDB's texts).
   */
  static final List<List<Vowel>> TEXTS =
      List.of(
          List.of(Vowel.A, Vowel.I, Vowel.E, Vowel.A, Vowel.O, Vowel.U),
          List.of(Vowel.O, Vowel.A, Vowel.E, Vowel.I, Vowel.A, Vowel.E),
          List.of(Vowel.U, Vowel.E, Vowel.A, Vowel.O, Vowel.I, Vowel.A),
          List.of(Vowel.E, Vowel.O, Vowel.A, Vowel.U, Vowel.E, Vowel.I));

  static final double LEAD_SILENCE_S = 0.20;
  static final double TAIL_SILENCE_S = 0.20;

  /** Neutral syllable: 60 ms consonant + 140 ms vowel = 5 syllables per second. */
  static final double CONSONANT_S = 0.06;

  static final double VOWEL_S = 0.14;

  /** Phrase-final lengthening of the last vowel. */
  static final double FINAL_LENGTHENING = 1.4;

  static final double MIN_INTENSITY = 0.25;

  private UtterancePlanner() {}

  /**
   * One planned take.
   *
   * @param intensity 0 for neutral, else how far towards the full emotion targets (uniform in
   *     [0.25, 1])
   * @param levelOffsetDb target active level relative to the corpus reference level
   * @param syllablesPerS syllables per second over the spoken part (first consonant to last vowel)
   */
  record Take(
      UtterancePlan plan,
      String textId,
      double intensity,
      double levelOffsetDb,
      double syllablesPerS,
      double arousal,
      double valence) {}

  static Take plan(SyntheticSpeaker speaker, Emotion emotion, int textIndex, Random rng) {
    double intensity =
        emotion == Emotion.NEUTRAL ? 0.0 : MIN_INTENSITY + (1.0 - MIN_INTENSITY) * rng.nextDouble();
    Emotion.Prosody p = emotion.at(intensity);
    double tempo = p.tempo() * StrictMath.exp(0.07 * rng.nextGaussian());

    List<Vowel> text = TEXTS.get(textIndex % TEXTS.size());
    List<UtterancePlan.Nucleus> nuclei = new ArrayList<>();
    List<UtterancePlan.Interval> fricatives = new ArrayList<>();
    double t = LEAD_SILENCE_S;
    for (int j = 0; j < text.size(); j++) {
      double c = CONSONANT_S / tempo * (0.8 + 0.4 * rng.nextDouble());
      double v = VOWEL_S / tempo * (0.8 + 0.4 * rng.nextDouble());
      if (j == text.size() - 1) v *= FINAL_LENGTHENING;
      // Even syllables open with a fricative (noise), odd ones with a stop closure (silence).
      if (j % 2 == 0) fricatives.add(new UtterancePlan.Interval(t, t + c));
      nuclei.add(
          new UtterancePlan.Nucleus(new UtterancePlan.Interval(t + c, t + c + v), text.get(j)));
      t += c + v;
    }
    double spokenS = t - LEAD_SILENCE_S;
    double durationS = t + TAIL_SILENCE_S;

    double level = p.f0ShiftSt() + 1.5 * rng.nextGaussian();
    double range = p.f0RangeSt() * StrictMath.exp(0.2 * rng.nextGaussian());
    List<Double> times = new ArrayList<>();
    List<Double> sizes = new ArrayList<>();
    for (UtterancePlan.Nucleus nu : nuclei) {
      if (rng.nextDouble() < 0.5) {
        times.add(0.5 * (nu.interval().startS() + nu.interval().endS()));
        sizes.add(range * (0.5 + 0.5 * rng.nextDouble()));
      }
    }
    if (times.isEmpty()) {
      UtterancePlan.Interval first = nuclei.get(0).interval();
      times.add(0.5 * (first.startS() + first.endS()));
      sizes.add(range * (0.5 + 0.5 * rng.nextDouble()));
    }
    F0Contour contour =
        new F0Contour(
            speaker.baseF0Hz(),
            level,
            0.4 * range,
            LEAD_SILENCE_S,
            t,
            times.stream().mapToDouble(Double::doubleValue).toArray(),
            sizes.stream().mapToDouble(Double::doubleValue).toArray(),
            0.12 / tempo);

    double jitter =
        speaker.jitterLocal() * p.jitterFactor() * StrictMath.exp(0.15 * rng.nextGaussian());
    double shimmer =
        speaker.shimmerDb() * p.shimmerFactor() * StrictMath.exp(0.15 * rng.nextGaussian());
    double breath =
        speaker.breathiness() * p.breathinessFactor() * StrictMath.exp(0.2 * rng.nextGaussian());
    double oq = Math.max(0.35, Math.min(0.85, p.openQuotient() + 0.03 * rng.nextGaussian()));
    double tilt =
        p.tiltCornerHz() * speaker.tiltFactor() * StrictMath.exp(0.25 * rng.nextGaussian());
    double fricativeDb = -12.0 + 2.0 * rng.nextGaussian();
    double levelOffset = speaker.levelOffsetDb() + p.loudnessDb() + 2.5 * rng.nextGaussian();
    double arousal = clip(p.arousal() + 0.08 * rng.nextGaussian());
    double valence = clip(p.valence() + 0.08 * rng.nextGaussian());

    UtterancePlan plan =
        new UtterancePlan(
            durationS,
            nuclei,
            fricatives,
            contour,
            speaker.formantScale(),
            jitter,
            shimmer,
            breath,
            oq,
            tilt,
            fricativeDb);
    String textId = String.format(java.util.Locale.ROOT, "t%02d", textIndex % TEXTS.size() + 1);
    return new Take(plan, textId, intensity, levelOffset, text.size() / spokenS, arousal, valence);
  }

  private static double clip(double v) {
    return Math.max(-1.0, Math.min(1.0, v));
  }
}
