package io.serspark.benchmark;

import io.serspark.metrics.ConfusionMatrix;
import io.serspark.metrics.Holm;
import io.serspark.metrics.JointSpeakerBootstrap;
import io.serspark.metrics.PairedDifference;
import io.serspark.metrics.SpeakerBootstrap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Paired tests between cells tested on the same utterances. Two systems scored on the same test
 * utterances share most of their sampling noise (the same speakers are hard for both), so whether
 * their two separate confidence intervals overlap says little. Each comparison is a paired speaker
 * bootstrap of the difference on the utterances both cells predicted (the same resampled speakers
 * for both), and the p-values of one family of comparisons are corrected together (Holm); a
 * difference is significant when its adjusted p-value is below 5 %. Two kinds of family, per
 * metric:
 *
 * <ul>
 *   <li>{@link #BEST}, per test condition: is the column's best valid cell better than each other
 *       valid cell? And for the leaderboard's mean column ({@link #MEAN}): is the system with the
 *       best mean over its conditions better than each other system with the same conditions? There
 *       the speakers of every test set are drawn again together ({@link JointSpeakerBootstrap}:
 *       test sets of the same corpus share one draw).
 *   <li>each {@code compare} entry of the spec ({@link BenchmarkSpec.Contrast}): the cells that
 *       differ only in the contrasted choice, first against second, in every condition and
 *       combination of the other choices.
 * </ul>
 */
public final class PairedComparisons {
  public static final List<String> METRICS = List.of("macro_f1", "uar", "wa");
  public static final double LEVEL = 0.95;

  /** The family of each condition's best cell against the others. */
  public static final String BEST = "best";

  /**
   * The condition of the comparisons of systems' means over their conditions (family {@link
   * #BEST}).
   */
  public static final String MEAN = "mean";

  /**
   * One comparison in {@code family} ({@link #BEST} or a contrast's label): cell {@code
   * firstCellId} against {@code secondCellId} on {@code items} shared test utterances of {@code
   * speakers} speakers. {@code delta} = first − second on those utterances, {@code lower..upper}
   * its 95 % paired speaker-bootstrap interval (not adjusted), {@code p} the bootstrap p-value,
   * {@code pHolm} corrected over the family. For the mean column ({@code conditionId} {@link
   * #MEAN}) the cell ids are {@code mean:<system>} and the utterances those of every condition.
   */
  public record Pair(
      String family,
      String conditionId,
      String condition,
      String metric,
      String firstCellId,
      String firstSystem,
      String secondCellId,
      String secondSystem,
      int items,
      int speakers,
      double first,
      double second,
      double delta,
      double lower,
      double upper,
      double p,
      double pHolm,
      boolean significant) {}

  private PairedComparisons() {}

  /**
   * Every comparison of the outcome's cells: the {@link #BEST} families, then the spec's contrasts.
   */
  public static List<Pair> of(BenchmarkOutcome o) {
    int resamples = o.spec().bootstrapResamples();
    if (resamples < 1) return List.of();
    SpeakerBootstrap bootstrap = new SpeakerBootstrap(resamples, o.spec().seed(), LEVEL);
    List<Cell> usable =
        o.cells().stream()
            .filter(c -> !o.invalid(c) && o.resultOf(c).evaluation().predictions() != null)
            .toList();
    Map<String, List<Cell>> byCondition = new LinkedHashMap<>();
    for (Cell c : usable)
      byCondition.computeIfAbsent(c.condition().id(), k -> new ArrayList<>()).add(c);
    List<Pair> out = new ArrayList<>();
    for (List<Cell> cells : byCondition.values()) {
      if (cells.size() < 2) continue;
      for (String metric : METRICS) {
        Cell best = cells.get(0);
        for (Cell c : cells) {
          if (value(o, c, metric) > value(o, best, metric))
            best = c; // ties: the first in plan order
        }
        List<Pair> raw = new ArrayList<>();
        for (Cell c : cells)
          if (c != best) addIfShared(raw, compare(o, BEST, best, c, metric, bootstrap));
        out.addAll(holm(raw));
      }
    }
    out.addAll(means(o, usable, new JointSpeakerBootstrap(resamples, o.spec().seed(), LEVEL)));
    for (BenchmarkSpec.Contrast contrast : o.spec().compare()) {
      List<Cell[]> pairs = new ArrayList<>();
      for (Cell a : usable) {
        if (!contrast.valueOf(a).equals(contrast.first())) continue;
        usable.stream()
            .filter(
                b -> contrast.valueOf(b).equals(contrast.second()) && sameOtherwise(contrast, a, b))
            .findFirst()
            .ifPresent(b -> pairs.add(new Cell[] {a, b}));
      }
      for (String metric : METRICS) {
        List<Pair> raw = new ArrayList<>();
        for (Cell[] ab : pairs)
          addIfShared(raw, compare(o, contrast.label(), ab[0], ab[1], metric, bootstrap));
        out.addAll(holm(raw));
      }
    }
    return out;
  }

  /**
   * The mean column: per metric, the system with the best mean over its valid cells (as the
   * leaderboard ranks them) against each other system with valid cells in the same conditions.
   */
  private static List<Pair> means(
      BenchmarkOutcome o, List<Cell> usable, JointSpeakerBootstrap bootstrap) {
    Map<String, List<Cell>> bySystem = new LinkedHashMap<>();
    for (Cell c : usable) bySystem.computeIfAbsent(c.system(), k -> new ArrayList<>()).add(c);
    if (bySystem.size() < 2) return List.of();
    List<Pair> out = new ArrayList<>();
    for (String metric : METRICS) {
      String best = null;
      double bestMean = Double.NEGATIVE_INFINITY;
      for (var e : bySystem.entrySet()) {
        double m =
            e.getValue().stream()
                .mapToDouble(c -> value(o, c, metric))
                .average()
                .orElse(Double.NaN);
        if (m > bestMean) { // ties: the first in plan order
          bestMean = m;
          best = e.getKey();
        }
      }
      List<Pair> raw = new ArrayList<>();
      for (var e : bySystem.entrySet()) {
        if (e.getKey().equals(best)) continue;
        addIfShared(raw, compareMeans(o, bySystem.get(best), e.getValue(), metric, bootstrap));
      }
      out.addAll(holm(raw));
    }
    return out;
  }

  /**
   * Two systems' means over the same conditions; null when their conditions differ or share no
   * utterance.
   */
  private static Pair compareMeans(
      BenchmarkOutcome o,
      List<Cell> first,
      List<Cell> second,
      String metric,
      JointSpeakerBootstrap bootstrap) {
    if (first.size() != second.size()) return null;
    List<List<String>> speakers = new ArrayList<>();
    List<int[][]> sets1 =
        new ArrayList<>(); // per test set: speaker index, truth, predicted of each shared item
    List<int[][]> sets2 = new ArrayList<>();
    int[] k1 = new int[first.size()];
    int[] k2 = new int[first.size()];
    int items = 0;
    Set<String> allSpeakers = new HashSet<>();
    for (int t = 0; t < first.size(); t++) {
      Cell a = first.get(t);
      Cell b =
          second.stream().filter(c -> c.condition().equals(a.condition())).findFirst().orElse(null);
      if (b == null) return null;
      TestPredictions pa = o.resultOf(a).evaluation().predictions();
      TestPredictions pb = o.resultOf(b).evaluation().predictions();
      List<Integer>[] rows = shared(pa, pb);
      if (rows[0].isEmpty()) return null;
      List<String> spk = new ArrayList<>();
      for (int r : rows[0]) spk.add(pa.speakers().get(r));
      List<String> sorted = JointSpeakerBootstrap.sortedSpeakers(spk);
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < sorted.size(); i++) index.put(sorted.get(i), i);
      int[][] s1 = new int[3][rows[0].size()];
      int[][] s2 = new int[3][rows[0].size()];
      for (int n = 0; n < rows[0].size(); n++) {
        s1[0][n] = s2[0][n] = index.get(spk.get(n));
        s1[1][n] = pa.truth()[rows[0].get(n)];
        s1[2][n] = pa.predicted()[rows[0].get(n)];
        s2[1][n] = pb.truth()[rows[1].get(n)];
        s2[2][n] = pb.predicted()[rows[1].get(n)];
      }
      speakers.add(sorted);
      sets1.add(s1);
      sets2.add(s2);
      k1[t] = o.resultOf(a).evaluation().labels().size();
      k2[t] = o.resultOf(b).evaluation().labels().size();
      items += rows[0].size();
      allSpeakers.addAll(sorted);
    }
    ToDoubleFunction<int[][]> m1 = weightedMean(metric, k1, sets1);
    ToDoubleFunction<int[][]> m2 = weightedMean(metric, k2, sets2);
    PairedDifference d = bootstrap.difference(speakers, m1, m2);
    String s1 = first.get(0).system();
    String s2 = second.get(0).system();
    return new Pair(
        BEST,
        MEAN,
        MEAN,
        metric,
        MEAN + ":" + s1,
        s1,
        MEAN + ":" + s2,
        s2,
        items,
        allSpeakers.size(),
        d.a(),
        d.b(),
        d.estimate(),
        d.lower(),
        d.upper(),
        d.pValue(),
        Double.NaN,
        false);
  }

  /**
   * The metric averaged over test sets, each utterance counted as often as its speaker was drawn.
   */
  private static ToDoubleFunction<int[][]> weightedMean(
      String metric, int[] k, List<int[][]> sets) {
    return counts -> {
      double sum = 0;
      for (int t = 0; t < sets.size(); t++) {
        int[][] s = sets.get(t);
        long[][] cm = new long[k[t]][k[t]];
        for (int n = 0; n < s[0].length; n++) cm[s[1][n]][s[2][n]] += counts[t][s[0][n]];
        sum += metric(metric, ConfusionMatrix.ofCounts(cm));
      }
      return sum / sets.size();
    };
  }

  private static void addIfShared(List<Pair> raw, Pair p) {
    if (p != null) raw.add(p);
  }

  /** The family's p-values corrected together (Holm), and the verdicts. */
  private static List<Pair> holm(List<Pair> raw) {
    double[] adjusted = Holm.adjust(raw.stream().mapToDouble(Pair::p).toArray());
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Pair p = raw.get(i);
      out.add(
          new Pair(
              p.family(),
              p.conditionId(),
              p.condition(),
              p.metric(),
              p.firstCellId(),
              p.firstSystem(),
              p.secondCellId(),
              p.secondSystem(),
              p.items(),
              p.speakers(),
              p.first(),
              p.second(),
              p.delta(),
              p.lower(),
              p.upper(),
              p.p(),
              adjusted[i],
              adjusted[i] < 1 - LEVEL));
    }
    return out;
  }

  /**
   * Row indices of the utterances both predicted: [0] into {@code a}, [1] into {@code b}, in {@code
   * a}'s order.
   */
  @SuppressWarnings("unchecked")
  private static List<Integer>[] shared(TestPredictions a, TestPredictions b) {
    Map<String, Integer> inB = new HashMap<>();
    for (int i = 0; i < b.size(); i++) inB.put(b.utteranceIds().get(i), i);
    List<Integer> ra = new ArrayList<>();
    List<Integer> rb = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      Integer j = inB.get(a.utteranceIds().get(i));
      if (j != null) {
        ra.add(i);
        rb.add(j);
      }
    }
    return new List[] {ra, rb};
  }

  /** Whether two cells agree on everything but the contrasted dimension. */
  private static boolean sameOtherwise(BenchmarkSpec.Contrast contrast, Cell a, Cell b) {
    return a.condition().equals(b.condition())
        && BenchmarkSpec.CONTRAST_DIMENSIONS.stream()
            .filter(d -> !d.equals(contrast.dimension()))
            .allMatch(
                d -> BenchmarkSpec.Contrast.value(d, a).equals(BenchmarkSpec.Contrast.value(d, b)));
  }

  /**
   * The two cells on the test utterances both predicted (normally all of them); null when they
   * share none.
   */
  private static Pair compare(
      BenchmarkOutcome o,
      String family,
      Cell first,
      Cell second,
      String metric,
      SpeakerBootstrap bootstrap) {
    Evaluation e1 = o.resultOf(first).evaluation();
    Evaluation e2 = o.resultOf(second).evaluation();
    TestPredictions p1 = e1.predictions();
    TestPredictions p2 = e2.predictions();
    List<Integer>[] rows = shared(p1, p2);
    List<Integer> rows1 = rows[0];
    List<Integer> rows2 = rows[1];
    if (rows1.isEmpty()) return null;
    String[] speakers = new String[rows1.size()];
    for (int n = 0; n < speakers.length; n++) speakers[n] = p1.speakers().get(rows1.get(n));
    ToDoubleFunction<int[]> s1 = statistic(metric, e1.labels().size(), p1, rows1);
    ToDoubleFunction<int[]> s2 = statistic(metric, e2.labels().size(), p2, rows2);
    PairedDifference d = bootstrap.difference(speakers, s1, s2);
    return new Pair(
        family,
        first.condition().id(),
        first.condition().label(),
        metric,
        first.id(),
        first.system(),
        second.id(),
        second.system(),
        speakers.length,
        new HashSet<>(List.of(speakers)).size(),
        d.a(),
        d.b(),
        d.estimate(),
        d.lower(),
        d.upper(),
        d.pValue(),
        Double.NaN,
        false);
  }

  /**
   * The metric on a multiset of positions into {@code rows} (which select the cell's predictions).
   */
  private static ToDoubleFunction<int[]> statistic(
      String metric, int k, TestPredictions p, List<Integer> rows) {
    int[] truth = new int[rows.size()];
    int[] predicted = new int[rows.size()];
    for (int n = 0; n < truth.length; n++) {
      truth[n] = p.truth()[rows.get(n)];
      predicted[n] = p.predicted()[rows.get(n)];
    }
    return idx -> {
      long[][] counts =
          new long[k][k]; // counted directly: one replicate of a large test set is many utterances
      for (int n : idx) counts[truth[n]][predicted[n]]++;
      return metric(metric, ConfusionMatrix.ofCounts(counts));
    };
  }

  private static double metric(String metric, ConfusionMatrix cm) {
    return switch (metric) {
      case "macro_f1" -> cm.macroF1();
      case "uar" -> cm.uar();
      case "wa" -> cm.wa();
      default -> throw new IllegalArgumentException("unknown metric " + metric);
    };
  }

  private static double value(BenchmarkOutcome o, Cell c, String metric) {
    Evaluation e = o.resultOf(c).evaluation();
    return switch (metric) {
      case "macro_f1" -> e.macroF1().value();
      case "uar" -> e.uar().value();
      case "wa" -> e.wa().value();
      default -> throw new IllegalArgumentException("unknown metric " + metric);
    };
  }
}
