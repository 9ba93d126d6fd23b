package io.serspark.warehouse;

import io.serspark.config.ConfigException;
import io.serspark.hadoop.FileListing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A warehouse of Parquet tables under one root (a local path or any Hadoop URI). Table names are relative paths
 * ({@code utterances}, {@code features/egemaps_v02}, {@code embeddings/tiny}).
 *
 * <p>Writes are atomic for readers: a job writes to {@code _staging/<table>-<uuid>} and swaps it in at the end
 * (rename the old table aside, rename the new one in, delete the old). A job killed before the swap leaves the
 * previous complete table and a staging folder that the next write removes.
 */
public final class Warehouse {
  private final SparkSession spark;
  private final Path root;

  private Warehouse(SparkSession spark, Path root) {
    this.spark = spark;
    this.root = root;
  }

  public static Warehouse open(SparkSession spark, String uri) {
    if (uri == null || uri.isBlank()) throw new ConfigException("--warehouse is empty: give a folder or a Hadoop URI");
    Path p = new Path(uri);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path q = fs.makeQualified(p);
      if (fs.exists(q) && !fs.getFileStatus(q).isDirectory()) {
        throw new ConfigException("--warehouse " + uri + " is a file, not a folder");
      }
      return new Warehouse(spark, q);
    } catch (IOException e) {
      throw new ConfigException("--warehouse " + uri + " cannot be opened: " + e.getMessage(), e);
    }
  }

  public SparkSession spark() { return spark; }

  public String root() { return root.toString(); }

  public String path(String table) { return new Path(root, table).toString(); }

  public boolean exists(String table) {
    try {
      Path t = new Path(root, table);
      return fs().exists(new Path(t, "_SUCCESS"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a table; a missing table is a configuration error that names the job that writes it. */
  public Dataset<Row> read(String table) {
    requireTable(table);
    if (!hasDataFiles(table)) {
      throw new ConfigException("table " + table + " in " + root + " has no rows (the job that wrote it found no "
          + "input; check its summary)");
    }
    return spark.read().parquet(path(table));
  }

  private void requireTable(String table) {
    if (!exists(table)) {
      throw new ConfigException("table " + table + " is not in the warehouse " + root
          + " (run the job that writes it first, e.g. './submit.sh " + writerOf(table) + " --warehouse " + root + "')");
    }
  }

  private boolean hasDataFiles(String table) {
    try {
      for (var f : FileListing.files(fs(), new Path(root, table))) {
        if (f.getPath().getName().endsWith(".parquet")) return true;
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a table whose schema the caller knows: also works for a table with no rows (Spark writes no Parquet file
   * for an empty partitioned table, so its schema cannot be inferred).
   */
  public Dataset<Row> read(String table, org.apache.spark.sql.types.StructType schema) {
    requireTable(table);
    return spark.read().schema(schema).parquet(path(table));
  }

  /** Writes {@code df} as {@code table}, replacing the old table only once the new one is complete. */
  public void writeAtomically(Dataset<Row> df, String table, List<String> partitionColumns) {
    swapIn(writeStaging(df, table, partitionColumns), tablePath(table));
  }

  /**
   * Writes {@code df} to a fresh staging folder and returns it; {@link #swapIn} makes it the table. Jobs that
   * write several tables stage them all first, then swap them in together.
   */
  public Path writeStaging(Dataset<Row> df, String table, List<String> partitionColumns) {
    return writeStaging(df, table, partitionColumns, Map.of());
  }

  /** As {@link #writeStaging(Dataset, String, List)}, with writer options (e.g. Parquet settings per column). */
  public Path writeStaging(Dataset<Row> df, String table, List<String> partitionColumns, Map<String, String> options) {
    String prefix = table.replace("/", "__") + "-";
    removeLeftovers(prefix);
    Path staging = new Path(root, "_staging/" + prefix + UUID.randomUUID());
    var writer = df.write().mode(SaveMode.ErrorIfExists).options(options);
    if (partitionColumns != null && !partitionColumns.isEmpty()) {
      writer = writer.partitionBy(partitionColumns.toArray(new String[0]));
    }
    writer.parquet(staging.toString());
    return staging;
  }

  public Path tablePath(String table) { return new Path(root, table); }

  /** Replaces {@code target} by the complete folder {@code staging} (same file system). */
  public void swapIn(Path staging, Path target) {
    try {
      FileSystem fs = fs();
      fs.mkdirs(target.getParent());
      Path old = null;
      if (fs.exists(target)) {
        old = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
        if (!fs.rename(target, old)) throw new IOException("cannot move " + target + " aside");
      }
      if (!fs.rename(staging, target)) {
        if (old != null) fs.rename(old, target); // put the previous table back
        throw new IOException("cannot rename " + staging + " to " + target);
      }
      if (old != null) fs.delete(old, true);
    } catch (IOException e) {
      throw new UncheckedIOException("swapping in table " + target + " failed", e);
    }
  }

  /** Removes the staging folders of this table that a killed job left behind (one writer per table at a time). */
  private void removeLeftovers(String prefix) {
    try {
      FileSystem fs = fs();
      Path dir = new Path(root, "_staging");
      if (!fs.exists(dir)) return;
      for (var st : fs.listStatus(dir)) {
        if (st.getPath().getName().startsWith(prefix)) fs.delete(st.getPath(), true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public FileSystem fs() throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    return root.getFileSystem(conf);
  }

  private static String writerOf(String table) {
    if (table.startsWith("utterances") || table.startsWith("quarantine")) return "ingest";
    if (table.startsWith("features")) return "features";
    if (table.startsWith("embeddings")) return "embed";
    return "<job>";
  }
}
