package io.serspark.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Confidence intervals by resampling <em>speakers</em> with replacement (a cluster bootstrap):
 * utterances of one speaker are not independent, so resampling utterances would give intervals that
 * are too narrow. Each replicate draws as many speakers as there are, takes all utterances of each
 * drawn speaker (as often as it was drawn), and evaluates the statistic on those items; the
 * interval is the percentile interval of the replicates.
 *
 * <p>Deterministic: speakers are ordered by name and the draws come from a {@link SplittableRandom}
 * with the seed.
 */
public final class SpeakerBootstrap {
  /**
   * The most replicates a run may ask for: a few thousand already give stable percentile ends, and
   * every replicate keeps one double per statistic on the driver, so 10^8 (a typo's worth) would
   * run for hours and exhaust its memory.
   */
  public static final int MAX_REPLICATES = 100_000;

  private final int replicates;
  private final long seed;
  private final double level;

  public SpeakerBootstrap(int replicates, long seed, double level) {
    if (replicates < 1 || replicates > MAX_REPLICATES) {
      throw new IllegalArgumentException(
          "replicates must be in 1.." + MAX_REPLICATES + ", got " + replicates);
    }
    if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0,1)");
    this.replicates = replicates;
    this.seed = seed;
    this.level = level;
  }

  /**
   * @param speakerOfItem the speaker of each item (utterance)
   * @param statistic evaluates the statistic on a multiset of item indices (indices may repeat)
   */
  public Interval interval(String[] speakerOfItem, ToDoubleFunction<int[]> statistic) {
    double estimate = statistic.applyAsDouble(allItems(speakerOfItem.length));
    double[] sorted = replicates(speakerOfItem, statistic);
    if (sorted.length == 0) return new Interval(estimate, Double.NaN, Double.NaN, level);
    double alpha = (1 - level) / 2;
    return new Interval(estimate, quantile(sorted, alpha), quantile(sorted, 1 - alpha), level);
  }

  /**
   * The paired difference {@code a − b} of two statistics of the same items (two systems scored on
   * the same test utterances): every replicate evaluates both on the same resampled speakers, so
   * what the two systems have in common (which speakers are hard) cancels, and the interval is much
   * narrower than comparing two separate intervals. The p-value is the two-sided bootstrap one for
   * "no difference" ({@link PairedDifference#of}).
   */
  public PairedDifference difference(
      String[] speakerOfItem, ToDoubleFunction<int[]> a, ToDoubleFunction<int[]> b) {
    int[] all = allItems(speakerOfItem.length);
    double[] sorted = replicates(speakerOfItem, idx -> a.applyAsDouble(idx) - b.applyAsDouble(idx));
    return PairedDifference.of(a.applyAsDouble(all), b.applyAsDouble(all), sorted, level);
  }

  /**
   * The statistic on each replicate, sorted; replicates where it is undefined (NaN) are left out.
   */
  private double[] replicates(String[] speakerOfItem, ToDoubleFunction<int[]> statistic) {
    Map<String, List<Integer>> bySpeaker = new TreeMap<>();
    for (int i = 0; i < speakerOfItem.length; i++) {
      bySpeaker.computeIfAbsent(speakerOfItem[i], s -> new ArrayList<>()).add(i);
    }
    List<int[]> groups = new ArrayList<>();
    for (List<Integer> g : bySpeaker.values())
      groups.add(g.stream().mapToInt(Integer::intValue).toArray());

    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[replicates];
    int defined = 0;
    for (int r = 0; r < replicates; r++) {
      int size = 0;
      int[] drawn = new int[groups.size()];
      for (int s = 0; s < drawn.length; s++) {
        drawn[s] = random.nextInt(groups.size());
        size += groups.get(drawn[s]).length;
      }
      int[] items = new int[size];
      int p = 0;
      for (int g : drawn) {
        int[] members = groups.get(g);
        System.arraycopy(members, 0, items, p, members.length);
        p += members.length;
      }
      double v = statistic.applyAsDouble(items);
      if (!Double.isNaN(v)) values[defined++] = v;
    }
    double[] sorted = Arrays.copyOf(values, defined);
    Arrays.sort(sorted);
    return sorted;
  }

  private static int[] allItems(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) all[i] = i;
    return all;
  }

  /** Linearly interpolated quantile of sorted values (numpy's default 'linear' method). */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
