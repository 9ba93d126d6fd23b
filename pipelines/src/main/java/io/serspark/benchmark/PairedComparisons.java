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
 * Is a leaderboard column's best system really better than the others? Two systems scored on the same test
 * utterances share most of their sampling noise (the same speakers are hard for both), so whether their two
 * separate confidence intervals overlap says little. For every test condition and metric this compares the best
 * valid cell with each other valid cell on the utterances both predicted, by a paired speaker bootstrap of the
 * difference (best − other; the same resampled speakers for both), and corrects the p-values of one column for
 * testing several systems at once (Holm). A difference is significant when its adjusted p-value is below 5 %.
 */
public final class PairedComparisons {
  public static final List<String> METRICS = List.of("macro_f1", "uar", "wa");
  public static final double LEVEL = 0.95;

  /**
   * One comparison: the column's best cell against another on {@code items} shared test utterances of
   * {@code speakers} speakers. {@code delta} = best − other on those utterances, {@code lower..upper} its 95 %
   * paired speaker-bootstrap interval, {@code p} the bootstrap p-value, {@code pHolm} corrected over the column.
   */
  public record Pair(String conditionId, String condition, String metric, String bestCellId, String bestSystem, String cellId,
      String system, int items, int speakers, double best, double other, double delta, double lower, double upper,
      double p, double pHolm, boolean significant) {}

  private PairedComparisons() {}

  /** Every comparison of the outcome's cells; none when the spec turns the bootstrap off. */
  public static List<Pair> of(BenchmarkOutcome o) {
    int resamples = o.spec().bootstrapResamples();
    if (resamples < 1) return List.of();
    SpeakerBootstrap bootstrap = new SpeakerBootstrap(resamples, o.spec().seed(), LEVEL);
    Map<String, List<Cell>> byCondition = new LinkedHashMap<>();
    for (Cell c : o.cells()) {
      if (!o.invalid(c) && o.resultOf(c).evaluation().predictions() != null) {
        byCondition.computeIfAbsent(c.condition().id(), k -> new ArrayList<>()).add(c);
      }
    }
    List<Pair> out = new ArrayList<>();
    for (List<Cell> cells : byCondition.values()) {
      if (cells.size() < 2) continue;
      for (String metric : METRICS) out.addAll(column(o, cells, metric, bootstrap));
    }
    return out;
  }

  private static List<Pair> column(BenchmarkOutcome o, List<Cell> cells, String metric, SpeakerBootstrap bootstrap) {
    Cell best = cells.get(0);
    for (Cell c : cells) {
      if (value(o, c, metric) > value(o, best, metric)) best = c; // ties: the first in plan order
    }
    List<Pair> raw = new ArrayList<>();
    for (Cell c : cells) {
      if (c == best) continue;
      Pair p = compare(o, best, c, metric, bootstrap);
      if (p != null) raw.add(p);
    }
    double[] adjusted = Holm.adjust(raw.stream().mapToDouble(Pair::p).toArray());
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Pair p = raw.get(i);
      out.add(new Pair(p.conditionId(), p.condition(), p.metric(), p.bestCellId(), p.bestSystem(), p.cellId(), p.system(), p.items(),
          p.speakers(), p.best(), p.other(), p.delta(), p.lower(), p.upper(), p.p(), adjusted[i],
          adjusted[i] < 1 - LEVEL));
    }
    return out;
  }

  /** The two cells on the test utterances both predicted (normally all of them); null when they share none. */
  private static Pair compare(BenchmarkOutcome o, Cell best, Cell other, String metric, SpeakerBootstrap bootstrap) {
    Evaluation eb = o.resultOf(best).evaluation();
    Evaluation eo = o.resultOf(other).evaluation();
    TestPredictions pb = eb.predictions();
    TestPredictions po = eo.predictions();
    Map<String, Integer> inOther = new HashMap<>();
    for (int i = 0; i < po.size(); i++) inOther.put(po.utteranceIds().get(i), i);
    List<Integer> b = new ArrayList<>();
    List<Integer> x = new ArrayList<>();
    for (int i = 0; i < pb.size(); i++) {
      Integer j = inOther.get(pb.utteranceIds().get(i));
      if (j != null) {
        b.add(i);
        x.add(j);
      }
    }
    if (b.isEmpty()) return null;
    String[] speakers = new String[b.size()];
    for (int n = 0; n < speakers.length; n++) speakers[n] = pb.speakers().get(b.get(n));
    ToDoubleFunction<int[]> sb = statistic(metric, eb.labels().size(), pb, b);
    ToDoubleFunction<int[]> so = statistic(metric, eo.labels().size(), po, x);
    PairedDifference d = bootstrap.difference(speakers, sb, so);
    int[] all = new int[b.size()];
    for (int n = 0; n < all.length; n++) all[n] = n;
    return new Pair(best.condition().id(), best.condition().label(), metric, best.id(), best.system(), other.id(), other.system(), b.size(),
        new HashSet<>(List.of(speakers)).size(), sb.applyAsDouble(all), so.applyAsDouble(all), d.estimate(),
        d.lower(), d.upper(), d.pValue(), Double.NaN, false);
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
      int[] t = new int[idx.length];
      int[] q = new int[idx.length];
      for (int n = 0; n < idx.length; n++) {
        t[n] = truth[idx[n]];
        q[n] = predicted[idx[n]];
      }
      ConfusionMatrix cm = ConfusionMatrix.of(k, t, q);
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
