package io.serspark.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A source-filter voice synthesiser (Fant 1960; Klatt 1980). The source is a train of Rosenberg
 * (1971) glottal flow pulses, one per period, placed at exact (fractional) times: each period is 1
 * / F0 read from the contour at the pulse onset, times (1 + a Gaussian period perturbation) for
 * jitter; each pulse's amplitude gets a Gaussian perturbation in dB for shimmer. The flow's first
 * difference stands in for lip radiation; aspiration noise, gated by the glottal open phase, adds
 * breathiness. A one-pole low-pass sets the spectral tilt, a cascade of five time-varying formant
 * resonators (vowel targets with linear transitions) is the vocal tract, and band-pass noise makes
 * the fricatives between syllables.
 *
 * <p>Deterministic: the same plan, seed and sample rate give the same samples, on any JVM ({@code
 * StrictMath} and {@link Random} only). Periods and amplitudes of every pulse are returned, so
 * tests and the truth file know exactly what was generated.
 */
public final class SyntheticVoice {
  /** Opening phase share of the open phase; Rosenberg's pulse C has Tp : Tn = 0.4 : 0.16. */
  private static final double OPENING_SHARE = 0.7;

  /**
   * Aspiration noise keeps this fraction of its level while the glottis is closed (incomplete
   * closure).
   */
  private static final double CLOSED_PHASE_ASPIRATION = 0.25;

  private static final double ONSET_S = 0.025;
  private static final double OFFSET_S = 0.035;

  /** Perturbations are clipped at 3 standard deviations so no single period is absurd. */
  private static final double CLIP_SIGMAS = 3.0;

  private static final double FRICATIVE_CENTRE_HZ = 4000.0;
  private static final double FRICATIVE_BANDWIDTH_HZ = 2000.0;

  /** Formant coefficients are recomputed every this many samples (0.5 ms at 16 kHz). */
  private static final int FORMANT_UPDATE_SAMPLES = 8;

  private final int sampleRateHz;

  public SyntheticVoice(int sampleRateHz) {
    if (sampleRateHz < 8000)
      throw new IllegalArgumentException(
          "sample rate must be at least 8000 Hz, got " + sampleRateHz);
    this.sampleRateHz = sampleRateHz;
  }

  public int sampleRateHz() {
    return sampleRateHz;
  }

  /**
   * The standard deviation of a Gaussian relative perturbation whose local mean absolute difference
   * is {@code local}: for independent e(i) ~ N(0, s^2), E|e(i+1) - e(i)| = 2 s / sqrt(pi).
   */
  static double sigmaForLocal(double local) {
    return local * Math.sqrt(Math.PI) / 2.0;
  }

  public Rendering render(UtterancePlan plan, long seed) {
    Random rng = new Random(seed);
    int n = (int) Math.round(plan.durationS() * sampleRateHz);
    double[] flow = new double[n];
    double[] aspirationGate = new double[n];
    boolean[] voiced = new boolean[n];
    Pulses pulses = new Pulses();

    double sigmaJitter = sigmaForLocal(plan.jitterLocal());
    double sigmaShimmerDb = sigmaForLocal(plan.shimmerDb());
    List<UtterancePlan.Nucleus> nuclei = plan.nuclei();
    for (int k = 0; k < nuclei.size(); k++) {
      UtterancePlan.Interval iv = nuclei.get(k).interval();
      double t = iv.startS();
      while (true) {
        double nominal = 1.0 / plan.contour().f0HzAt(t);
        double period = nominal * (1.0 + sigmaJitter * clippedGaussian(rng));
        double shimmerDb = sigmaShimmerDb * clippedGaussian(rng);
        // Whole periods only: every recorded period is one the listener (and a pitch tracker) can
        // see.
        if (t + period > iv.endS()) break;
        double amplitude = envelope(iv, t) * StrictMath.pow(10.0, shimmerDb / 20.0);
        addPulse(flow, aspirationGate, t, period, amplitude, plan.openQuotient());
        pulses.add(t, period, nominal, shimmerDb, k);
        t += period;
      }
    }
    // Voiced = covered by glottal pulses (a nucleus ends with a part-period gap): the stretches
    // truth.csv lists,
    // over which levels and the aspiration ratio are defined.
    double[] onsets = pulses.onsets();
    double[] periods = pulses.periods();
    for (int i = 0; i < onsets.length; i++) {
      int from = (int) Math.ceil(onsets[i] * sampleRateHz);
      int to = Math.min(n, (int) Math.ceil((onsets[i] + periods[i]) * sampleRateHz));
      for (int j = from; j < to; j++) voiced[j] = true;
    }

    double[] excitation = new double[n];
    for (int i = 1; i < n; i++) excitation[i] = flow[i] - flow[i - 1];
    addAspiration(excitation, aspirationGate, voiced, plan.breathiness(), rng);
    tilt(excitation, plan.tiltCornerHz());
    double[] speech = vocalTract(excitation, plan);
    addFricatives(speech, voiced, plan, rng);
    return new Rendering(
        sampleRateHz,
        speech,
        voiced,
        pulses.onsets(),
        pulses.periods(),
        pulses.nominals(),
        pulses.shimmers(),
        pulses.nuclei());
  }

