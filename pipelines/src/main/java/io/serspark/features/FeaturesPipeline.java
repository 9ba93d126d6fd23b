package io.serspark.features;

import static org.apache.spark.sql.functions.col;

import io.serspark.config.ConfigException;
import io.serspark.warehouse.TableLayout;
import io.serspark.warehouse.Warehouse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * utterances → features/egemaps_v02 (and features/egemaps_v02_lld with LLDs). With corpora named, only their rows
 * are recomputed; rows of other corpora stay. Every utterance gets exactly one functionals row.
 */
public final class FeaturesPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(FeaturesPipeline.class);

  public record Options(List<String> corpora, boolean lld, int partitions, int filesPerCorpus) {
    public Options {
      if (partitions < 0) throw new ConfigException("--partitions must be >= 0 (0 = automatic), got " + partitions);
      if (filesPerCorpus < 1) throw new ConfigException("--files-per-corpus must be >= 1, got " + filesPerCorpus);
      corpora = corpora == null ? List.of() : List.copyOf(corpora);
    }
  }

  private final Warehouse warehouse;

  public FeaturesPipeline(Warehouse warehouse) { this.warehouse = warehouse; }

  /** Checks the options against the warehouse before any work: the utterances table and the named corpora exist. */
  public List<String> validate(Options opts) {
    return chosen(opts, utterancesPerCorpus(opts));
  }

  /**
   * Rows per corpus of the utterances table, checking that every named corpus is there. One small query serves
   * both the check and the row count the job must reproduce (it reads only the partition column).
   */
  private Map<String, Long> utterancesPerCorpus(Options opts) {
    Map<String, Long> present = new TreeMap<>();
    for (Row r : warehouse.read("utterances").groupBy("corpus").count().collectAsList()) {
      present.put(r.getString(0), r.getLong(1));
    }
    for (String c : opts.corpora()) {
      if (!present.containsKey(c)) {
        throw new ConfigException("--corpus " + c + " is not in the utterances table of " + warehouse.root()
            + " (present: " + String.join(", ", present.keySet()) + "); ingest it first");
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
    List<String> corpora = chosen(opts, present);
    // before the old tables are read: a killed earlier run may have left the previous version aside
    warehouse.recover(EgemapsSchema.FUNCTIONALS_TABLE, EgemapsSchema.LLD_TABLE);
    Dataset<Row> utts = warehouse.read("utterances").filter(col("corpus").isin(corpora.toArray()));
    long expected = corpora.stream().distinct().mapToLong(present::get).sum();
    if (opts.partitions() > 0) {
      utts = utts.repartition(opts.partitions());
    }
    // Extracted inside the write itself (no cached copy, no extra pass); the statuses are then counted from the
    // staged table, i.e. from what was actually written, before anything is swapped in.
    Dataset<Row> features = EgemapsFeatures.functionals(utts);
    Dataset<Row> table = features;
    Column named = col("corpus").isin(corpora.toArray());
    if (!opts.corpora().isEmpty() && warehouse.exists(EgemapsSchema.FUNCTIONALS_TABLE)) {
      table = warehouse.read(EgemapsSchema.FUNCTIONALS_TABLE).filter(named.unary_$bang()).unionByName(features);
    }
    var staged = warehouse.writeStaging(
        TableLayout.byCorpus(table, "utterance_id", opts.filesPerCorpus(), corpora.size()),
        EgemapsSchema.FUNCTIONALS_TABLE, List.of("corpus"));
    org.apache.hadoop.fs.Path lldStaged = null;
    try {
      Map<String, Map<String, Long>> status = new LinkedHashMap<>();
      long rows = 0;
      for (Row r : warehouse.spark().read().parquet(staged.toString()).filter(named)
          .groupBy("corpus", "status").count().orderBy("corpus", "status").collectAsList()) {
        status.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>()).put(r.getString(1), r.getLong(2));
        rows += r.getLong(2);
      }
      if (rows != expected) {
        throw new IllegalStateException("features: " + expected + " utterances but " + rows + " feature rows");
      }
      lldStaged = opts.lld() ? warehouse.writeStaging(
          TableLayout.byCorpus(lldTable(utts, corpora, opts, named), "utterance_id", opts.filesPerCorpus(),
              corpora.size()).sortWithinPartitions("corpus", "utterance_id", "frame"),
          EgemapsSchema.LLD_TABLE, List.of("corpus")) : null;
      warehouse.swapIn(staged, warehouse.tablePath(EgemapsSchema.FUNCTIONALS_TABLE));
      if (lldStaged != null) warehouse.swapIn(lldStaged, warehouse.tablePath(EgemapsSchema.LLD_TABLE));
      LOG.info("features: {} rows written for {}", rows, corpora);
      return status;
    } finally {
      // swapped-in folders are gone already; what is left is the staging of a run that failed before its swap
      warehouse.discardStaging(staged);
      if (lldStaged != null) warehouse.discardStaging(lldStaged);
    }
  }


  private Dataset<Row> lldTable(Dataset<Row> utts, List<String> corpora, Options opts, Column named) {
    Dataset<Row> l = EgemapsFeatures.llds(utts);
    if (!opts.corpora().isEmpty() && warehouse.exists(EgemapsSchema.LLD_TABLE)) {
      l = warehouse.read(EgemapsSchema.LLD_TABLE).filter(named.unary_$bang()).unionByName(l);
    }
    return l;
  }
}
