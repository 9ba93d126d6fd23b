package io.serspark.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * A speaker bootstrap over several test sets at once, for statistics that combine them (a system's
 * mean score over a benchmark's test conditions). Test sets with the same speakers (EmoDB tested
 * within the corpus and from RAVDESS) get the same draw in each replicate, as they would if the
 * speakers themselves had been sampled again; test sets with other speakers are drawn
 * independently. A replicate gives, per test set, how many times each of its speakers was drawn;
 * the statistics weigh each utterance by its speaker's count.
 *
 * <p>Deterministic: distinct speaker sets in order of first appearance, speakers sorted within a
 * set, draws from a {@link SplittableRandom} with the seed.
 */
public final class JointSpeakerBootstrap {
  private final int replicates;
  private final long seed;
  private final double level;

  public JointSpeakerBootstrap(int replicates, long seed, double level) {
    if (replicates < 1 || replicates > SpeakerBootstrap.MAX_REPLICATES) {
      throw new IllegalArgumentException(
          "replicates must be in 1.." + SpeakerBootstrap.MAX_REPLICATES + ", got " + replicates);
    }
    if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0,1)");
    this.replicates = replicates;
    this.seed = seed;
    this.level = level;
  }

  /**
   * The paired difference {@code a − b} of two statistics of the same test sets.
   *
   * @param speakers per test set, its speakers sorted by name ({@link #sortedSpeakers}); the
   *     statistics receive, per test set, the draw count of each of these speakers in this order
   *     (all 1 for the estimate)
   */
  public PairedDifference difference(
      List<List<String>> speakers, ToDoubleFunction<int[][]> a, ToDoubleFunction<int[][]> b) {
    int[][] ones = new int[speakers.size()][];
    for (int t = 0; t < ones.length; t++) {
      ones[t] = new int[speakers.get(t).size()];
      Arrays.fill(ones[t], 1);
    }

    // test sets with the same speakers share one draw: index of each set's draw
    Map<List<String>, Integer> distinct = new LinkedHashMap<>();
    int[] drawOf = new int[speakers.size()];
    for (int t = 0; t < drawOf.length; t++)
      drawOf[t] = distinct.computeIfAbsent(speakers.get(t), k -> distinct.size());
    List<Integer> sizes = new ArrayList<>();
    distinct.keySet().forEach(k -> sizes.add(k.size()));

    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[replicates];
    int defined = 0;
    for (int r = 0; r < replicates; r++) {
      int[][] draws = new int[sizes.size()][];
      for (int d = 0; d < draws.length; d++) {
        draws[d] = new int[sizes.get(d)];
        for (int s = 0; s < draws[d].length; s++) draws[d][random.nextInt(draws[d].length)]++;
      }
      int[][] counts = new int[speakers.size()][];
      for (int t = 0; t < counts.length; t++) counts[t] = draws[drawOf[t]];
      double v = a.applyAsDouble(counts) - b.applyAsDouble(counts);
      if (!Double.isNaN(v)) values[defined++] = v;
    }
    double[] sorted = Arrays.copyOf(values, defined);
    Arrays.sort(sorted);
    return PairedDifference.of(a.applyAsDouble(ones), b.applyAsDouble(ones), sorted, level);
  }

  /**
   * The distinct speakers of a test set's utterances, sorted: the order {@link #difference}
   * expects.
   */
  public static List<String> sortedSpeakers(List<String> speakerOfItem) {
    return List.copyOf(new TreeSet<>(speakerOfItem));
  }
}
