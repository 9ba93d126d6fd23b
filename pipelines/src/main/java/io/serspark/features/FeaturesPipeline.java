package io.serspark.features;

import static org.apache.spark.sql.functions.col;

import io.serspark.config.ConfigException;
import io.serspark.egemaps.voice.FormantTracker;
import io.serspark.warehouse.TableLayout;
import io.serspark.warehouse.TableWriteLock;
import io.serspark.warehouse.Warehouse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * utterances → features/egemaps_v02 (and features/egemaps_v02_lld with LLDs); with the accurate
 * formant tracker features/egemaps_v02_accurate_formants (and …_lld) instead, so that the two never
 * mix in one table. With corpora named, only their rows are recomputed; rows of other corpora stay.
 * Every utterance gets exactly one functionals row.
 */
public final class FeaturesPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(FeaturesPipeline.class);

  public record Options(
      List<String> corpora,
      boolean lld,
      int partitions,
      int filesPerCorpus,
      FormantTracker formants) {
    public Options {
      if (partitions < 0)
        throw new ConfigException("--partitions must be >= 0 (0 = automatic), got " + partitions);
      if (filesPerCorpus < 1)
        throw new ConfigException("--files-per-corpus must be >= 1, got " + filesPerCorpus);
      corpora = corpora == null ? List.of() : List.copyOf(corpora);
      formants = formants == null ? FormantTracker.OPENSMILE : formants;
    }

    /** openSMILE's formant chain (eGeMAPS v02 as published). */
    public Options(List<String> corpora, boolean lld, int partitions, int filesPerCorpus) {
      this(corpora, lld, partitions, filesPerCorpus, FormantTracker.OPENSMILE);
    }

    public String functionalsTable() {
      return EgemapsSchema.functionalsTable(formants);
    }

    public String lldTable() {
      return EgemapsSchema.lldTable(formants);
    }
  }

  private final Warehouse warehouse;

  public FeaturesPipeline(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /**
   * Checks the options against the warehouse before any work: the utterances table and the named
   * corpora exist.
   */
  public List<String> validate(Options opts) {
    return chosen(opts, utterancesPerCorpus(opts));
  }

  /**
   * Rows per corpus of the utterances table, checking that every named corpus is there: the check
   * and the row count the job must reproduce, from the Parquet footers (no Spark job).
   */
  private Map<String, Long> utterancesPerCorpus(Options opts) {
    warehouse.requireRows(
        "utterances"); // a missing or empty table: a configuration error that names the fix
    Map<String, Long> present =
        new TreeMap<>(warehouse.rowsPerCorpus(warehouse.tablePath("utterances")));
    present.values().removeIf(n -> n == 0);
    for (String c : opts.corpora()) {
      if (!present.containsKey(c)) {
        throw new ConfigException(
            "--corpus "
                + c
                + " is not in the utterances table of "
                + warehouse.root()
                + " (present: "
                + String.join(", ", present.keySet())
                + "); ingest it first");
      }
    }
    return present;
  }

  private static List<String> chosen(Options opts, Map<String, Long> present) {
    return opts.corpora().isEmpty() ? List.copyOf(present.keySet()) : opts.corpora();
  }

  /** Returns status counts per corpus: {corpus -> {status -> n}}. */
  public Map<String, Map<String, Long>> run(Options opts) {
    Map<String, Long> present = utterancesPerCorpus(opts);
    try (TableWriteLock lock = warehouse.lockForWriting(opts.functionalsTable(), opts.lldTable())) {
      return runLocked(opts, present);
    }
  }

  private Map<String, Map<String, Long>> runLocked(Options opts, Map<String, Long> present) {
    List<String> corpora = chosen(opts, present);
    // before the old tables are read: a killed earlier run may have left the previous version aside
    warehouse.recover(opts.functionalsTable(), opts.lldTable());
    Dataset<Row> utts = warehouse.read("utterances").filter(col("corpus").isin(corpora.toArray()));
    long expected = corpora.stream().distinct().mapToLong(present::get).sum();
    if (opts.partitions() > 0) {
      utts = utts.repartition(opts.partitions());
    }
    // Extracted inside the write itself (no extra pass over the table); each row's status comes
    // back through an
    // accumulator, and the staged table's row counts (from its footers) are checked before anything
    // is swapped in.
    // With LLDs, one extraction gives both tables: its rows (functionals plus each utterance's LLD
    // frames) are kept
    // (memory, else disk) by the functionals write for the LLD write, instead of extracting every
    // utterance twice.
    CollectionAccumulator<List<String>> reported =
        warehouse.spark().sparkContext().collectionAccumulator("features statuses");
    Dataset<Row> extracted =
        opts.lld()
            ? EgemapsFeatures.functionalsWithLlds(utts, reported, opts.formants())
                .persist(StorageLevel.MEMORY_AND_DISK())
            : null;
    try {
      return write(
          opts,
          corpora,
          expected,
          reported,
          extracted != null
              ? EgemapsFeatures.functionalsOf(extracted)
              : EgemapsFeatures.functionals(utts, reported, opts.formants()),
          extracted);
    } finally {
      if (extracted != null) extracted.unpersist();
    }
  }

  private Map<String, Map<String, Long>> write(
      Options opts,
      List<String> corpora,
      long expected,
      CollectionAccumulator<List<String>> reported,
      Dataset<Row> features,
      Dataset<Row> extracted) {
    Dataset<Row> table = features;
    Column named = col("corpus").isin(corpora.toArray());
    if (!opts.corpora().isEmpty() && warehouse.exists(opts.functionalsTable())) {
      table =
          warehouse.read(opts.functionalsTable()).filter(named.unary_$bang()).unionByName(features);
    }
    var staged =
        warehouse.writeStaging(
            TableLayout.byCorpus(table, "utterance_id", opts.filesPerCorpus(), corpora.size()),
            opts.functionalsTable(),
            List.of("corpus"));
    org.apache.hadoop.fs.Path lldStaged = null;
    try {
      Map<String, List<String>> byUtterance = new TreeMap<>();
      for (List<String> r : reported.value()) byUtterance.putIfAbsent(r.get(0), r);
      Map<String, Map<String, Long>> status = new TreeMap<>();
      for (List<String> r : byUtterance.values()) {
        status.computeIfAbsent(r.get(1), k -> new TreeMap<>()).merge(r.get(2), 1L, Long::sum);
      }
      Map<String, Long> written = warehouse.rowsPerCorpus(staged);
      long rows = corpora.stream().distinct().mapToLong(c -> written.getOrDefault(c, 0L)).sum();
      if (rows != expected || byUtterance.size() != expected) {
        throw new IllegalStateException(
            "features: "
                + expected
                + " utterances but "
                + rows
                + " feature rows written"
                + " and "
                + byUtterance.size()
                + " statuses reported");
      }
      lldStaged =
          opts.lld()
              ? warehouse.writeStaging(
                  TableLayout.byCorpus(
                          lldTable(extracted, opts, named),
                          "utterance_id",
                          opts.filesPerCorpus(),
                          corpora.size())
                      .sortWithinPartitions("corpus", "utterance_id", "frame"),
                  opts.lldTable(),
                  List.of("corpus"))
              : null;
      warehouse.swapIn(staged, warehouse.tablePath(opts.functionalsTable()));
      if (lldStaged != null) warehouse.swapIn(lldStaged, warehouse.tablePath(opts.lldTable()));
      LOG.info("features: {} rows written to {} for {}", rows, opts.functionalsTable(), corpora);
      return status;
    } finally {
      // swapped-in folders are gone already; what is left is the staging of a run that failed
      // before its swap
      warehouse.discardStaging(staged);
      if (lldStaged != null) warehouse.discardStaging(lldStaged);
    }
  }

  private Dataset<Row> lldTable(Dataset<Row> extracted, Options opts, Column named) {
    Dataset<Row> l = EgemapsFeatures.lldsOf(extracted);
    if (!opts.corpora().isEmpty() && warehouse.exists(opts.lldTable())) {
      l = warehouse.read(opts.lldTable()).filter(named.unary_$bang()).unionByName(l);
    }
    return l;
  }
}
