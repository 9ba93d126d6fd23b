package io.serspark.jobs;

import static org.apache.spark.sql.functions.sum;

import io.serspark.config.ConfDir;
import io.serspark.config.ConfigException;
import io.serspark.egemaps.EgemapsExtractor;
import io.serspark.features.FeaturesPipeline;
import io.serspark.ingest.CorpusSource;
import io.serspark.ingest.IngestPipeline;
import io.serspark.ingest.UtteranceTables;
import io.serspark.jobs.bench.PairCounts;
import io.serspark.jobs.bench.PairedRuns;
import io.serspark.jobs.bench.RateComparison;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Throughput of eGeMAPS: the extractor alone (one thread, audio in memory) against the whole Spark
 * {@code features} job ({@link FeaturesPipeline} with the job's defaults) on the same utterances,
 * in audio-seconds per CPU-second of the whole JVM, and their ratio (issue target: the job within
 * 1.3x of the extractor per core).
 */
@Command(
    name = "bench-features",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark: eGeMAPS functionals, the extractor alone on one thread vs the whole Spark features job on the",
      "same utterances. Writes features/egemaps_v02 into --warehouse (ingesting --corpus there first if given)."
    })
public final class BenchFeaturesJob implements Callable<Integer> {
  /** The bound on the job's CPU per second of audio relative to the extractor alone. */
  static final double TARGET_RATIO = 1.3;

  @Option(
      names = "--corpus",
      paramLabel = "NAME[:ADAPTER]=PATH",
      description =
          "Ingest these corpora into --warehouse first (not timed), e.g. emodb=../shared/corpora/emodb.")
  List<String> corpora;

  @Option(
      names = "--warehouse",
      description =
          "Warehouse with an utterances table, or a scratch one for --corpus (default: a temporary folder).")
  String warehouse;

  @Mixin PairCounts rounds;

  @Override
  public Integer call() throws Exception {
    String root =
        warehouse != null
            ? warehouse
            : Files.createTempDirectory("serspark-bench-features").toString();
    SparkSession spark = Sessions.getOrCreate("bench-features");
    Warehouse wh = Warehouse.open(spark, root);
    if (corpora != null && !corpora.isEmpty()) {
      List<CorpusSource> sources = corpora.stream().map(CorpusSource::parse).toList();
      new IngestPipeline(wh, ConfDir.resolve())
          .run(new IngestPipeline.Options(sources, IngestPipeline.Mode.REPLACE, 0, 4));
    } else if (!wh.exists(UtteranceTables.UTTERANCES)) {
      throw new ConfigException(
          "--warehouse "
              + root
              + " has no utterances table: give --corpus NAME=PATH to ingest one");
    }

    List<short[]> audio =
        wh.read(UtteranceTables.UTTERANCES).select("pcm16").collectAsList().stream()
            .map(BenchFeaturesJob::samples)
            .toList();
    EgemapsExtractor extractor = new EgemapsExtractor();
    FeaturesPipeline pipeline = new FeaturesPipeline(wh);
    var opts =
        new FeaturesPipeline.Options(List.of(), false, 0, 2); // FeaturesJob's defaults: all corpora
    int cores = spark.sparkContext().defaultParallelism();
    List<PairedRuns.Pair> pairs =
        PairedRuns.time(
            "eGeMAPS extractor alone, 1 thread",
            "whole Spark features job, " + cores + " cores",
            rounds.warmups,
            rounds.pairs,
            () -> {
              double a = 0;
              for (short[] s : audio) {
                extractor.extract(s);
                a += s.length / 16000.0;
              }
              return a;
            },
            () -> pipeline.run(opts),
            () ->
                wh.read(UtteranceTables.UTTERANCES).agg(sum("num_samples")).first().getLong(0)
                    / 16000.0);

    System.out.printf("utterances: %d, audio: %.1f s%n", audio.size(), pairs.get(0).job().audioS());
    RateComparison.print(System.out, pairs, TARGET_RATIO);
    return 0;
  }

  private static short[] samples(Row r) {
    byte[] b = r.getAs(0);
    short[] s = new short[b.length / 2];
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
    return s;
  }
}
