package io.serspark.benchmark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import io.serspark.hadoop.FileListing;
import io.serspark.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a benchmark read, per table and corpus: the row count and an order-independent hash of the
 * row contents (sum of xxhash64 over the columns that matter), plus the table's files as a version.
 * Content hashes, not file names or times: the tables are deterministic, so an unchanged input
 * gives the same hash after a re-run of the stage that wrote it, and a cell's cache key changes
 * exactly when the data it reads changes.
 */
public final class InputFingerprints {
  /** Per (table, corpus): rows and content hash. */
  public record Part(String table, String corpus, long rows, String hash) {}

  /** Per table: the files it is made of right now (count, bytes, newest modification time). */
  public record TableVersion(
      String table, String path, int files, long bytes, long modifiedMs, List<String> columns) {}

  public record Inputs(List<TableVersion> tables, List<Part> parts) {
    public String hashFor(List<String> tables, List<String> corpora) {
      StringBuilder b = new StringBuilder("inputs-v1");
      for (Part p : parts) {
        if (tables.contains(p.table()) && corpora.contains(p.corpus())) {
          b.append('\n')
              .append(p.table())
              .append('/')
              .append(p.corpus())
              .append('=')
              .append(p.rows())
              .append(':')
              .append(p.hash());
        }
      }
      return Cell.sha256(b.toString()).substring(0, 16);
    }

    public String hashAll() {
      return hashFor(
          tables.stream().map(TableVersion::table).toList(),
          parts.stream().map(Part::corpus).distinct().toList());
    }
  }

  /**
   * The columns of {@code utterances} a benchmark depends on: labels, speakers, and the audio's
   * sha256.
   */
  static final List<String> UTTERANCE_COLUMNS =
      List.of("utterance_id", "corpus", "speaker", "gender", "emotion", "split", "sha256");

  private final Warehouse warehouse;

  public InputFingerprints(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  public Inputs of(List<String> tables, List<String> corpora) {
    List<TableVersion> versions = new ArrayList<>();
    List<Part> parts = new ArrayList<>();
    for (String t : tables) {
      Dataset<Row> df = warehouse.read(t).filter(col("corpus").isin(corpora.toArray()));
      List<String> present = Arrays.asList(df.columns());
      List<String> cols =
          t.equals("utterances")
              ? UTTERANCE_COLUMNS.stream().filter(present::contains).toList()
              : present.stream().filter(c -> !c.equals("pcm16")).sorted().toList();
      Column[] hashed = cols.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
      Map<String, Part> byCorpus = new TreeMap<>();
      for (Row r :
          df.groupBy("corpus")
              .agg(count(lit(1)), sum(xxhash64(hashed).cast("decimal(38,0)")))
              .collectAsList()) {
        byCorpus.put(
            r.getString(0), new Part(t, r.getString(0), r.getLong(1), String.valueOf(r.get(2))));
      }
      parts.addAll(byCorpus.values());
      versions.add(version(t, cols));
    }
    return new Inputs(versions, parts);
  }

  private TableVersion version(String table, List<String> cols) {
    try {
      FileSystem fs = warehouse.fs();
      Path p = new Path(warehouse.path(table));
      int files = 0;
      long bytes = 0;
      long modified = 0;
      for (FileStatus s : FileListing.files(fs, p)) {
        if (!s.getPath().getName().endsWith(".parquet")) continue;
        files++;
        bytes += s.getLen();
        modified = Math.max(modified, s.getModificationTime());
      }
      return new TableVersion(table, p.toString(), files, bytes, modified, cols);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> asJson(Inputs in) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tables", in.tables());
    m.put("parts", in.parts());
    m.put("hash", in.hashAll());
    return m;
  }
}
