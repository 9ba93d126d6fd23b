package io.serspark.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How rows are laid out in files: by a hash of a key column into a fixed number of files per
 * corpus, sorted by that key inside each file. The same rows thus give the same files whatever
 * partitioning produced them (DESIGN.md: deterministic whatever the partitioning, executor count or
 * local vs cluster).
 */
public final class TableLayout {
  private TableLayout() {}

  public static Dataset<Row> byCorpus(
      Dataset<Row> df, String keyColumn, int filesPerCorpus, int corpora) {
    var bucket = pmod(xxhash64(col(keyColumn)), lit(filesPerCorpus));
    return df.repartition(Math.max(1, filesPerCorpus * Math.max(1, corpora)), col("corpus"), bucket)
        .sortWithinPartitions("corpus", keyColumn);
  }
}
