package io.serspark.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The synthesiser on its own: exact periods, realised jitter and shimmer, determinism. */
class SyntheticVoiceTest {

  /** Five one-second /a/ nuclei on a flat contour: about 600 periods at 120 Hz. */
  private static UtterancePlan flatPlan(
      double f0Hz, double jitter, double shimmerDb, double breathiness) {
    List<UtterancePlan.Nucleus> nuclei = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      nuclei.add(
          new UtterancePlan.Nucleus(
              new UtterancePlan.Interval(0.1 + 1.1 * k, 1.1 + 1.1 * k), Vowel.A));
    }
    return new UtterancePlan(
        5.7,
        nuclei,
        List.of(),
        F0Contour.flat(f0Hz),
        1.0,
        jitter,
        shimmerDb,
        breathiness,
        0.6,
        2000,
        -12);
  }

  @Test
  void withoutJitterEveryPeriodIsExactlyOneOverF0() {
    SyntheticVoice.Rendering r = new SyntheticVoice(16_000).render(flatPlan(123.4, 0, 0, 0.05), 1L);
    for (double p : r.periodsS()) assertEquals(1 / 123.4, p, 1e-12);
    PeriodStatistics ps = r.periodStatistics();
    assertEquals(123.4, ps.meanF0Hz(), 1e-9);
    assertEquals(0.0, ps.jitterLocal(), 1e-9);
    assertEquals(0.0, ps.shimmerDb(), 0.0);
    assertEquals(PeriodStatistics.semitones(123.4), ps.f0SemitoneMean(), 1e-9);
  }

  @Test
  void requestedJitterAndShimmerAreRealised() {
    for (double jitter : new double[] {0.005, 0.01, 0.03}) {
      for (long seed = 1; seed <= 3; seed++) {
        SyntheticVoice.Rendering r =
            new SyntheticVoice(16_000).render(flatPlan(120, jitter, 0.4, 0.05), seed);
        PeriodStatistics ps = r.periodStatistics();
        assertTrue(ps.periodCount() > 550, "periods: " + ps.periodCount());
        // ~600 periods: the sample mean |dT| has a relative standard error of about 3 %.
        assertEquals(
            jitter,
            ps.jitterLocal(),
            0.1 * jitter,
            "local jitter of the periods, requested " + jitter);
        assertEquals(
            jitter,
            ps.jitterPerturbation(),
            0.1 * jitter,
            "perturbation jitter, requested " + jitter);
        assertEquals(0.4, ps.shimmerDb(), 0.04, "local shimmer, requested 0.4 dB");
        assertEquals(
            120, ps.meanF0Hz(), 120 * 0.002, "jitter is zero-mean: mean F0 stays at 120 Hz");
        double[] ratio = new double[r.periodsS().length];
        for (int i = 0; i < ratio.length; i++) ratio[i] = r.periodsS()[i] * 120 - 1;
        double sd = Math.sqrt(Arrays.stream(ratio).map(x -> x * x).average().orElseThrow());
        assertEquals(
            SyntheticVoice.sigmaForLocal(jitter),
            sd,
            0.1 * SyntheticVoice.sigmaForLocal(jitter),
            "period perturbation standard deviation");
      }
    }
  }

  /**
   * The audio carries the jitter: YIN on a jittered voice sees its mean F0, and a steady voice
   * stays steady.
   */
  @Test
  void audioOfAFlatContourHasItsF0() {
    for (double f0 : new double[] {95.0, 180.0, 310.0}) {
      UtterancePlan plan = flatPlan(f0, 0.01, 0.3, 0.05);
      SyntheticVoice.Rendering r = new SyntheticVoice(16_000).render(plan, 5L);
      double yin = YinPitch.meanF0(r.samples(), 16_000, r.voicedSpansS());
      assertEquals(
          r.periodStatistics().meanF0Hz(),
          yin,
          0.005 * f0,
          "YIN mean F0 of a flat " + f0 + " Hz voice");
    }
  }

  @Test
  void sameSeedSameSamplesAnyOtherSeedNot() {
    UtterancePlan plan = flatPlan(150, 0.01, 0.3, 0.1);
    SyntheticVoice v = new SyntheticVoice(22_050);
    assertArrayEquals(v.render(plan, 42L).samples(), v.render(plan, 42L).samples());
    assertFalse(Arrays.equals(v.render(plan, 42L).samples(), v.render(plan, 43L).samples()));
  }

  /**
   * Timing lives in seconds: the same plan and seed give the same glottal pulses at every sample
   * rate.
   */
  @Test
  void pulsesDoNotDependOnTheSampleRate() {
    UtterancePlan plan = flatPlan(150, 0.01, 0.3, 0.1);
    SyntheticVoice.Rendering a = new SyntheticVoice(16_000).render(plan, 9L);
    SyntheticVoice.Rendering b = new SyntheticVoice(44_100).render(plan, 9L);
    assertArrayEquals(a.periodsS(), b.periodsS());
    assertArrayEquals(a.shimmerDb(), b.shimmerDb());
    assertEquals(Math.round(5.7 * 44_100), b.samples().length);
  }

  @Test
  void breathinessIsAspirationNoiseInTheVoicedSamples() {
    // Same pulses, more aspiration: the periodicity (YIN's d' at the period) degrades.
    double clean = meanDip(new SyntheticVoice(16_000).render(flatPlan(140, 0, 0, 0.0), 3L));
    double breathy = meanDip(new SyntheticVoice(16_000).render(flatPlan(140, 0, 0, 0.5), 3L));
    assertTrue(clean < 0.02, "a clean, jitter-free voice is nearly periodic: d' = " + clean);
    assertTrue(
        breathy > 3 * clean + 0.02,
        "aspiration noise makes it less periodic: " + breathy + " vs " + clean);
  }

  private static double meanDip(SyntheticVoice.Rendering r) {
    int lag = (int) Math.round(16_000 / 140.0);
    double num = 0;
    double den = 0;
    for (int i = 2000; i < 14000; i++) {
      double d = r.samples()[i] - r.samples()[i + lag];
      num += d * d;
      den += r.samples()[i] * r.samples()[i] + r.samples()[i + lag] * r.samples()[i + lag];
    }
    return num / den;
  }

  @Test
  void emotionAtZeroIntensityIsNeutralAndAtOneItsTargets() {
    for (Emotion e : Emotion.values()) {
      assertEquals(Emotion.NEUTRAL.at(1).f0ShiftSt(), e.at(0).f0ShiftSt(), 1e-12);
      assertEquals(Emotion.NEUTRAL.tiltCornerHz, e.at(0).tiltCornerHz(), 1e-9);
      assertEquals(e.tempo, e.at(1).tempo(), 1e-12);
      assertEquals(e.loudnessDb, e.at(1).loudnessDb(), 1e-12);
    }
    assertTrue(
        Emotion.ANGRY.at(1).tiltCornerHz() > Emotion.NEUTRAL.tiltCornerHz
            && Emotion.NEUTRAL.tiltCornerHz > Emotion.SAD.at(1).tiltCornerHz(),
        "angry flatter, sad steeper tilt");
  }

  @Test
  void impossiblePlansAreRefusedWithAReason() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new UtterancePlan(
                    1.0,
                    List.of(
                        new UtterancePlan.Nucleus(new UtterancePlan.Interval(0.1, 0.5), Vowel.I)),
                    List.of(),
                    F0Contour.flat(100),
                    1,
                    0.01,
                    0.3,
                    0.1,
                    0.99,
                    2000,
                    -12));
    assertTrue(e.getMessage().contains("open quotient"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new UtterancePlan(
                    1.0,
                    List.of(
                        new UtterancePlan.Nucleus(new UtterancePlan.Interval(0.1, 1.5), Vowel.I)),
                    List.of(),
                    F0Contour.flat(100),
                    1,
                    0.01,
                    0.3,
                    0.1,
                    0.6,
                    2000,
                    -12));
    assertTrue(e.getMessage().contains("outside"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SyntheticVoice(4000));
  }
}
