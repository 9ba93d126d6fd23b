package io.serspark.benchmark;

import io.serspark.metrics.ConfusionMatrix;
import io.serspark.metrics.Holm;
import io.serspark.metrics.PairedDifference;
import io.serspark.metrics.SpeakerBootstrap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Paired tests between cells tested on the same utterances. Two systems scored on the same test utterances share
 * most of their sampling noise (the same speakers are hard for both), so whether their two separate confidence
 * intervals overlap says little. Each comparison is a paired speaker bootstrap of the difference on the utterances
 * both cells predicted (the same resampled speakers for both), and the p-values of one family of comparisons are
 * corrected together (Holm); a difference is significant when its adjusted p-value is below 5 %. Two kinds of
 * family, per metric:
 * <ul>
 *   <li>{@link #BEST}, per test condition: is the column's best valid cell better than each other valid cell?
 *   <li>each {@code compare} entry of the spec ({@link BenchmarkSpec.Contrast}): the cells that differ only in the
 *       contrasted choice, first against second, in every condition and combination of the other choices.
 * </ul>
 */
public final class PairedComparisons {
  public static final List<String> METRICS = List.of("macro_f1", "uar", "wa");
  public static final double LEVEL = 0.95;
  /** The family of each condition's best cell against the others. */
  public static final String BEST = "best";

  /**
   * One comparison in {@code family} ({@link #BEST} or a contrast's label): cell {@code firstCellId} against
   * {@code secondCellId} on {@code items} shared test utterances of {@code speakers} speakers. {@code delta} =
   * first − second on those utterances, {@code lower..upper} its 95 % paired speaker-bootstrap interval (not
   * adjusted), {@code p} the bootstrap p-value, {@code pHolm} corrected over the family.
   */
  public record Pair(String family, String conditionId, String condition, String metric, String firstCellId,
      String firstSystem, String secondCellId, String secondSystem, int items, int speakers, double first,
      double second, double delta, double lower, double upper, double p, double pHolm, boolean significant) {}

  private PairedComparisons() {}

  /** Every comparison of the outcome's cells: the {@link #BEST} families, then the spec's contrasts. */
  public static List<Pair> of(BenchmarkOutcome o) {
    int resamples = o.spec().bootstrapResamples();
    if (resamples < 1) return List.of();
    SpeakerBootstrap bootstrap = new SpeakerBootstrap(resamples, o.spec().seed(), LEVEL);
    List<Cell> usable = o.cells().stream()
        .filter(c -> !o.invalid(c) && o.resultOf(c).evaluation().predictions() != null).toList();
    Map<String, List<Cell>> byCondition = new LinkedHashMap<>();
    for (Cell c : usable) byCondition.computeIfAbsent(c.condition().id(), k -> new ArrayList<>()).add(c);
    List<Pair> out = new ArrayList<>();
    for (List<Cell> cells : byCondition.values()) {
      if (cells.size() < 2) continue;
      for (String metric : METRICS) {
        Cell best = cells.get(0);
        for (Cell c : cells) {
          if (value(o, c, metric) > value(o, best, metric)) best = c; // ties: the first in plan order
        }
        List<Cell[]> pairs = new ArrayList<>();
        for (Cell c : cells) if (c != best) pairs.add(new Cell[] {best, c});
        out.addAll(family(o, BEST, pairs, metric, bootstrap));
      }
    }
    for (BenchmarkSpec.Contrast contrast : o.spec().compare()) {
      List<Cell[]> pairs = new ArrayList<>();
      for (Cell a : usable) {
        if (!contrast.valueOf(a).equals(contrast.first())) continue;
        usable.stream().filter(b -> contrast.valueOf(b).equals(contrast.second()) && sameOtherwise(contrast, a, b))
            .findFirst().ifPresent(b -> pairs.add(new Cell[] {a, b}));
      }
      for (String metric : METRICS) out.addAll(family(o, contrast.label(), pairs, metric, bootstrap));
    }
    return out;
  }

  /** Whether two cells agree on everything but the contrasted dimension. */
  private static boolean sameOtherwise(BenchmarkSpec.Contrast contrast, Cell a, Cell b) {
    return a.condition().equals(b.condition())
        && (contrast.dimension().equals("features") || a.features().id().equals(b.features().id()))
        && (contrast.dimension().equals("classifiers") || a.classifier().id().equals(b.classifier().id()))
        && (contrast.dimension().equals("normalisation") || a.normalisation().equals(b.normalisation()));
  }

  /** Compares each pair (first, second) and corrects the family's p-values together. */
  private static List<Pair> family(BenchmarkOutcome o, String family, List<Cell[]> pairs, String metric,
      SpeakerBootstrap bootstrap) {
    List<Pair> raw = new ArrayList<>();
    for (Cell[] ab : pairs) {
      Pair p = compare(o, family, ab[0], ab[1], metric, bootstrap);
      if (p != null) raw.add(p);
    }
    double[] adjusted = Holm.adjust(raw.stream().mapToDouble(Pair::p).toArray());
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Pair p = raw.get(i);
      out.add(new Pair(p.family(), p.conditionId(), p.condition(), p.metric(), p.firstCellId(), p.firstSystem(),
          p.secondCellId(), p.secondSystem(), p.items(), p.speakers(), p.first(), p.second(), p.delta(), p.lower(),
          p.upper(), p.p(), adjusted[i], adjusted[i] < 1 - LEVEL));
    }
    return out;
  }

  /** The two cells on the test utterances both predicted (normally all of them); null when they share none. */
  private static Pair compare(BenchmarkOutcome o, String family, Cell first, Cell second, String metric,
      SpeakerBootstrap bootstrap) {
    Evaluation e1 = o.resultOf(first).evaluation();
    Evaluation e2 = o.resultOf(second).evaluation();
    TestPredictions p1 = e1.predictions();
    TestPredictions p2 = e2.predictions();
    Map<String, Integer> inSecond = new HashMap<>();
    for (int i = 0; i < p2.size(); i++) inSecond.put(p2.utteranceIds().get(i), i);
    List<Integer> rows1 = new ArrayList<>();
    List<Integer> rows2 = new ArrayList<>();
    for (int i = 0; i < p1.size(); i++) {
      Integer j = inSecond.get(p1.utteranceIds().get(i));
      if (j != null) {
        rows1.add(i);
        rows2.add(j);
      }
    }
    if (rows1.isEmpty()) return null;
    String[] speakers = new String[rows1.size()];
    for (int n = 0; n < speakers.length; n++) speakers[n] = p1.speakers().get(rows1.get(n));
    ToDoubleFunction<int[]> s1 = statistic(metric, e1.labels().size(), p1, rows1);
    ToDoubleFunction<int[]> s2 = statistic(metric, e2.labels().size(), p2, rows2);
    PairedDifference d = bootstrap.difference(speakers, s1, s2);
    int[] all = new int[speakers.length];
    for (int n = 0; n < all.length; n++) all[n] = n;
    return new Pair(family, first.condition().id(), first.condition().label(), metric, first.id(), first.system(),
        second.id(), second.system(), speakers.length, new HashSet<>(List.of(speakers)).size(), s1.applyAsDouble(all),
        s2.applyAsDouble(all), d.estimate(), d.lower(), d.upper(), d.pValue(), Double.NaN, false);
  }

  /** The metric on a multiset of positions into {@code rows} (which select the cell's predictions). */
  private static ToDoubleFunction<int[]> statistic(String metric, int k, TestPredictions p, List<Integer> rows) {
    int[] truth = new int[rows.size()];
    int[] predicted = new int[rows.size()];
    for (int n = 0; n < truth.length; n++) {
      truth[n] = p.truth()[rows.get(n)];
      predicted[n] = p.predicted()[rows.get(n)];
    }
    return idx -> {
      long[][] counts = new long[k][k]; // counted directly: one replicate of a large test set is many utterances
      for (int n : idx) counts[truth[n]][predicted[n]]++;
      ConfusionMatrix cm = ConfusionMatrix.ofCounts(counts);
      return switch (metric) {
        case "macro_f1" -> cm.macroF1();
        case "uar" -> cm.uar();
        case "wa" -> cm.wa();
        default -> throw new IllegalArgumentException("unknown metric " + metric);
      };
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