  private static double clippedGaussian(Random rng) {
    double g = rng.nextGaussian();
    return Math.max(-CLIP_SIGMAS, Math.min(CLIP_SIGMAS, g));
  }

  /** Raised-cosine onset and offset of the voicing amplitude within a nucleus. */
  private static double envelope(UtterancePlan.Interval iv, double t) {
    double on = Math.min(ONSET_S, iv.durationS() / 3);
    double off = Math.min(OFFSET_S, iv.durationS() / 3);
    double fromStart = t - iv.startS();
    double toEnd = iv.endS() - t;
    if (fromStart < on) return 0.5 - 0.5 * StrictMath.cos(Math.PI * fromStart / on);
    if (toEnd < off) return 0.5 - 0.5 * StrictMath.cos(Math.PI * toEnd / off);
    return 1.0;
  }

  /**
   * Adds one Rosenberg pulse (rising half-cosine, falling quarter-cosine) sampled at its exact
   * onset.
   */
  private void addPulse(
      double[] flow,
      double[] gate,
      double onsetS,
      double periodS,
      double amplitude,
      double openQuotient) {
    double rise = OPENING_SHARE * openQuotient * periodS;
    double fall = (1.0 - OPENING_SHARE) * openQuotient * periodS;
    int first = (int) Math.ceil(onsetS * sampleRateHz);
    int end = Math.min(flow.length, (int) Math.ceil((onsetS + periodS) * sampleRateHz));
    for (int i = first; i < end; i++) {
      double tau = i / (double) sampleRateHz - onsetS;
      if (tau < rise) {
        flow[i] += amplitude * (0.5 - 0.5 * StrictMath.cos(Math.PI * tau / rise));
        gate[i] = amplitude;
      } else if (tau < rise + fall) {
        flow[i] += amplitude * StrictMath.cos(0.5 * Math.PI * (tau - rise) / fall);
        gate[i] = amplitude;
      } else {
        gate[i] = CLOSED_PHASE_ASPIRATION * amplitude;
      }
    }
  }

  private static void addAspiration(
      double[] excitation, double[] gate, boolean[] voiced, double breathiness, Random rng) {
    double[] noise = new double[excitation.length];
    for (int i = 0; i < noise.length; i++) noise[i] = rng.nextGaussian() * gate[i];
    double target = breathiness * rms(excitation, voiced);
    double actual = rms(noise, voiced);
    if (actual == 0.0) return;
    double g = target / actual;
    for (int i = 0; i < noise.length; i++) excitation[i] += g * noise[i];
  }

  private void tilt(double[] x, double cornerHz) {
    double a = StrictMath.exp(-2.0 * Math.PI * cornerHz / sampleRateHz);
    double y = 0.0;
    for (int i = 0; i < x.length; i++) {
      y = (1.0 - a) * x[i] + a * y;
      x[i] = y;
    }
  }

  private double[] vocalTract(double[] source, UtterancePlan plan) {
    int m = Vowel.formantCount();
    Resonator[] cascade = new Resonator[m];
    for (int k = 0; k < m; k++) cascade[k] = new Resonator(sampleRateHz);
    double[] freqs = new double[m];
    double[] out = new double[source.length];
    for (int i = 0; i < source.length; i++) {
      if (i % FORMANT_UPDATE_SAMPLES == 0) {
        formantsAt(plan, i / (double) sampleRateHz, freqs);
        for (int k = 0; k < m; k++) {
          cascade[k].tune(freqs[k], Vowel.BANDWIDTHS_HZ[k] * plan.formantScale());
        }
      }
      double y = source[i];
      for (int k = 0; k < m; k++) y = cascade[k].step(y);
      out[i] = y;
    }
    return out;
  }

  /**
   * Formant frequencies at time t: each vowel's targets hold over the middle half of its nucleus,
   * and move linearly from one vowel's targets to the next in between (the transitions through the
   * consonants).
   */
  static void formantsAt(UtterancePlan plan, double t, double[] out) {
    List<UtterancePlan.Nucleus> nuclei = plan.nuclei();
    int next = 0;
    while (next < nuclei.size() && steadyStart(nuclei.get(next)) <= t) next++;
    UtterancePlan.Nucleus before = next > 0 ? nuclei.get(next - 1) : null;
    UtterancePlan.Nucleus after = next < nuclei.size() ? nuclei.get(next) : null;
    for (int k = 0; k < out.length; k++) {
      double f;
      if (before == null) {
        f = after.vowel().formantHz(k);
      } else if (after == null || t <= steadyEnd(before)) {
        f = before.vowel().formantHz(k);
      } else {
        double w = (t - steadyEnd(before)) / (steadyStart(after) - steadyEnd(before));
        f = (1 - w) * before.vowel().formantHz(k) + w * after.vowel().formantHz(k);
      }
      out[k] = f * plan.formantScale();
    }
  }

  /** Start of a vowel's steady part (its targets held): the middle half of the nucleus. */
  static double steadyStart(UtterancePlan.Nucleus nu) {
    return nu.interval().startS() + 0.25 * nu.interval().durationS();
  }

