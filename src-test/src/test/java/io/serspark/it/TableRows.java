package io.serspark.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sha2;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A table's content for equality checks, independent of its files and partitions. */
final class TableRows {
  private TableRows() {}

  /**
   * All columns, binary {@code pcm16} as its sha256, sorted by the first column (a unique key in
   * our tables).
   */
  static List<Row> of(Dataset<Row> df) {
    Dataset<Row> d = df;
    if (List.of(df.columns()).contains("pcm16")) d = d.withColumn("pcm16", sha2(col("pcm16"), 256));
    return d.orderBy(d.columns()[0]).collectAsList();
  }
}
