package io.serspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class JointSpeakerBootstrapTest {
  /**
   * Per test set: each utterance's speaker index (into the set's sorted speakers) and whether a
   * system got it.
   */
  record TestSet(int[] speaker, boolean[] rightA, boolean[] rightB) {}

  /** Mean accuracy over the test sets, each utterance weighted by its speaker's draw count. */
  static ToDoubleFunction<int[][]> meanAccuracy(List<TestSet> sets, boolean a) {
    return counts -> {
      double sum = 0;
      for (int t = 0; t < sets.size(); t++) {
        TestSet s = sets.get(t);
        double hit = 0, n = 0;
        for (int i = 0; i < s.speaker().length; i++) {
          int w = counts[t][s.speaker()[i]];
          n += w;
          if (a ? s.rightA()[i] : s.rightB()[i]) hit += w;
        }
        sum += hit / n;
      }
      return sum / sets.size();
    };
  }

  /**
   * 8 speakers × 10 utterances; speaker s is hard (accuracy 0.1 s). In the first set system a is
   * right on 1 to 3 more utterances of every speaker than b (it varies with the speaker), in the
   * second as many fewer: per speaker the two sets cancel exactly.
   */
  static List<TestSet> cancellingSets() {
    int n = 80;
    int[] spk = new int[n];
    boolean[] a1 = new boolean[n], b1 = new boolean[n], a2 = new boolean[n], b2 = new boolean[n];
    for (int i = 0; i < n; i++) {
      int s = i / 10, j = i % 10, extra = 1 + s % 3;
      spk[i] = s;
      b1[i] = j < s;
      a1[i] = j < s + extra;
      a2[i] = j < s;
      b2[i] = j < s + extra;
    }
    return List.of(new TestSet(spk, a1, b1), new TestSet(spk, a2, b2));
  }

  static List<String> speakers(String prefix) {
    return JointSpeakerBootstrap.sortedSpeakers(
        List.of(
            prefix + 0,
            prefix + 1,
            prefix + 2,
            prefix + 3,
            prefix + 4,
            prefix + 5,
            prefix + 6,
            prefix + 7,
            prefix + 3));
  }

  /** System a against b on two test sets whose speakers are named with these prefixes. */
  static PairedDifference difference(
      int replicates, long seed, List<TestSet> sets, String prefix1, String prefix2) {
    return new JointSpeakerBootstrap(replicates, seed, 0.95)
        .difference(
            List.of(speakers(prefix1), speakers(prefix2)),
            meanAccuracy(sets, true),
            meanAccuracy(sets, false));
  }

  @Test
  void testSetsOfTheSameSpeakersShareTheirDraws() {
    PairedDifference d = difference(500, 9, cancellingSets(), "emodb:", "emodb:");
    assertEquals(0.0, d.estimate(), 1e-12);
    assertEquals(
        0.0,
        d.lower(),
        1e-12,
        "the same speakers drawn for both sets cancel in every replicate: " + d);
    assertEquals(0.0, d.upper(), 1e-12, d.toString());
    assertEquals(1.0, d.pValue(), 0.0);
  }

  @Test
  void testSetsOfOtherSpeakersAreDrawnIndependently() {
    PairedDifference d = difference(500, 9, cancellingSets(), "emodb:", "ravdess:");
    assertEquals(0.0, d.estimate(), 1e-12);
    assertTrue(d.lower() < -0.01 && d.upper() > 0.01, "independent draws no longer cancel: " + d);
  }

  @Test
  void aSystemBetterOnEverySpeakerOfEverySetIsSignificant() {
    List<TestSet> sets = cancellingSets();
    PairedDifference d =
        difference(1000, 9, List.of(sets.get(0), sets.get(0)), "emodb:", "ravdess:");
    assertEquals(
        0.1875,
        d.estimate(),
        1e-12,
        "1 + (s mod 3) more of ten right, averaged over the 8 speakers");
    assertTrue(
        d.lower() >= 0.1,
        "at least one more of ten right for every speaker, whatever the draw: " + d);
    assertEquals(2.0 / 1001, d.pValue(), 1e-12);
  }

  @Test
  void sameSeedSameResult() {
    assertEquals(
        difference(300, 4, cancellingSets(), "x:", "y:"),
        difference(300, 4, cancellingSets(), "x:", "y:"));
  }
}
