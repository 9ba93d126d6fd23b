package io.serspark.egemaps.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Signals with a known truth, and openSMILE's own output on the synthetic anchor files.
 *
 * <p>Where openSMILE's algorithm itself misses the truth, the tests pin what openSMILE does and the
 * report says so: its period search under-reads jitter (about half of the injected value), and its
 * formant chain (LPC order 11 on a spectrum cut at 3.4 kHz after a zero-padded, shifted resampling,
 * see {@link LpcFormants}) biases formants; the {@link FormantTracker#ACCURATE} estimator is held
 * to the truth instead.
 */
class VoiceStreamSyntheticTest {
  private static final double FS = 16000.0;

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = a.length;
    return n == 0 ? Double.NaN : (n % 2 == 1 ? a[n / 2] : 0.5 * (a[n / 2 - 1] + a[n / 2]));
  }

  private static List<Double> voicedValues(VoiceLlds l, int lld) {
    List<Double> v = new ArrayList<>();
    for (int t = 0; t < l.frames(); t++) {
      if (l.voiced(t)) {
        v.add((double) l.lld(lld)[t]);
      }
    }
    return v;
  }

  /** Impulses at the given (fractional) times, split linearly between neighbouring samples. */
  private static double[] pulses(double[] times, int n) {
    double[] e = new double[n];
    for (double t : times) {
      int i = (int) Math.floor(t);
      double f = t - i;
      if (i + 1 < n) {
        e[i] += 1 - f;
        e[i + 1] += f;
      }
    }
    return e;
  }

  /** Two-pole resonator (centre f, bandwidth b), unity gain at DC. */
  private static double[] resonate(double[] x, double f, double b) {
    double r = Math.exp(-Math.PI * b / FS);
    double a1 = 2 * r * Math.cos(2 * Math.PI * f / FS);
    double a2 = -r * r;
    double g = 1 - a1 - a2;
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = g * x[i] + (i > 0 ? a1 * y[i - 1] : 0) + (i > 1 ? a2 * y[i - 2] : 0);
    }
    return y;
  }

  /** Scales to peak 0.5 and quantises like a 16-bit file read by openSMILE (/32767). */
  private static float[] toSamples(double[] y) {
    double peak = 0;
    for (double v : y) {
      peak = Math.max(peak, Math.abs(v));
    }
    float[] x = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      x[i] = (float) Math.round(0.5 * 32767 * y[i] / peak) / 32767f;
    }
    return x;
  }

  /**
   * A vowel: glottal-like pulse train (periods T0·(1 + jitter·g_i), g_i ~ N(0,1)) through three
   * resonators.
   */
  private static float[] vowel(
      double f0, double jitter, long seed, double seconds, double[] formants) {
    int n = (int) (seconds * FS);
    Random rnd = new Random(seed);
    List<Double> times = new ArrayList<>();
    double t = 10;
    while (t < n - 2) {
      times.add(t);
      t += FS / f0 * (1 + jitter * rnd.nextGaussian());
    }
    double[] y = pulses(times.stream().mapToDouble(Double::doubleValue).toArray(), n);
    y = resonate(y, 300, 2000); // smooth the impulses into a low-pass glottal-like pulse
    double[] bw = {80, 90, 120};
    for (int k = 0; k < formants.length; k++) {
      y = resonate(y, formants[k], bw[k]);
    }
    return toSamples(y);
  }

  /** Realised local jitter of a pulse train: mean |T_i − T_{i−1}| / mean T. */
  private static double trueJitter(double f0, double jitter, long seed, double seconds) {
    int n = (int) (seconds * FS);
    Random rnd = new Random(seed);
    List<Double> periods = new ArrayList<>();
    double t = 10;
    while (t < n - 2) {
      double p = FS / f0 * (1 + jitter * rnd.nextGaussian());
      periods.add(p);
      t += p;
    }
    double d = 0;
    double m = 0;
    for (int i = 0; i < periods.size(); i++) {
      m += periods.get(i);
      if (i > 0) {
        d += Math.abs(periods.get(i) - periods.get(i - 1));
      }
    }
    return (d / (periods.size() - 1)) / (m / periods.size());
  }

  @Test
  void sawtoothF0IsWithinATenthOfASemitone() throws Exception {
    double truth = 12 * Math.log(150 / 27.5) / Math.log(2);
    // the anchor file (0.5 FS sawtooth) and a freshly generated one at another level
    float[] anchor = AnchorFiles.readWav(AnchorFiles.anchors().resolve("synthetic/saw150_2s.wav"));
    float[] own = new float[32000];
    for (int i = 0; i < own.length; i++) {
      double ph = (i * 150.0 / FS) % 1.0;
      own[i] = (float) (0.3 * (2 * ph - 1));
    }
    for (float[] x : List.of(anchor, own)) {
      VoiceLlds l = new VoiceStream().compute(x);
      List<Double> f0 = voicedValues(l, VoiceLlds.F0_SEMITONE);
      assertTrue(f0.size() >= l.frames() - 2, "voiced frames " + f0.size() + " of " + l.frames());
      double med = median(f0);
      System.out.printf(
          "sawtooth 150 Hz: median F0 %.4f st (truth %.4f), %d of %d frames voiced%n",
          med, truth, f0.size(), l.frames());
      assertEquals(truth, med, 0.1);
    }
  }

  @Test
  void jitterIsNearZeroOnAPeriodicTrainAndGrowsWithInjectedJitter() {
    double[] injected = {0.0, 0.01, 0.02, 0.04};
    double[] measured = new double[injected.length];
    double[] formants = {500, 1500, 2500};
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < injected.length; k++) {
      VoiceLlds l = new VoiceStream().compute(vowel(125, injected[k], 7, 2.0, formants));
      List<Double> j = voicedValues(l, VoiceLlds.JITTER_LOCAL);
      measured[k] = j.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      double truth = trueJitter(125, injected[k], 7, 2.0);
      sb.append(
          String.format(
              "injected period sd %.0f%% (realised local jitter %.4f): mean jitterLocal %.5f "
                  + "over %d voiced frames%n",
              100 * injected[k], truth, measured[k], j.size()));
    }
    System.out.print(sb);
    assertTrue(measured[0] < 5e-4, "periodic train jitter " + measured[0] + "\n" + sb);
    for (int k = 1; k < injected.length; k++) {
      assertTrue(measured[k] > measured[k - 1], "jitter not increasing\n" + sb);
    }
  }

  /**
   * openSMILE's formant chain against the truth, measured and printed: the target "within 5 %" is
   * met by the {@link FormantTracker#ACCURATE} estimator (next test), not by openSMILE's chain,
   * which this default reproduces frame by frame ({@link
   * #smoothedOutputMatchesOpenSmileOnTheSyntheticAnchors}, {@code VoiceStreamFrameTest}): openSMILE
   * itself reads the anchor glottal vowel with resonators at 700/1200/2600 Hz as 455/1333/2636 Hz.
   * Checked here: three ascending formants in voiced frames.
   */
  @Test
  void openSmileFormantChainGapIsMeasured() {
    StringBuilder sb = new StringBuilder();
    int within5 = 0;
    for (double[] fr : VOWELS) {
      double[] med = medianFormants(new VoiceStream(), speechLikeVowel(120, fr, 0));
      for (int k = 0; k < 3; k++) {
        double rel = med[k] / fr[k] - 1;
        within5 += Math.abs(rel) <= 0.05 ? 1 : 0;
        sb.append(
            String.format(
                "openSMILE chain, vowel %s: F%d median %.0f Hz (truth %.0f, %+.1f%%)%n",
                Arrays.toString(fr), k + 1, med[k], fr[k], 100 * rel));
      }
      assertTrue(med[0] > 0 && med[0] < med[1] && med[1] < med[2], "formants not ascending\n" + sb);
    }
    sb.append(
        String.format("openSMILE chain: %d of 9 formants within 5 %% of the truth%n", within5));
    System.out.print(sb);
  }

  /**
   * The task's target: formants of a synthetic vowel within 5 % of its resonators. Three vowels
   * (/a/-like, a neutral one, /i/-like), F0 100, 120 and 150 Hz, with and without a steeper source
   * (one-pole low-pass at 1 kHz): every F1–F3 median over the voiced frames within 5 % with the
   * {@link FormantTracker#ACCURATE} estimator. The Peterson–Barney vowels of a male (110 Hz) and a
   * female (210 Hz, formants × 1.16) voice are printed as well: there a first formant below about
   * twice F0 is pulled towards a harmonic (the known limit of LPC).
   */
  @Test
  void accurateFormantsOfSyntheticVowelsAreWithinFivePercent() {
    StringBuilder sb = new StringBuilder();
    double worst = 0;
    for (double f0 : new double[] {100, 120, 150}) {
      for (double tilt : new double[] {0, 1000}) {
        for (double[] fr : VOWELS) {
          double[] med =
              medianFormants(
                  new VoiceStream(FormantTracker.ACCURATE), speechLikeVowel(f0, fr, tilt));
          worst =
              Math.max(
                  worst,
                  append(
                      sb,
                      String.format(
                          "accurate, F0 %.0f Hz, tilt %s, vowel %s:",
                          f0, tilt > 0 ? "1 kHz" : "none", Arrays.toString(fr)),
                      fr,
                      med));
        }
      }
    }
    sb.append(
        String.format(
            "accurate: worst |error| %.1f %% over 54 formants (target 5 %%)%n", 100 * worst));
    String[] names = {"a", "e", "i", "o", "u"};
    double[][] pb = {
      {730, 1090, 2440}, {530, 1840, 2480}, {270, 2290, 3010}, {570, 840, 2410}, {300, 870, 2240}
    };
    for (double[] voice : new double[][] {{110, 1.0}, {210, 1.16}}) {
      for (int v = 0; v < pb.length; v++) {
        double[] fr = Arrays.stream(pb[v]).map(f -> f * voice[1]).toArray();
        double[] med =
            medianFormants(
                new VoiceStream(FormantTracker.ACCURATE), speechLikeVowel(voice[0], fr, 0));
        append(sb, String.format("report, F0 %.0f Hz, /%s/:", voice[0], names[v]), fr, med);
      }
    }
    System.out.print(sb);
    assertTrue(worst <= 0.05, "a formant is off by more than 5 %\n" + sb);
  }

  private static double append(StringBuilder sb, String head, double[] truth, double[] med) {
    double worst = 0;
    sb.append(head);
    for (int k = 0; k < 3; k++) {
      double rel = med[k] / truth[k] - 1;
      worst = Math.max(worst, Math.abs(rel));
      sb.append(
          String.format(" F%d %.0f (truth %.0f, %+.1f%%)", k + 1, med[k], truth[k], 100 * rel));
    }
    sb.append('\n');
    return worst;
  }

  private static final double[][] VOWELS = {
    {700, 1220, 2600}, {500, 1500, 2500}, {300, 2200, 3000}
  };

  /**
   * A steady vowel as the source-filter model makes one: Rosenberg glottal-flow pulses (open
   * quotient 0.5, opening:closing 0.7:0.3), lip radiation (first difference), optionally a one-pole
   * spectral tilt, then five resonators: F1–F3 as given, F4 3500 Hz, F5 4500 Hz, bandwidths
   * 80/90/120/180/250 Hz. 2 s.
   */
  private static float[] speechLikeVowel(double f0, double[] f123, double tiltHz) {
    int n = (int) (2.0 * FS);
    double period = FS / f0;
    double opening = 0.7 * 0.5 * period;
    double closing = 0.3 * 0.5 * period;
    double[] flow = new double[n];
    for (double t0 = 10; t0 + period < n; t0 += period) {
      for (int i = (int) Math.ceil(t0); i < Math.min(n, t0 + opening + closing); i++) {
        double t = i - t0;
        flow[i] +=
            t < opening
                ? 0.5 * (1 - Math.cos(Math.PI * t / opening))
                : Math.cos(0.5 * Math.PI * (t - opening) / closing);
      }
    }
    double[] y = new double[n];
    for (int i = 1; i < n; i++) {
      y[i] = flow[i] - flow[i - 1];
    }
    if (tiltHz > 0) {
      double a = Math.exp(-2 * Math.PI * tiltHz / FS);
      for (int i = 1; i < n; i++) {
        y[i] = (1 - a) * y[i] + a * y[i - 1];
      }
    }
    double[] freqs = {f123[0], f123[1], f123[2], 3500, 4500};
    double[] bws = {80, 90, 120, 180, 250};
    for (int k = 0; k < freqs.length; k++) {
      y = resonate(y, freqs[k], bws[k]);
    }
    return toSamples(y);
  }

  private static double[] medianFormants(VoiceStream stream, float[] x) {
    VoiceLlds l = stream.compute(x);
    double[] med = new double[3];
    for (int k = 0; k < 3; k++) {
      med[k] = median(voicedValues(l, VoiceLlds.F1_FREQUENCY + 3 * k));
    }
    return med;
  }

  @Test
  void tooShortInputHasNoFrames() {
    VoiceLlds l = new VoiceStream().compute(new float[959]);
    assertEquals(0, l.frames());
    assertEquals(0, l.framesSeenByFunctionals());
    assertEquals(1, new VoiceStream().compute(new float[960]).frames());
  }

  /**
   * openSMILE's 3-frame smoothing that skips zeros ({@code sma3nz}), edges padded by repeating the
   * end frames.
   */
  private static double[] sma3nz(float[] x) {
    int n = x.length;
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      if (x[t] == 0f) {
        continue;
      }
      double s = 0;
      int c = 0;
      for (int d = -1; d <= 1; d++) {
        float v = x[Math.max(0, Math.min(n - 1, t + d))];
        if (v != 0f) {
          s += v;
          c++;
        }
      }
      y[t] = s / c;
    }
    return y;
  }

  @Test
  void smoothedOutputMatchesOpenSmileOnTheSyntheticAnchors() throws Exception {
    String[] files = {
      "saw150_2s", "glottal120_jit1pct_2s", "tone1k_1s", "whitenoise_2s", "silence_1s"
    };
    int[] unseen = {
      -1, 2, 39, -1, 1
    }; // trailing frames openSMILE's functionals miss (README); -1 = not stated
    StringBuilder sb = new StringBuilder();
    for (int f = 0; f < files.length; f++) {
      Path dir = AnchorFiles.anchors().resolve("synthetic");
      VoiceLlds l = new VoiceStream().compute(AnchorFiles.readWav(dir.resolve(files[f] + ".wav")));
      List<String[]> csv = AnchorFiles.readCsv(dir.resolve(files[f] + ".lld.csv"));
      int first = Arrays.asList(csv.get(0)).indexOf("F0semitoneFrom27.5Hz_sma3nz");
      sb.append(
          String.format(
              "%s: %d frames, functionals see %d%n",
              files[f], l.frames(), l.framesSeenByFunctionals()));
      if (unseen[f] >= 0) {
        assertEquals(l.frames() - unseen[f], l.framesSeenByFunctionals(), files[f]);
      }
      // openSMILE's smoother treats the last frames of the stream differently (its rows n-3..n-1
      // are shifted),
      // so only frames well inside the input are compared
      int m = l.frames() - 3;
      for (int j = 0; j < VoiceLlds.NAMES.size(); j++) {
        double[] ours = sma3nz(l.lld(j));
        double maxErr = 0;
        double maxRef = 0;
        int close = 0;
        for (int t = 0; t < m; t++) {
          double ref = Double.parseDouble(csv.get(t + 1)[first + j]);
          double err = Math.abs(ours[t] - ref);
          maxErr = Math.max(maxErr, err);
          maxRef = Math.max(maxRef, Math.abs(ref));
          if (err <= Math.max(1e-3, 0.01 * Math.abs(ref))) {
            close++;
          }
        }
        double fracClose = m > 0 ? close / (double) m : 1.0;
        sb.append(
            String.format(
                "  %-22s max |diff| %9.3g (max |value| %9.3g), within 1%%: %5.1f%% of %d frames%n",
                VoiceLlds.NAMES.get(j), maxErr, maxRef, 100 * fracClose, m));
        if (j < VoiceLlds.H1_A3) {
          assertTrue(
              maxErr <= 1e-3 * Math.max(1, maxRef),
              files[f] + " " + VoiceLlds.NAMES.get(j) + "\n" + sb);
        } else {
          assertTrue(fracClose >= 0.9, files[f] + " " + VoiceLlds.NAMES.get(j) + "\n" + sb);
        }
      }
    }
    System.out.print(sb);
  }
}
