package io.serspark.jobs;

import io.serspark.audio.UtteranceLimits;
import io.serspark.config.ConfDir;
import io.serspark.ingest.CorpusSource;
import io.serspark.ingest.CorpusSummary;
import io.serspark.ingest.IngestPipeline;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Decode raw emotional-speech corpora into the Parquet table 'utterances' (16 kHz mono int16 PCM, speaker,",
      "gender, label, split, sha256). Files that cannot be used go to 'quarantine' with a plain reason; every",
      "audio file ends up in exactly one of the two. Prints a summary per corpus."
    })
public final class IngestJob implements Callable<Integer> {

  @Option(
      names = "--corpus",
      required = true,
      paramLabel = "NAME[:ADAPTER]=PATH",
      description = {
        "A corpus folder in its official layout, e.g. emodb=/data/EmoDB; repeat for several.",
        "NAME picks the adapter conf/corpora/NAME.yaml (emodb, ravdess, tess, savee, crema-d, iemocap, msp-podcast)",
        "or, for a folder with manifest.csv/.tsv at its root, any name; NAME:ADAPTER=PATH names the corpus yourself. PATH may be",
        "any Hadoop URI (hdfs://, s3a://, file://)."
      })
  List<String> corpora;

  @Option(names = "--warehouse", required = true, description = "Warehouse folder or Hadoop URI.")
  String warehouse;

  @Option(
      names = "--mode",
      defaultValue = "replace",
      description = {
        "replace (default): the named corpora are ingested afresh; other corpora in the table stay.",
        "append: only files not yet ingested, or whose sha256 changed, are decoded."
      })
  String mode;

  @Option(
      names = "--partitions",
      defaultValue = "0",
      description = "Decode tasks (0 = automatic: about 64 files per task, at least 2 per core).")
  int partitions;

  @Option(
      names = "--files-per-corpus",
      defaultValue = "4",
      description =
          "Parquet files per corpus folder of the table (fixed, so output never depends on the cluster).")
  int filesPerCorpus;

  @Option(
      names = "--max-utterance-seconds",
      defaultValue = "" + UtteranceLimits.DEFAULT_MAX_SECONDS,
      description = {
        "Longest recording one file may hold (default: ${DEFAULT-VALUE} s, above any corpus we know);",
        "longer files are quarantined, decided from the header before decoding. Bounds the memory one file needs."
      })
  String maxUtteranceSeconds;

  @Override
  public Integer call() {
    List<CorpusSource> sources = corpora.stream().map(CorpusSource::parse).toList();
    IngestPipeline.Mode m =
        switch (mode.toLowerCase()) {
          case "replace" -> IngestPipeline.Mode.REPLACE;
          case "append" -> IngestPipeline.Mode.APPEND;
          default ->
              throw new io.serspark.config.ConfigException(
                  "--mode must be replace or append, got '" + mode + "'");
        };
    var limits = UtteranceLimits.parseMaxSeconds("--max-utterance-seconds", maxUtteranceSeconds);
    var opts = new IngestPipeline.Options(sources, m, partitions, filesPerCorpus, limits);
    var conf = ConfDir.resolve();
    SparkSession spark = Sessions.getOrCreate("ingest");
    Warehouse wh = Warehouse.open(spark, warehouse);
    IngestPipeline pipeline = new IngestPipeline(wh, conf);
    long t0 = System.nanoTime();
    Map<String, CorpusSummary> summary = pipeline.run(opts);
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.println("ingest summary (warehouse " + wh.root() + "):");
    summary.values().forEach(s -> System.out.print(s.describe()));
    System.out.printf("ingest finished in %.1f s%n", secs);
    return 0;
  }
}
