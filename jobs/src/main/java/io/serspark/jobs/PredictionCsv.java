package io.serspark.jobs;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What predict's two CSVs (predictions.csv and a trajectory per long file) share: one {@code
 * score_<class>} column per class in the model's label order, and fields quoted as a spreadsheet
 * reads them.
 */
final class PredictionCsv {
  private PredictionCsv() {}

  static void scoreHeader(StringBuilder b, List<String> labels) {
    for (String l : labels) b.append(",score_").append(l);
  }

  /** The row's {@code scores} array, one column per class. */
  static void scores(StringBuilder b, Row r) {
    for (Object s : r.getList(r.fieldIndex("scores"))) b.append(',').append(s);
  }

  /** Empty for null; quoted when it holds a comma, a quote or a line break. */
  static String field(Object v) {
    if (v == null) return "";
    String s = v.toString();
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}