  static double steadyEnd(UtterancePlan.Nucleus nu) {
    return nu.interval().endS() - 0.25 * nu.interval().durationS();
  }

  private void addFricatives(double[] speech, boolean[] voiced, UtterancePlan plan, Random rng) {
    if (plan.fricatives().isEmpty()) return;
    Resonator r1 = new Resonator(sampleRateHz, FRICATIVE_CENTRE_HZ, FRICATIVE_BANDWIDTH_HZ);
    Resonator r2 = new Resonator(sampleRateHz, FRICATIVE_CENTRE_HZ, FRICATIVE_BANDWIDTH_HZ);
    double[] noise = new double[speech.length];
    boolean[] inFricative = new boolean[speech.length];
    for (UtterancePlan.Interval iv : plan.fricatives()) {
      int from = (int) Math.ceil(iv.startS() * sampleRateHz);
      int to = Math.min(speech.length, (int) Math.ceil(iv.endS() * sampleRateHz));
      double previous = 0.0;
      for (int i = from; i < to; i++) {
        // Resonators are DC-normalised; the first difference removes the low end a fricative lacks.
        double g = rng.nextGaussian();
        double x = g - previous;
        previous = g;
        double w = 0.5 - 0.5 * StrictMath.cos(2.0 * Math.PI * (i - from + 0.5) / (to - from));
        noise[i] = w * r2.step(r1.step(x));
        inFricative[i] = true;
      }
    }
    double target = rms(speech, voiced) * StrictMath.pow(10.0, plan.fricativeLevelDb() / 20.0);
    double actual = rms(noise, inFricative);
    if (actual == 0.0) return;
    double g = target / actual;
    for (int i = 0; i < speech.length; i++) speech[i] += g * noise[i];
  }

  static double rms(double[] x, boolean[] mask) {
    double sum = 0.0;
    long count = 0;
    for (int i = 0; i < x.length; i++) {
      if (mask[i]) {
        sum += x[i] * x[i];
        count++;
      }
    }
    return count == 0 ? 0.0 : Math.sqrt(sum / count);
  }

  /** Growable arrays of the generated pulses. */
  private static final class Pulses {
    private double[] onsets = new double[256];
    private double[] periods = new double[256];
    private double[] nominals = new double[256];
    private double[] shimmers = new double[256];
    private int[] nuclei = new int[256];
    private int size;

    void add(double onset, double period, double nominal, double shimmerDb, int nucleus) {
      if (size == onsets.length) {
        int cap = size * 2;
        onsets = Arrays.copyOf(onsets, cap);
        periods = Arrays.copyOf(periods, cap);
        nominals = Arrays.copyOf(nominals, cap);
        shimmers = Arrays.copyOf(shimmers, cap);
        nuclei = Arrays.copyOf(nuclei, cap);
      }
      onsets[size] = onset;
      periods[size] = period;
      nominals[size] = nominal;
      shimmers[size] = shimmerDb;
      nuclei[size] = nucleus;
      size++;
    }

    double[] onsets() {
      return Arrays.copyOf(onsets, size);
    }

    double[] periods() {
      return Arrays.copyOf(periods, size);
    }

    double[] nominals() {
      return Arrays.copyOf(nominals, size);
    }

    double[] shimmers() {
      return Arrays.copyOf(shimmers, size);
    }

    int[] nuclei() {
      return Arrays.copyOf(nuclei, size);
    }
  }

  /**
   * One rendered utterance at an arbitrary scale (the recording chain sets the level).
   *
   * @param samples the speech waveform
   * @param voiced per sample: covered by a glottal period
   * @param pulseOnsetsS onset of every glottal pulse
   * @param periodsS the realised period of every pulse (onset to next onset within the nucleus)
   * @param nominalPeriodsS 1 / F0 of the contour at the onset, before jitter
   * @param shimmerDb the amplitude perturbation of every pulse, dB (envelope excluded)
   * @param nucleusOfPulse index of the nucleus each pulse belongs to
   */
  public record Rendering(
      int sampleRateHz,
      double[] samples,
      boolean[] voiced,
      double[] pulseOnsetsS,
      double[] periodsS,
      double[] nominalPeriodsS,
      double[] shimmerDb,
      int[] nucleusOfPulse) {
    public PeriodStatistics periodStatistics() {
      return PeriodStatistics.of(this);
    }

    /**
     * The glottal-pulse span of each nucleus, {first onset, last onset + last period} in seconds:
     * the time that is really voiced (a nucleus ends with a part-period gap, since only whole
     * periods are generated).
     */
    public List<double[]> voicedSpansS() {
      List<double[]> spans = new java.util.ArrayList<>();
      for (int i = 0; i < pulseOnsetsS.length; i++) {
        double end = pulseOnsetsS[i] + periodsS[i];
        if (i == 0 || nucleusOfPulse[i] != nucleusOfPulse[i - 1]) {
          spans.add(new double[] {pulseOnsetsS[i], end});
        } else {
          spans.get(spans.size() - 1)[1] = end;
        }
      }
      return spans;
    }
  }
}
