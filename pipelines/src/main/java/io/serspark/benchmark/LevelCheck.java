package io.serspark.benchmark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.stddev_pop;

import io.serspark.benchmark.Check.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Recording-level mismatch between corpora: the median eGeMAPS {@code equivalentSoundLevel_dBp} per
 * corpus, raw and after each normalisation of the spec (z-scores over all data, per corpus, per
 * speaker). Corpora recorded at different levels differ in every energy feature; a cross-corpus
 * classifier then learns the corpus, not the emotion, unless the normalisation removes the offset.
 * Thresholds: docs/benchmark.md.
 */
public final class LevelCheck {
  public static final String FEATURE = "equivalentSoundLevel_dBp";

  /**
   * Raw spread of the per-corpus medians (dB) from which cross-corpus cells without per-corpus
   * scaling are flagged.
   */
  public static final double RAW_SPREAD_WARN_DB = 6.0;

  /**
   * Spread of the medians after normalisation (in standard deviations) from which it is flagged.
   */
  public static final double NORMALISED_SPREAD_WARN_SD = 0.5;

  /** Median level per corpus for one normalisation ("raw" in dB, others in SD units). */
  public record Levels(String normalisation, Map<String, Double> medianByCorpus, double spread) {}

  private LevelCheck() {}

  /**
   * @param levels {@code corpus, speaker, level} (the feature, with null/NaN rows already dropped)
   */
  public static List<Levels> levels(Dataset<Row> levels, List<String> normalisations) {
    List<Levels> out = new ArrayList<>();
    out.add(medians("raw (dB)", levels.withColumn("v", col("level"))));
    for (String n : normalisations) {
      Dataset<Row> v =
          switch (n) {
            case "none" -> null;
            case "global" -> zscore(levels, new Column[0]);
            case "per-corpus" -> zscore(levels, new Column[] {col("corpus")});
            case "per-speaker" -> zscore(levels, new Column[] {col("corpus"), col("speaker")});
            default -> throw new IllegalArgumentException(n);
          };
      if (v != null) out.add(medians(n + " (SD)", v));
    }
    return out;
  }

  public static List<Check> checks(List<Levels> levels, List<Cell> cells) {
    List<Check> out = new ArrayList<>();
    if (levels.isEmpty() || levels.get(0).medianByCorpus().size() < 2) return out;
    Levels raw = levels.get(0);
    String rawText = describe(raw, "%.1f dB");
    for (String norm : cells.stream().map(Cell::normalisation).distinct().toList()) {
      List<String> affected =
          cells.stream()
              .filter(
                  c ->
                      c.normalisation().equals(norm)
                          && c.condition().kind() != Condition.Kind.WITHIN)
              .map(Cell::id)
              .toList();
      if (affected.isEmpty()) continue;
      Levels after =
          levels.stream()
              .filter(l -> l.normalisation().startsWith(norm + " "))
              .findFirst()
              .orElse(null);
      boolean rawBad = raw.spread() > RAW_SPREAD_WARN_DB;
      if (norm.equals("none")) {
        out.add(
            new Check(
                rawBad ? Severity.WARN : Severity.OK,
                "recording level",
                "normalisation none",
                "median "
                    + FEATURE
                    + " per corpus: "
                    + rawText
                    + String.format(
                        " (spread %.1f dB%s)",
                        raw.spread(),
                        rawBad
                            ? String.format(
                                " > %.0f dB: cross-corpus cells without normalisation see a level offset",
                                RAW_SPREAD_WARN_DB)
                            : ""),
                rawBad ? affected : List.of()));
        continue;
      }
      boolean bad = after != null && after.spread() > NORMALISED_SPREAD_WARN_SD;
      String msg =
          "median "
              + FEATURE
              + " per corpus: raw "
              + rawText
              + String.format(" (spread %.1f dB)", raw.spread());
      if (after != null) {
        msg +=
            "; after "
                + norm
                + " normalisation "
                + describe(after, "%+.2f SD")
                + String.format(
                    " (spread %.2f SD%s)",
                    after.spread(),
                    bad
                        ? String.format(
                            " > %.1f SD: the level offset between corpora survives %s "
                                + "normalisation; consider per-corpus",
                            NORMALISED_SPREAD_WARN_SD, norm)
                        : "");
      }
      out.add(
          new Check(
              bad ? Severity.WARN : Severity.OK,
              "recording level",
              "normalisation " + norm,
              msg,
              bad ? affected : List.of()));
    }
    return out;
  }

  private static Dataset<Row> zscore(Dataset<Row> levels, Column[] by) {
    Dataset<Row> stats =
        (by.length == 0
            ? levels.agg(avg("level").as("m"), stddev_pop("level").as("s"))
            : levels.groupBy(by).agg(avg("level").as("m"), stddev_pop("level").as("s")));
    Dataset<Row> joined =
        by.length == 0
            ? levels.crossJoin(stats)
            : by.length == 1
                ? levels.join(stats, "corpus")
                : levels.join(
                    stats,
                    scala.jdk.javaapi.CollectionConverters.asScala(List.of("corpus", "speaker"))
                        .toSeq());
    return joined.withColumn("v", expr("CASE WHEN s > 0 THEN (level - m) / s ELSE 0.0 END"));
  }

  private static Levels medians(String name, Dataset<Row> v) {
    Map<String, Double> m = new TreeMap<>();
    for (Row r : v.groupBy("corpus").agg(expr("percentile(v, 0.5)").as("med")).collectAsList()) {
      m.put(r.getString(0), r.getDouble(1));
    }
    double lo = m.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = m.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return new Levels(name, new LinkedHashMap<>(m), hi - lo);
  }

  private static String describe(Levels l, String fmt) {
    List<String> parts = new ArrayList<>();
    l.medianByCorpus().forEach((c, v) -> parts.add(c + " " + String.format(fmt, v)));
    return String.join(", ", parts);
  }
}
