package io.serspark.benchmark;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.serspark.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.StructType;

/**
 * One row per cell: what it is, what it scored (macro-F1, UAR, WA with CIs), the confusion matrix,
 * how it was produced (cache key, input hash, cached or computed, seconds) and its check counts.
 * Written as {@code results.parquet}, {@code results.csv} and {@code results.json}; the JSON is
 * what {@code --compare-to} reads. The paired comparisons of each condition's best cell with the
 * others go to {@code paired.csv} and the JSON's {@code paired} list.
 */
public final class ResultsTable {
  public static final StructType SCHEMA =
      new StructType()
          .add("benchmark", StringType)
          .add("run_id", StringType)
          .add("cell_id", StringType)
          .add("system", StringType)
          .add("feature_set", StringType)
          .add("classifier", StringType)
          .add("normalisation", StringType)
          .add("condition", StringType)
          .add("condition_kind", StringType)
          .add("train", StringType)
          .add("test", StringType)
          .add("macro_f1", DoubleType)
          .add("macro_f1_lo", DoubleType)
          .add("macro_f1_hi", DoubleType)
          .add("uar", DoubleType)
          .add("uar_lo", DoubleType)
          .add("uar_hi", DoubleType)
          .add("wa", DoubleType)
          .add("wa_lo", DoubleType)
          .add("wa_hi", DoubleType)
          .add("n_train", LongType)
          .add("n_test", LongType)
          .add("labels", StringType)
          .add("confusion", StringType)
          .add("errors", LongType)
          .add("warnings", LongType)
          .add("cache_key", StringType)
          .add("input_hash", StringType)
          .add("cached", BooleanType)
          .add("seconds", DoubleType);

  private ResultsTable() {}

  public static List<Map<String, Object>> rows(BenchmarkOutcome o) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Cell c : o.cells()) {
      CellResult r = o.resultOf(c);
      Evaluation e = r.evaluation();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("benchmark", o.spec().name());
      m.put("run_id", o.run().runId());
      m.put("cell_id", c.id());
      m.put("system", c.system());
      m.put("feature_set", c.features().id());
      m.put("classifier", c.classifier().id());
      m.put("normalisation", c.normalisation());
      m.put("condition", c.condition().id());
      m.put("condition_kind", c.condition().kind().name().toLowerCase());
      m.put("train", String.join("+", c.condition().train()));
      m.put("test", c.condition().test());
      put(m, "macro_f1", e.macroF1());
      put(m, "uar", e.uar());
      put(m, "wa", e.wa());
      m.put("n_train", e.nTrain());
      m.put("n_test", e.nTest());
      m.put("labels", String.join(",", e.labels()));
      try {
        m.put(
            "confusion",
            RunFolder.JSON
                .writer()
                .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(e.confusion()));
      } catch (JsonProcessingException ex) {
        throw new IllegalStateException(ex);
      }
      m.put(
          "errors",
          o.checks().stream()
              .filter(
                  k -> k.severity() == Check.Severity.ERROR && k.affectedCells().contains(c.id()))
              .count());
      m.put(
          "warnings",
          o.checks().stream()
              .filter(
                  k -> k.severity() == Check.Severity.WARN && k.affectedCells().contains(c.id()))
              .count());
      m.put("cache_key", r.cacheKey());
      m.put("input_hash", r.inputHash());
      m.put("cached", r.cached());
      m.put("seconds", r.seconds());
      out.add(m);
    }
    return out;
  }

  /**
   * Writes results.parquet (Spark, staged then swapped in), results.csv and results.json into the
   * run folder.
   */
  public static void write(BenchmarkOutcome o, Warehouse warehouse) {
    List<Map<String, Object>> rows = rows(o);
    List<Row> sparkRows = new ArrayList<>();
    for (Map<String, Object> m : rows) sparkRows.add(RowFactory.create(m.values().toArray()));
    String staging = o.run().uri("_staging-results.parquet");
    warehouse
        .spark()
        .createDataFrame(sparkRows, SCHEMA)
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(staging);
    try {
      var fs = o.run().fs();
      Path target = new Path(o.run().uri("results.parquet"));
      if (fs.exists(target)) fs.delete(target, true);
      if (!fs.rename(new Path(staging), target)) throw new IOException("cannot rename " + staging);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    o.run().writeString("results.csv", csv(rows));
    List<Map<String, Object>> paired = pairedRows(o);
    o.run().writeString("paired.csv", csv(PAIRED_COLUMNS, paired));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", o.spec().name());
    json.put("run_id", o.run().runId());
    json.put("cells", rows);
    json.put("paired", paired);
    o.run().writeJson("results.json", json);
  }

  static final List<String> PAIRED_COLUMNS =
      List.of(
          "family",
          "condition",
          "metric",
          "first_cell_id",
          "first_system",
          "second_cell_id",
          "second_system",
          "items",
          "speakers",
          "first",
          "second",
          "delta",
          "delta_lo",
          "delta_hi",
          "p",
          "p_holm",
          "significant");

  /** One row per paired comparison ({@link PairedComparisons}), columns {@link #PAIRED_COLUMNS}. */
  public static List<Map<String, Object>> pairedRows(BenchmarkOutcome o) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (PairedComparisons.Pair p : o.paired()) {
      Object[] values = {
        p.family(),
        p.conditionId(),
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
        p.pHolm(),
        p.significant()
      };
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < values.length; i++) m.put(PAIRED_COLUMNS.get(i), values[i]);
      out.add(m);
    }
    return out;
  }

  static String csv(List<Map<String, Object>> rows) {
    return csv(List.of(SCHEMA.fieldNames()), rows);
  }

  private static String csv(List<String> header, List<Map<String, Object>> rows) {
    StringBuilder b = new StringBuilder();
    b.append(String.join(",", header)).append('\n');
    for (Map<String, Object> m : rows) {
      List<String> cells = new ArrayList<>();
      for (Object v : m.values()) cells.add(csvField(v));
      b.append(String.join(",", cells)).append('\n');
    }
    return b.toString();
  }

  private static String csvField(Object v) {
    String s =
        v == null
            ? ""
            : v instanceof Double d
                ? String.format(java.util.Locale.ROOT, "%.6f", d)
                : v.toString();
    if (s.contains(",") || s.contains("\"") || s.contains("\n"))
      return "\"" + s.replace("\"", "\"\"") + "\"";
    return s;
  }

  private static void put(Map<String, Object> m, String name, Metric x) {
    m.put(name, x.value());
    m.put(name + "_lo", x.lo());
    m.put(name + "_hi", x.hi());
  }
}
