package io.serspark.ingest;

import static org.apache.spark.sql.functions.col;

import io.serspark.audio.UtteranceLimits;
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
import io.serspark.warehouse.TableWriteLock;
import io.serspark.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
import org.apache.spark.util.CollectionAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw corpus folders → the {@code utterances} and {@code quarantine} tables.
 *
 * <p>Driver: validate every {@code --corpus} (adapter known, folder exists), list the files and let
 * the corpus adapter label them. Executors: read, hash, decode and resample each file ({@link
 * DecodePartition}). Both tables are staged and swapped in together at the end, so readers never
 * see a half-written ingest.
 */
public final class IngestPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

  public enum Mode {
    REPLACE,
    APPEND
  }

  /**
   * @param filesPerCorpus Parquet files per corpus folder; fixed (not derived from the cluster) so
   *     that the same input gives the same table whatever the partitioning
   */
  public record Options(
      List<CorpusSource> corpora,
      Mode mode,
      int partitions,
      int filesPerCorpus,
      UtteranceLimits limits) {
    /** With {@link UtteranceLimits#DEFAULT}. */
    public Options(List<CorpusSource> corpora, Mode mode, int partitions, int filesPerCorpus) {
      this(corpora, mode, partitions, filesPerCorpus, UtteranceLimits.DEFAULT);
    }

    public Options {
      if (limits == null) throw new ConfigException("no utterance limits given");
      if (corpora == null || corpora.isEmpty()) {
        throw new ConfigException(
            "no --corpus given: name at least one, e.g. --corpus emodb=/data/EmoDB");
      }
      if (partitions < 0)
        throw new ConfigException("--partitions must be >= 0 (0 = automatic), got " + partitions);
      if (filesPerCorpus < 1)
        throw new ConfigException("--files-per-corpus must be >= 1, got " + filesPerCorpus);
    }
  }

  /** A corpus whose adapter and folder were checked; its file listing is labelled. */
  private record Planned(
      CorpusSource source, String rootUri, AdapterResult labelled, Map<String, Long> sizes) {}

  private final Warehouse warehouse;
  private final CorpusAdapters adapters;

  public IngestPipeline(Warehouse warehouse, Path confDir) {
    this.warehouse = warehouse;
    this.adapters = CorpusAdapters.load(confDir);
  }

  /**
   * Checks every option and corpus before any Spark job runs; throws {@link ConfigException} on the
   * first problem.
   */
  public void validate(Options opts) {
    Set<String> names = new LinkedHashSet<>();
    for (CorpusSource c : opts.corpora()) {
      if (!names.add(c.name()))
        throw new ConfigException("--corpus " + c.name() + " is given twice");
      org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(c.root());
      try {
        FileSystem fs = root.getFileSystem(hadoopConf());
        if (!fs.exists(root)) {
          throw new ConfigException(
              "--corpus " + c.name() + "=" + c.root() + ": the folder does not exist");
        }
        if (!fs.getFileStatus(root).isDirectory()) {
          throw new ConfigException(
              "--corpus " + c.name() + "=" + c.root() + ": is a file; give the corpus folder");
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
            throw new ConfigException(
                "--corpus "
                    + c.name()
                    + "="
                    + c.root()
                    + ": "
                    + e.getMessage().replaceFirst("^corpus '[^']*': ", ""),
                e);
          }
        }
      } catch (IOException e) {
        throw new ConfigException(
            "--corpus " + c.name() + "=" + c.root() + ": cannot be opened: " + e.getMessage(), e);
      }
    }
  }

  public Map<String, CorpusSummary> run(Options opts) {
    validate(opts);
    try (TableWriteLock lock =
        warehouse.lockForWriting(
            UtteranceTables.UTTERANCES, UtteranceTables.QUARANTINE, NEW_UTTERANCES)) {
      return runLocked(opts);
    }
  }

  private Map<String, CorpusSummary> runLocked(Options opts) {
    // before the old tables are read: a killed earlier run may have left the previous version aside
    warehouse.recover(UtteranceTables.UTTERANCES, UtteranceTables.QUARANTINE, NEW_UTTERANCES);
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
      s.ignoredByKind.putAll(p.labelled().ignoredByKind());
      s.inferredFields.putAll(p.labelled().inferredFields());
      // what the outcomes must add up to: every audio file the adapter saw
      s.filesSeen = p.labelled().entries().size() + p.labelled().rejected().size();
      for (CorpusEntry e : p.labelled().entries()) {
        tasks.add(FileTask.of(corpus, p.rootUri(), e, knownSha.get(fileKey(corpus, e.relPath()))));
      }
      for (Rejection r : p.labelled().rejected()) {
        adapterRejections.add(
            RowFactory.create(
                corpus,
                r.relPath(),
                null,
                p.sizes().get(r.relPath()),
                r.stage(),
                r.reason(),
                r.detail()));
      }
    }
    LOG.info(
        "ingest: {} files to decode, {} rejected by the corpus adapters",
        tasks.size(),
        adapterRejections.size());
    countRowsWithoutFiles(knownSha.keySet(), tasks, adapterRejections, summaries);

    int parts =
        opts.partitions() > 0
            ? opts.partitions()
            : Math.max(
                1,
                Math.min(
                    2000,
                    Math.max(spark.sparkContext().defaultParallelism() * 2, tasks.size() / 64)));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Dataset<Row> taskDf = spark.createDataFrame(jsc.parallelize(tasks, parts), FileTask.SCHEMA);
    Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(hadoopConf()));
    CollectionAccumulator<FileOutcome> reported =
        spark.sparkContext().collectionAccumulator("ingest file outcomes");
    // Decoded in the write itself: the audio passes through Spark once, and the outcomes arrive
    // beside it.
    Dataset<Row> newUtts =
        taskDf.mapPartitions(
            new DecodePartition(conf, reported, opts.limits()),
            Encoders.row(UtteranceTables.DECODED_SCHEMA));

    Set<String> corpora = summaries.keySet();
    Column ingestedCorpus = col("corpus").isin(corpora.toArray());
    scala.collection.immutable.Seq<String> key = scalaSeq(List.of("corpus", "path"));
    boolean haveUtts = warehouse.exists(UtteranceTables.UTTERANCES);
    boolean haveQ = warehouse.exists(UtteranceTables.QUARANTINE);
    int files = opts.filesPerCorpus();
    List<org.apache.hadoop.fs.Path> staged = new ArrayList<>();
    try {
      Map<String, FileOutcome> outcomes;
      org.apache.hadoop.fs.Path uttStaged;
      long keptRows; // rows of the ingested corpora the new utterances table keeps from the old one
      if (opts.mode() == Mode.REPLACE) {
        boolean keepOthers = haveUtts && holdsOtherCorpora(UtteranceTables.UTTERANCES, corpora);
        Dataset<Row> utterances =
            keepOthers
                ? oldUtterances().filter(ingestedCorpus.unary_$bang()).unionByName(newUtts)
                : newUtts;
        uttStaged = writeUtterances(utterances, files, corpora.size());
        staged.add(uttStaged);
        outcomes = collect(reported, tasks);
        keptRows = 0;
      } else {
        // Append: which old rows stay depends on what the decode found (unchanged files keep
        // theirs), so the new
        // rows are staged first and merged with the old table in a second, layout-only pass.
        org.apache.hadoop.fs.Path fresh =
            warehouse.writeStaging(
                newUtts, NEW_UTTERANCES, List.of(), UtteranceTables.WRITE_OPTIONS);
        staged.add(fresh);
        outcomes = collect(reported, tasks);
        Dataset<Row> freshRows =
            spark.read().schema(UtteranceTables.UTTERANCES_SCHEMA).parquet(fresh.toString());
        List<Row> touchedKeys = new ArrayList<>();
        for (FileOutcome o : outcomes.values()) {
          if (o.kind() != FileOutcome.Kind.UNCHANGED)
            touchedKeys.add(RowFactory.create(o.corpus(), o.path()));
        }
        for (Row r : adapterRejections)
          touchedKeys.add(RowFactory.create(r.getString(0), r.getString(1)));
        // every file listed now was looked at: unchanged ones keep their utterance row, the others
        // are replaced
        Dataset<Row> touched = spark.createDataFrame(touchedKeys, KEY_SCHEMA);
        Dataset<Row> kept = haveUtts ? oldUtterances().join(touched, key, "left_anti") : null;
        keptRows = kept == null ? 0 : kept.filter(ingestedCorpus).count();
        uttStaged =
            writeUtterances(
                kept == null ? freshRows : kept.unionByName(freshRows), files, corpora.size());
        staged.add(uttStaged);
      }
      summarise(outcomes.values(), adapterRejections, summaries);
      for (CorpusSummary s : summaries.values()) {
        if (!s.conserved()) {
          throw new IllegalStateException(
              "ingest lost track of files in " + s.corpus + ": " + s.describe());
        }
      }
      checkWritten(uttStaged, summaries, keptRows);

      List<Row> quarantined = new ArrayList<>(adapterRejections);
      for (FileOutcome o : outcomes.values()) {
        if (o.kind() == FileOutcome.Kind.QUARANTINE) quarantined.add(o.quarantineRow());
      }
      Dataset<Row> newQuarantine =
          spark.createDataFrame(quarantined, UtteranceTables.QUARANTINE_SCHEMA);
      Dataset<Row> quarantine;
      if (opts.mode() == Mode.REPLACE) {
        quarantine =
            haveQ && holdsOtherCorpora(UtteranceTables.QUARANTINE, corpora)
                ? warehouse
                    .read(UtteranceTables.QUARANTINE, UtteranceTables.QUARANTINE_SCHEMA)
                    .filter(ingestedCorpus.unary_$bang())
                    .unionByName(newQuarantine)
                : newQuarantine;
      } else {
        List<Row> listedKeys = new ArrayList<>();
        for (Row t : tasks) listedKeys.add(RowFactory.create(t.getString(0), t.getString(2)));
        for (Row r : adapterRejections)
          listedKeys.add(RowFactory.create(r.getString(0), r.getString(1)));
        quarantine =
            haveQ
                ? warehouse
                    .read(UtteranceTables.QUARANTINE, UtteranceTables.QUARANTINE_SCHEMA)
                    .join(spark.createDataFrame(listedKeys, KEY_SCHEMA), key, "left_anti")
                    .unionByName(newQuarantine)
                : newQuarantine;
      }
      // joins put their keys first: every table keeps the documented column order
      quarantine = quarantine.select(columns(UtteranceTables.QUARANTINE_SCHEMA));
      var qStaged =
          warehouse.writeStaging(
              TableLayout.byCorpus(quarantine, "path", 1, corpora.size()),
              UtteranceTables.QUARANTINE,
              List.of("corpus"));
      staged.add(qStaged);
      warehouse.swapIn(uttStaged, warehouse.tablePath(UtteranceTables.UTTERANCES));
      warehouse.swapIn(qStaged, warehouse.tablePath(UtteranceTables.QUARANTINE));
      return summaries;
    } finally {
      conf.destroy();
      // swapped-in folders are gone already; what is left is an append's fresh rows (merged by now)
      // or the
      // staging of a run that failed before its swap
      for (org.apache.hadoop.fs.Path p : staged) warehouse.discardStaging(p);
    }
  }

  /**
   * Staged new rows of an append, before they are merged with the old table (not a table readers
   * see).
   */
  private static final String NEW_UTTERANCES = "new-utterances";

  private static final org.apache.spark.sql.types.StructType KEY_SCHEMA =
      new org.apache.spark.sql.types.StructType()
          .add("corpus", org.apache.spark.sql.types.DataTypes.StringType, false)
          .add("path", org.apache.spark.sql.types.DataTypes.StringType, false);

  private Dataset<Row> oldUtterances() {
    return warehouse.read(UtteranceTables.UTTERANCES, UtteranceTables.UTTERANCES_SCHEMA);
  }

  private org.apache.hadoop.fs.Path writeUtterances(
      Dataset<Row> utterances, int files, int corpora) {
    // joins put their keys first: every table keeps the documented column order
    Dataset<Row> ordered = utterances.select(columns(UtteranceTables.UTTERANCES_SCHEMA));
    return warehouse.writeStaging(
        TableLayout.byCorpus(ordered, "path", files, corpora),
        UtteranceTables.UTTERANCES,
        List.of("corpus"),
        UtteranceTables.WRITE_OPTIONS);
  }

  /**
   * One outcome per listed file, from the accumulator. A recomputed task reports its files again
   * (the same outcomes), so duplicates are dropped; a file with no outcome at all means a task's
   * report was lost.
   */
  private static Map<String, FileOutcome> collect(
      CollectionAccumulator<FileOutcome> reported, List<Row> tasks) {
    Map<String, FileOutcome> byFile = new LinkedHashMap<>();
    for (FileOutcome o : reported.value()) byFile.putIfAbsent(o.key(), o);
    if (byFile.size() != tasks.size()) {
      throw new IllegalStateException(
          "ingest: "
              + tasks.size()
              + " files were decoded but "
              + byFile.size()
              + " reported an outcome");
    }
    return byFile;
  }

  /**
   * The staged utterances hold exactly the rows the outcomes say were written (plus the old rows
   * kept).
   */
  private void checkWritten(
      org.apache.hadoop.fs.Path staged, Map<String, CorpusSummary> summaries, long keptRows) {
    long expected = keptRows;
    for (CorpusSummary s : summaries.values()) expected += s.written;
    Map<String, Long> perCorpus = warehouse.rowsPerCorpus(staged);
    long rows = summaries.keySet().stream().mapToLong(c -> perCorpus.getOrDefault(c, 0L)).sum();
    if (rows != expected) {
      throw new IllegalStateException(
          "ingest: the staged utterances table holds "
              + rows
              + " rows of "
              + summaries.keySet()
              + " but "
              + expected
              + " were expected; the old tables are left as they were");
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
      LOG.info(
          "corpus {} ({} adapter) at {}: {} files listed, {} entries, {} rejected, {} ignored",
          c.name(),
          adapter.name(),
          qualified,
          rel.size(),
          labelled.entries().size(),
          labelled.rejected().size(),
          labelled.ignored().size());
      if (labelled.entries().isEmpty() && labelled.rejected().isEmpty()) {
        // almost always a wrong path; in replace mode it would swap the corpus's rows for none
        String typed = c.name().equals(c.adapter()) ? c.name() : c.name() + ":" + c.adapter();
        throw new ConfigException(
            "--corpus "
                + typed
                + "="
                + c.root()
                + ": the "
                + adapter.name()
                + " adapter "
                + "finds no audio files of its layout there ("
                + rel.size()
                + " files listed, "
                + labelled.ignored().size()
                + " ignored); check the path. Nothing was written.");
      }
      return new Planned(c, qualified.toString(), labelled, sizes);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "listing corpus " + c.name() + " at " + c.root() + " failed", e);
    }
  }

  /**
   * Whether a table has rows that a replace must keep: a partition folder of a corpus not being
   * ingested (or anything else we do not recognise). Re-ingesting the corpora a table already holds
   * then plans no scan of it.
   */
  private boolean holdsOtherCorpora(String table, Set<String> corpora) {
    try {
      for (FileStatus st : warehouse.fs().listStatus(warehouse.tablePath(table))) {
        String name = st.getPath().getName();
        if (name.startsWith("_") || name.startsWith(".")) continue; // _SUCCESS, checksums
        if (!st.isDirectory() || !name.startsWith("corpus=")) return true;
        if (!corpora.contains(
            ExternalCatalogUtils.unescapePathName(name.substring("corpus=".length())))) return true;
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("listing table " + table + " failed", e);
    }
  }

  /**
   * Append never deletes: rows of files that are no longer in the corpus folder stay in the table.
   * Counted here (from the table's keys and the listing, no Spark job) so that the summary says so
   * instead of keeping them silently.
   */
  private static void countRowsWithoutFiles(
      Set<String> knownKeys,
      List<Row> tasks,
      List<Row> adapterRejections,
      Map<String, CorpusSummary> summaries) {
    if (knownKeys.isEmpty()) return;
    Set<String> listed = new HashSet<>();
    for (Row t : tasks) listed.add(fileKey(t.getString(0), t.getString(2)));
    for (Row r : adapterRejections) listed.add(fileKey(r.getString(0), r.getString(1)));
    for (String k : knownKeys) {
      if (!listed.contains(k)) summaries.get(k.substring(0, k.indexOf('/'))).keptWithoutFile++;
    }
  }

  /**
   * One file of one corpus, as the keys of {@link #knownSha256} name it (corpus names have no '/').
   */
  private static String fileKey(String corpus, String path) {
    return corpus + "/" + path;
  }

  private Map<String, String> knownSha256(Options opts) {
    if (!warehouse.exists(UtteranceTables.UTTERANCES)) return Map.of();
    Map<String, String> known = new HashMap<>();
    Object[] names = opts.corpora().stream().map(CorpusSource::name).toArray();
    for (Row r :
        warehouse
            .read(UtteranceTables.UTTERANCES, UtteranceTables.UTTERANCES_SCHEMA)
            .filter(col("corpus").isin(names))
            .select("corpus", "path", "sha256")
            .collectAsList()) {
      known.put(fileKey(r.getString(0), r.getString(1)), r.getString(2));
    }
    return known;
  }

  private static void summarise(
      Iterable<FileOutcome> outcomes,
      List<Row> adapterRejections,
      Map<String, CorpusSummary> summaries) {
    for (FileOutcome o : outcomes) {
      CorpusSummary s = summaries.get(o.corpus());
      switch (o.kind()) {
        case UNCHANGED -> s.unchanged++;
        case UTTERANCE -> {
          s.written++;
          if (o.emotionMissing()) {
            s.unmappedLabels++;
            s.unmappedByRawLabel.merge(
                o.rawLabel() == null ? "(no label)" : o.rawLabel(), 1L, Long::sum);
          }
        }
        case QUARANTINE -> s.quarantine(o.stage() + ": " + o.reason(), o.path());
      }
    }
    for (Row r : adapterRejections) {
      summaries
          .get(r.getString(0))
          .quarantine(r.getString(4) + ": " + r.getString(5), r.getString(1));
    }
  }

  private org.apache.hadoop.conf.Configuration hadoopConf() {
    return warehouse.spark().sparkContext().hadoopConfiguration();
  }

  private static Column[] columns(org.apache.spark.sql.types.StructType schema) {
    return java.util.Arrays.stream(schema.fieldNames())
        .map(org.apache.spark.sql.functions::col)
        .toArray(Column[]::new);
  }

  private static scala.collection.immutable.Seq<String> scalaSeq(List<String> l) {
    return scala.jdk.javaapi.CollectionConverters.asScala(l).toList();
  }
}
