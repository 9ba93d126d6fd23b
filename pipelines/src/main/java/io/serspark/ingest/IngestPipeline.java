package io.serspark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.when;

import io.serspark.config.ConfigException;
import io.serspark.corpus.AdapterResult;
import io.serspark.corpus.CorpusAdapter;
import io.serspark.corpus.CorpusAdapters;
import io.serspark.corpus.CorpusEntry;
import io.serspark.corpus.Rejection;
import io.serspark.hadoop.FileListing;
import io.serspark.hadoop.HadoopConf;
import io.serspark.hadoop.HadoopTextFiles;
import io.serspark.warehouse.TableLayout;
import io.serspark.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw corpus folders → the {@code utterances} and {@code quarantine} tables.
 *
 * <p>Driver: validate every {@code --corpus} (adapter known, folder exists), list the files and let the corpus
 * adapter label them. Executors: read, hash, decode and resample each file ({@link DecodePartition}). Both tables
 * are staged and swapped in together at the end, so readers never see a half-written ingest.
 */
public final class IngestPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

  public enum Mode { REPLACE, APPEND }

  /**
   * @param filesPerCorpus Parquet files per corpus folder; fixed (not derived from the cluster) so that the same
   *     input gives the same table whatever the partitioning
   */
  public record Options(List<CorpusSource> corpora, Mode mode, int partitions, int filesPerCorpus) {
    public Options {
      if (corpora == null || corpora.isEmpty()) {
        throw new ConfigException("no --corpus given: name at least one, e.g. --corpus emodb=/data/EmoDB");
      }
      if (partitions < 0) throw new ConfigException("--partitions must be >= 0 (0 = automatic), got " + partitions);
      if (filesPerCorpus < 1) throw new ConfigException("--files-per-corpus must be >= 1, got " + filesPerCorpus);
    }
  }

  /** A corpus whose adapter and folder were checked; its file listing is labelled. */
  private record Planned(CorpusSource source, String rootUri, AdapterResult labelled, Map<String, Long> sizes) {}

  private final Warehouse warehouse;
  private final CorpusAdapters adapters;

  public IngestPipeline(Warehouse warehouse, Path confDir) {
    this.warehouse = warehouse;
    this.adapters = CorpusAdapters.load(confDir);
  }

  /** Checks every option and corpus before any Spark job runs; throws {@link ConfigException} on the first problem. */
  public void validate(Options opts) {
    Set<String> names = new LinkedHashSet<>();
    for (CorpusSource c : opts.corpora()) {
      if (!names.add(c.name())) throw new ConfigException("--corpus " + c.name() + " is given twice");
      org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(c.root());
      try {
        FileSystem fs = root.getFileSystem(hadoopConf());
        if (!fs.exists(root)) {
          throw new ConfigException("--corpus " + c.name() + "=" + c.root() + ": the folder does not exist");
        }
        if (!fs.getFileStatus(root).isDirectory()) {
          throw new ConfigException("--corpus " + c.name() + "=" + c.root() + ": is a file; give the corpus folder");
        }
        if (!adapters.names().contains(c.adapter())) {
          // no conf/corpora/<adapter>.yaml: fine only for a folder with a manifest at its root
          List<String> manifests = new ArrayList<>();
          for (String m : CorpusAdapters.manifestNames()) {
            if (fs.exists(new org.apache.hadoop.fs.Path(root, m))) manifests.add(m);
          }
          try {
            adapters.resolve(c.adapter(), manifests); // throws the message naming both ways out
          } catch (ConfigException e) {
            throw new ConfigException("--corpus " + c.name() + "=" + c.root() + ": "
                + e.getMessage().replaceFirst("^corpus '[^']*': ", ""), e);
          }
        }
      } catch (IOException e) {
        throw new ConfigException("--corpus " + c.name() + "=" + c.root() + ": cannot be opened: " + e.getMessage(), e);
      }
    }
  }

  public Map<String, CorpusSummary> run(Options opts) {
    validate(opts);
    // before the old tables are read: a killed earlier run may have left the previous version aside
    warehouse.recover(UtteranceTables.UTTERANCES, UtteranceTables.QUARANTINE);
    SparkSession spark = warehouse.spark();
    List<Planned> plans = new ArrayList<>();
    for (CorpusSource c : opts.corpora()) plans.add(plan(c));

    Map<String, String> knownSha = opts.mode() == Mode.APPEND ? knownSha256(opts) : Map.of();
    List<Row> tasks = new ArrayList<>();
    List<Row> adapterRejections = new ArrayList<>();
    Map<String, CorpusSummary> summaries = new LinkedHashMap<>();
    for (Planned p : plans) {
      String corpus = p.source().name();
      CorpusSummary s = new CorpusSummary(corpus);
      summaries.put(corpus, s);
      s.ignoredNonAudio = p.labelled().ignored().size();
      // what the outcomes must add up to: every audio file the adapter saw
      s.filesSeen = p.labelled().entries().size() + p.labelled().rejected().size();
      for (CorpusEntry e : p.labelled().entries()) {
        tasks.add(FileTask.of(corpus, p.rootUri(), e, knownSha.get(corpus + "/" + e.relPath())));
      }
      for (Rejection r : p.labelled().rejected()) {
        adapterRejections.add(RowFactory.create(corpus, r.relPath(), null, p.sizes().get(r.relPath()),
            r.stage(), r.reason(), r.detail()));
      }
    }
    LOG.info("ingest: {} files to decode, {} rejected by the corpus adapters", tasks.size(), adapterRejections.size());

    int parts = opts.partitions() > 0 ? opts.partitions()
        : Math.max(1, Math.min(2000, Math.max(spark.sparkContext().defaultParallelism() * 2, tasks.size() / 64)));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Dataset<Row> taskDf = spark.createDataFrame(jsc.parallelize(tasks, parts), FileTask.SCHEMA);
    Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(hadoopConf()));
    Dataset<Row> outcomes = taskDf
        .mapPartitions(new DecodePartition(conf), Encoders.row(UtteranceTables.OUTCOME_SCHEMA))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> newUtts = outcomes.filter(col("outcome").equalTo("utterance")).select("utterance.*");

      count(outcomes, adapterRejections, summaries);
      for (CorpusSummary s : summaries.values()) {
        if (!s.conserved()) {
          throw new IllegalStateException("ingest lost track of files in " + s.corpus + ": " + s.describe());
        }
      }
      // Usually no file is quarantined: then the decoded outcomes need no pass (a stage over every task) to say so.
      Dataset<Row> newQuarantine = summaries.values().stream().anyMatch(s -> s.quarantined > 0)
          ? outcomes.filter(col("outcome").equalTo("quarantine")).select("quarantine.*")
              .unionByName(spark.createDataFrame(adapterRejections, UtteranceTables.QUARANTINE_SCHEMA))
          : spark.createDataFrame(List.<Row>of(), UtteranceTables.QUARANTINE_SCHEMA);

      Set<String> corpora = summaries.keySet();
      Column ingestedCorpus = col("corpus").isin(corpora.toArray());
      Dataset<Row> utterances;
      Dataset<Row> quarantine;
      boolean haveUtts = warehouse.exists(UtteranceTables.UTTERANCES);
      boolean haveQ = warehouse.exists(UtteranceTables.QUARANTINE);
      if (opts.mode() == Mode.REPLACE) {
        utterances = haveUtts && holdsOtherCorpora(UtteranceTables.UTTERANCES, corpora)
            ? warehouse.read(UtteranceTables.UTTERANCES, UtteranceTables.UTTERANCES_SCHEMA).filter(ingestedCorpus.unary_$bang()).unionByName(newUtts)
            : newUtts;
        quarantine = haveQ && holdsOtherCorpora(UtteranceTables.QUARANTINE, corpora)
            ? warehouse.read(UtteranceTables.QUARANTINE, UtteranceTables.QUARANTINE_SCHEMA).filter(ingestedCorpus.unary_$bang()).unionByName(newQuarantine)
            : newQuarantine;
      } else {
        // Append: keep rows of files not looked at again; a re-decoded or now-quarantined file replaces its old row.
        // Every file listed now was looked at: unchanged ones keep their utterance row, the others are replaced.
        Dataset<Row> touched = newUtts.select("corpus", "path").unionByName(newQuarantine.select("corpus", "path"));
        scala.collection.immutable.Seq<String> key = scalaSeq(List.of("corpus", "path"));
        utterances = haveUtts
            ? warehouse.read(UtteranceTables.UTTERANCES, UtteranceTables.UTTERANCES_SCHEMA).join(touched, key, "left_anti").unionByName(newUtts)
            : newUtts;
        Dataset<Row> listed = outcomes.select("corpus", "path")
            .unionByName(newQuarantine.select("corpus", "path"));
        quarantine = haveQ
            ? warehouse.read(UtteranceTables.QUARANTINE, UtteranceTables.QUARANTINE_SCHEMA).join(listed, key, "left_anti").unionByName(newQuarantine)
            : newQuarantine;
      }
      // joins put their keys first: every table keeps the documented column order
      utterances = utterances.select(columns(UtteranceTables.UTTERANCES_SCHEMA));
      quarantine = quarantine.select(columns(UtteranceTables.QUARANTINE_SCHEMA));
      int files = opts.filesPerCorpus();
      var uttStaged = warehouse.writeStaging(TableLayout.byCorpus(utterances, "path", files, corpora.size()),
          UtteranceTables.UTTERANCES, List.of("corpus"), UtteranceTables.WRITE_OPTIONS);
      var qStaged = warehouse.writeStaging(TableLayout.byCorpus(quarantine, "path", 1, corpora.size()),
          UtteranceTables.QUARANTINE, List.of("corpus"));
      warehouse.swapIn(uttStaged, warehouse.tablePath(UtteranceTables.UTTERANCES));
      warehouse.swapIn(qStaged, warehouse.tablePath(UtteranceTables.QUARANTINE));
      return summaries;
    } finally {
      outcomes.unpersist();
      conf.destroy();
    }
  }

  private Planned plan(CorpusSource c) {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(c.root());
    try {
      FileSystem fs = root.getFileSystem(hadoopConf());
      org.apache.hadoop.fs.Path qualified = fs.makeQualified(root);
      String prefix = qualified.toUri().getPath();
      if (!prefix.endsWith("/")) prefix += "/";
      List<String> rel = new ArrayList<>();
      Map<String, Long> sizes = new HashMap<>();
      for (FileStatus st : FileListing.files(fs, qualified)) {
        String p = st.getPath().toUri().getPath();
        if (!p.startsWith(prefix)) continue;
        String r = p.substring(prefix.length());
        rel.add(r);
        sizes.put(r, st.getLen());
      }
      rel.sort(null);
      CorpusAdapter adapter = adapters.resolve(c.adapter(), rel);
      AdapterResult labelled = adapter.scan(rel, new HadoopTextFiles(fs, qualified));
      LOG.info("corpus {} ({} adapter) at {}: {} files listed, {} entries, {} rejected, {} ignored", c.name(),
          adapter.name(), qualified, rel.size(), labelled.entries().size(), labelled.rejected().size(),
          labelled.ignored().size());
      return new Planned(c, qualified.toString(), labelled, sizes);
    } catch (IOException e) {
      throw new UncheckedIOException("listing corpus " + c.name() + " at " + c.root() + " failed", e);
    }
  }

  /**
   * Whether a table has rows that a replace must keep: a partition folder of a corpus not being ingested (or
   * anything else we do not recognise). Re-ingesting the corpora a table already holds then plans no scan of it.
   */
  private boolean holdsOtherCorpora(String table, Set<String> corpora) {
    try {
      for (FileStatus st : warehouse.fs().listStatus(warehouse.tablePath(table))) {
        String name = st.getPath().getName();
        if (name.startsWith("_") || name.startsWith(".")) continue; // _SUCCESS, checksums
        if (!st.isDirectory() || !name.startsWith("corpus=")) return true;
        if (!corpora.contains(ExternalCatalogUtils.unescapePathName(name.substring("corpus=".length())))) return true;
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("listing table " + table + " failed", e);
    }
  }

  private Map<String, String> knownSha256(Options opts) {
    if (!warehouse.exists(UtteranceTables.UTTERANCES)) return Map.of();
    Map<String, String> known = new HashMap<>();
    Object[] names = opts.corpora().stream().map(CorpusSource::name).toArray();
    for (Row r : warehouse.read(UtteranceTables.UTTERANCES, UtteranceTables.UTTERANCES_SCHEMA).filter(col("corpus").isin(names))
        .select("corpus", "path", "sha256").collectAsList()) {
      known.put(r.getString(0) + "/" + r.getString(1), r.getString(2));
    }
    return known;
  }

  private void count(Dataset<Row> outcomes, List<Row> adapterRejections, Map<String, CorpusSummary> summaries) {
    Column reason = when(col("outcome").equalTo("quarantine"),
        concat_ws(": ", col("quarantine.stage"), col("quarantine.reason")));
    Column noEmotion = col("outcome").equalTo("utterance").and(col("utterance.emotion").isNull());
    Column unmapped = when(noEmotion, col("utterance.raw_label"));
    for (Row r : outcomes.select(col("outcome"), col("corpus"), reason.as("reason"), unmapped.as("unmapped"),
            noEmotion.as("no_emotion"))
        .groupBy("outcome", "corpus", "reason", "unmapped", "no_emotion").count().collectAsList()) {
      String outcome = r.getString(0);
      CorpusSummary s = summaries.get(r.getString(1));
      long n = r.getLong(5);
      switch (outcome) {
        case "unchanged" -> s.unchanged += n;
        case "utterance" -> {
          s.written += n;
          if (r.getBoolean(4)) {
            s.unmappedLabels += n;
            s.unmappedByRawLabel.merge(r.isNullAt(3) ? "(no label)" : r.getString(3), n, Long::sum);
          }
        }
        default -> {
          s.quarantined += n;
          s.quarantinedByReason.merge(r.getString(2), n, Long::sum);
        }
      }
    }
    for (Row r : adapterRejections) {
      CorpusSummary s = summaries.get(r.getString(0));
      s.quarantined++;
      s.quarantinedByReason.merge(r.getString(4) + ": " + r.getString(5), 1L, Long::sum);
    }
  }

  private org.apache.hadoop.conf.Configuration hadoopConf() {
    return warehouse.spark().sparkContext().hadoopConfiguration();
  }

  private static Column[] columns(org.apache.spark.sql.types.StructType schema) {
    return java.util.Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  private static scala.collection.immutable.Seq<String> scalaSeq(List<String> l) {
    return scala.jdk.javaapi.CollectionConverters.asScala(l).toList();
  }
}
