package io.serspark.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.egemaps.voice.FormantTracker;
import io.serspark.egemaps.voice.VoiceLlds;
import io.serspark.egemaps.voice.VoiceStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Formants against the demo corpus's known vocal tract: whole synthetic utterances (moving
 * formants, consonants, jitter, shimmer, breathiness, intonation, 50 dB SNR recording of demo-a),
 * frame by frame where the truth is steady (the middle half of each vowel, the whole 20 ms frame
 * voiced). Printed for both formant trackers; the {@link FormantTracker#ACCURATE} one must keep the
 * median error of F1–F3 within 5 % for the male voices.
 */
class DemoFormantTruthTest {
  private static final int HOP = 160;
  private static final int FRAME20 = 320;

  @Test
  void accurateFormantsFollowTheSynthesisersVocalTract() {
    StringBuilder sb = new StringBuilder();
    double worstMaleMedian = 0;
    for (FormantTracker tracker : FormantTracker.values()) {
      for (String gender : List.of(SyntheticSpeaker.MALE, SyntheticSpeaker.FEMALE)) {
        List<List<Double>> err = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int speaker = 0; speaker < 4; speaker++) {
          if (!(speaker % 2 == 0 ? SyntheticSpeaker.FEMALE : SyntheticSpeaker.MALE).equals(gender))
            continue;
          for (Emotion emotion : List.of(Emotion.NEUTRAL, Emotion.ANGRY)) {
            for (int take = 1; take <= 2; take++) {
              collect(
                  DemoCorpus.synthesise(DemoCorpus.DEFAULT_SEED, 0, 4, speaker, emotion, take),
                  tracker,
                  err);
            }
          }
        }
        sb.append(String.format("%-9s %-6s:", tracker, gender));
        for (int k = 0; k < 3; k++) {
          double med = median(err.get(k));
          sb.append(
              String.format(
                  " F%d median |error| %5.1f %% (%d frames, 90th percentile %5.1f %%)",
                  k + 1, 100 * med, err.get(k).size(), 100 * quantile(err.get(k), 0.9)));
          if (tracker == FormantTracker.ACCURATE && gender.equals(SyntheticSpeaker.MALE)) {
            worstMaleMedian = Math.max(worstMaleMedian, med);
          }
        }
        sb.append('\n');
      }
    }
    System.out.print(sb);
    assertTrue(
        worstMaleMedian <= 0.05,
        "accurate formants of the male demo voices off by more than 5 %\n" + sb);
  }

  /**
   * Relative |error| of F1–F3 on every frame that lies, voiced, inside the steady middle half of a
   * vowel.
   */
  private static void collect(
      DemoCorpus.SynthesisedFile file, FormantTracker tracker, List<List<Double>> err) {
    short[] pcm = file.recorded().pcm();
    float[] x = new float[pcm.length];
    for (int i = 0; i < pcm.length; i++) x[i] = pcm[i] / 32767f;
    VoiceLlds l = new VoiceStream(tracker).compute(x);
    UtterancePlan plan = file.plan();
    boolean[] voiced = file.rendering().voiced();
    double fs = file.rendering().sampleRateHz();
    double[] truth = new double[5];
    for (int t = 0; t < l.frames(); t++) {
      int from = t * HOP;
      int to = from + FRAME20;
      if (to > voiced.length || !allVoiced(voiced, from, to)) continue;
      double a = from / fs;
      double b = to / fs;
      if (!insideSteadyPart(plan, a, b)) continue;
      SyntheticVoice.formantsAt(plan, 0.5 * (a + b), truth);
      for (int k = 0; k < 3; k++) {
        double f = l.lld(VoiceLlds.F1_FREQUENCY + 3 * k)[t];
        err.get(k).add(f > 0 ? Math.abs(f / truth[k] - 1) : 1.0);
      }
    }
  }

  private static boolean allVoiced(boolean[] v, int from, int to) {
    for (int i = from; i < to; i++) if (!v[i]) return false;
    return true;
  }

  private static boolean insideSteadyPart(UtterancePlan plan, double a, double b) {
    for (UtterancePlan.Nucleus nu : plan.nuclei()) {
      if (a >= SyntheticVoice.steadyStart(nu) && b <= SyntheticVoice.steadyEnd(nu)) return true;
    }
    return false;
  }

  private static double median(List<Double> v) {
    return quantile(v, 0.5);
  }

  private static double quantile(List<Double> v, double q) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length == 0 ? Double.NaN : a[(int) Math.min(a.length - 1, Math.floor(q * a.length))];
  }
}
