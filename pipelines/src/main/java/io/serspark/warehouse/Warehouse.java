package io.serspark.warehouse;

import io.serspark.config.ConfigException;
import io.serspark.config.PathSegment;
import io.serspark.faults.WriteStall;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A warehouse of Parquet tables under one root (a local path or any Hadoop URI). Table names are
 * relative paths ({@code utterances}, {@code features/egemaps_v02}, {@code embeddings/tiny}).
 *
 * <p>Writes are atomic for readers: a job writes to {@code _staging/<table>-<uuid>} and swaps it in
 * at the end (rename the old table aside, rename the new one in, delete the old). A job killed
 * before the swap leaves the previous complete table and a staging folder; a job killed between the
 * two renames leaves the previous table aside as {@code .<name>.old-<uuid>}. The next writer of the
 * table {@link #recover}s both before it reads or writes anything.
 */
public final class Warehouse {
  private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);

  private final SparkSession spark;
  private final Path root;

  private Warehouse(SparkSession spark, Path root) {
    this.spark = spark;
    this.root = root;
  }

  public static Warehouse open(SparkSession spark, String uri) {
    if (uri == null || uri.isBlank())
      throw new ConfigException("--warehouse is empty: give a folder or a Hadoop URI");
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

  public SparkSession spark() {
    return spark;
  }

  public String root() {
    return root.toString();
  }

  public String path(String table) {
    return new Path(root, table).toString();
  }

  public boolean exists(String table) {
    try {
      Path t = new Path(root, table);
      return fs().exists(new Path(t, "_SUCCESS"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Takes the write locks of these tables for this job ({@link TableWriteLock}): hold them from
   * before the job reads the tables it replaces until after its swap. Refused with one line naming
   * the holder when another job is writing one of them.
   */
  public TableWriteLock lockForWriting(String... tables) {
    try {
      return TableWriteLock.acquire(fs(), root, spark.sparkContext().appName(), tables);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a table; a missing table is a configuration error that names the job that writes it. */
  public Dataset<Row> read(String table) {
    requireRows(table);
    markRead(table);
    return spark.read().parquet(path(table));
  }

  /**
   * Throws the configuration error {@link #read} would: the table is missing, or it has no rows.
   */
  public void requireRows(String table) {
    requireTable(table);
    if (!hasDataFiles(table)) {
      throw new ConfigException(
          "table "
              + table
              + " in "
              + root
              + " has no rows (the job that wrote it found no "
              + "input; check its summary)");
    }
  }

  private void requireTable(String table) {
    if (!exists(table) && !rootExists()) {
      throw new ConfigException(
          "--warehouse "
              + root
              + " does not exist; give the folder of an existing warehouse, "
              + "or create it with './submit.sh "
              + writerOf(table)
              + " --warehouse "
              + root
              + " ...'");
    }
    if (!exists(table)) {
      throw new ConfigException(
          "table "
              + table
              + " is not in the warehouse "
              + root
              + " (run the job that writes it first, e.g. './submit.sh "
              + writerOf(table)
              + " --warehouse "
              + root
              + "')");
    }
  }

  private boolean rootExists() {
    try {
      return fs().exists(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
   * Reads a table whose schema the caller knows: also works for a table with no rows (Spark writes
   * no Parquet file for an empty partitioned table, so its schema cannot be inferred).
   */
  public Dataset<Row> read(String table, org.apache.spark.sql.types.StructType schema) {
    requireTable(table);
    markRead(table);
    return spark.read().schema(schema).parquet(path(table));
  }

  /**
   * Writes {@code df} as {@code table}, replacing the old table only once the new one is complete.
   */
  public void writeAtomically(Dataset<Row> df, String table, List<String> partitionColumns) {
    try (TableWriteLock lock = lockForWriting(table)) {
      swapIn(writeStaging(df, table, partitionColumns), tablePath(table));
    }
  }

  private void markRead(String table) {
    try {
      TableWriteLock.markRead(fs(), root, table, spark.sparkContext().appName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code df} to a fresh staging folder and returns it; {@link #swapIn} makes it the table.
   * Jobs that write several tables stage them all first, then swap them in together.
   */
  public Path writeStaging(Dataset<Row> df, String table, List<String> partitionColumns) {
    return writeStaging(df, table, partitionColumns, Map.of());
  }

  /**
   * As {@link #writeStaging(Dataset, String, List)}, with writer options (e.g. Parquet settings per
   * column).
   */
  public Path writeStaging(
      Dataset<Row> df, String table, List<String> partitionColumns, Map<String, String> options) {
    recover(table);
    Path staging = new Path(root, "_staging/" + stagingPrefix(table) + UUID.randomUUID());
    var writer = WriteStall.inject(df, table).write().mode(SaveMode.ErrorIfExists).options(options);
    if (partitionColumns != null && !partitionColumns.isEmpty()) {
      writer = writer.partitionBy(partitionColumns.toArray(new String[0]));
    }
    writer.parquet(staging.toString());
    return staging;
  }

  public Path tablePath(String table) {
    return new Path(root, table);
  }

  /**
   * The folder {@code name} directly under {@code parent} (e.g. a run under {@code runs/train}),
   * with {@code name} checked as one folder name: Hadoop normalises {@code runs/train/..} to {@code
   * runs}, so an unchecked name could make a writer replace the parent and everything in it.
   */
  public Path ownedFolder(String parent, String name) {
    PathSegment.check("the folder name under " + parent, name);
    Path folder = new Path(tablePath(parent), name);
    if (!folder.getParent().equals(tablePath(parent))) {
      throw new IllegalArgumentException(
          name + " is not a folder directly under " + tablePath(parent));
    }
    return folder;
  }

  /**
   * Rows per corpus of a table folder partitioned by {@code corpus} (a table or a staged one), from
   * the Parquet footers alone: the driver reads a few kilobytes per file instead of planning and
   * running a Spark job.
   */
  public Map<String, Long> rowsPerCorpus(Path tableDir) {
    Map<String, Long> rows = new java.util.TreeMap<>();
    try {
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      String prefix = fs().makeQualified(tableDir).toUri().getPath() + "/corpus=";
      for (var f : FileListing.files(fs(), tableDir)) {
        String name = f.getPath().getName();
        if (!name.endsWith(".parquet") || name.startsWith("_") || name.startsWith(".")) continue;
        String p = f.getPath().toUri().getPath();
        if (!p.startsWith(prefix) || p.indexOf('/', prefix.length()) < 0) {
          throw new IllegalStateException(
              "table folder " + tableDir + " holds a file outside its corpus= folders: " + p);
        }
        String corpus =
            org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils.unescapePathName(
                p.substring(prefix.length(), p.indexOf('/', prefix.length())));
        try (var reader =
            org.apache.parquet.hadoop.ParquetFileReader.open(
                org.apache.parquet.hadoop.util.HadoopInputFile.fromStatus(f, conf))) {
          rows.merge(corpus, reader.getRecordCount(), Long::sum);
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("counting the rows of " + tableDir + " failed", e);
    }
  }

  /**
   * Removes a staging folder once its job is done with it: after a swap it is gone already; after a
   * failure it would otherwise wait for the next writer's {@link #recover}. Never throws: a failure
   * to clean up is logged.
   */
  public void discardStaging(Path staging) {
    try {
      fs().delete(staging, true);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "warehouse: could not remove the staging folder {} ({}); the next writer removes it",
          staging,
          e.toString());
    }
  }

  /** Replaces {@code target} by the complete folder {@code staging} (same file system). */
  public void swapIn(Path staging, Path target) {
    try {
      FileSystem fs = fs();
      java.net.URI relative = root.toUri().relativize(fs.makeQualified(target).toUri());
      if (relative.isAbsolute()
          || relative.getPath().isEmpty()
          || relative.getPath().startsWith("/")) {
        // never replace the warehouse itself, or a folder outside it
        throw new IllegalArgumentException(
            "refusing to replace " + target + ": not a folder inside " + root);
      }
      String table = relative.getPath();
      TableWriteLock.requireStillHeld(fs, root, table);
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

  /**
   * Cleans up after a writer of these tables that was killed (one writer per table at a time, so
   * whatever is left is not in use): puts back a previous table that an interrupted swap left
   * aside, deletes previous tables a finished swap did not get to delete, and removes unfinished
   * staging folders. Writers call it before they read the table they are about to replace; each
   * thing done is logged.
   */
  public void recover(String... tables) {
    try {
      FileSystem fs = fs();
      for (String table : tables) {
        Path target = tablePath(table);
        if (fs.exists(target.getParent())) {
          String aside = "." + target.getName() + ".old-";
          for (var st : fs.listStatus(target.getParent(), p -> p.getName().startsWith(aside))) {
            Path old = st.getPath();
            if (!fs.exists(target) && fs.exists(new Path(old, "_SUCCESS"))) {
              if (!fs.rename(old, target))
                throw new IOException("cannot move " + old + " back to " + target);
              LOG.warn(
                  "warehouse: restored the previous table {} from {} (a job was stopped while swapping in a "
                      + "new version)",
                  table,
                  old.getName());
            } else {
              fs.delete(old, true);
              LOG.warn(
                  "warehouse: removed {}, a previous version of {} left by a job that was stopped",
                  old,
                  table);
            }
          }
        }
        Path dir = new Path(root, "_staging");
        if (!fs.exists(dir)) continue;
        for (var st : fs.listStatus(dir, p -> p.getName().startsWith(stagingPrefix(table)))) {
          fs.delete(st.getPath(), true);
          LOG.warn(
              "warehouse: removed the unfinished staging folder {} of table {} (left by a job that was stopped)",
              st.getPath(),
              table);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "recovering tables " + String.join(", ", tables) + " in " + root + " failed", e);
    }
  }

  private static String stagingPrefix(String table) {
    return table.replace("/", "__") + "-";
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
