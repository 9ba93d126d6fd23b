package io.serspark.jobs;

import io.serspark.audio.AudioConverter;
import io.serspark.audio.AudioRejected;
import io.serspark.config.ConfDir;
import io.serspark.ingest.CorpusSource;
import io.serspark.ingest.IngestPipeline;
import io.serspark.jobs.bench.PairCounts;
import io.serspark.jobs.bench.PairedRuns;
import io.serspark.jobs.bench.PlainIngest;
import io.serspark.jobs.bench.RateComparison;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Throughput of ingest: the decode + resample core alone (one thread, no Spark) against the whole
 * Spark job on the same files, in audio-seconds per wall-second and per CPU-second, and their ratio
 * (Spark's overhead). The job's CPU is the whole JVM's (all task threads, driver, JIT compiler,
 * GC), split by kind of thread on Linux.
 */
@Command(
    name = "bench-ingest",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark: ingest throughput, decode+resample core alone vs the whole Spark ingest job.")
public final class BenchIngestJob implements Callable<Integer> {

  @Option(
      names = "--corpus",
      required = true,
      paramLabel = "NAME[:ADAPTER]=PATH",
      description = "Corpora as for ingest (local folders), e.g. emodb=../shared/corpora/emodb")
  List<String> corpora;

  @Option(names = "--warehouse", description = "Scratch warehouse (default: a temporary folder).")
  String warehouse;

  @Option(
      names = "--reference",
      defaultValue = "decode",
      description =
          "What the job is set against: decode (the decode+resample core on files in memory, the issue's "
              + "ratio) or plain (read, sha256, decode and write zstd Parquet without Spark, on one thread: Spark's own "
              + "share). Default: ${DEFAULT-VALUE}")
  String reference;

  @Mixin PairCounts rounds;

  @Override
  public Integer call() throws Exception {
    if (!List.of("decode", "plain").contains(reference)) {
      throw new io.serspark.config.ConfigException(
          "--reference " + reference + ": use decode or plain");
    }
    List<CorpusSource> sources = corpora.stream().map(CorpusSource::parse).toList();
    List<byte[]> files = new ArrayList<>();
    Map<String, List<Path>> paths = new LinkedHashMap<>();
    for (CorpusSource s : sources) {
      try (Stream<Path> w = Files.walk(Path.of(s.root()))) {
        for (Path p : w.filter(Files::isRegularFile).sorted().toList()) {
          String n = p.getFileName().toString().toLowerCase();
          if (n.endsWith(".wav")
              || n.endsWith(".flac")
              || n.endsWith(".mp3")
              || n.endsWith(".aif")
              || n.endsWith(".aiff")
              || n.endsWith(".aifc")) {
            if (reference.equals("decode")) files.add(Files.readAllBytes(p));
            paths.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(p);
          }
        }
      }
    }
    Path scratch =
        warehouse != null ? Path.of(warehouse) : Files.createTempDirectory("serspark-bench-ingest");
    PlainIngest plain =
        new PlainIngest(paths, Files.createDirectories(scratch.resolve("_plain-ingest")));
    SparkSession spark = Sessions.getOrCreate("bench-ingest");
    Warehouse wh = Warehouse.open(spark, scratch.toString());
    IngestPipeline pipeline = new IngestPipeline(wh, ConfDir.resolve());
    var opts = new IngestPipeline.Options(sources, IngestPipeline.Mode.REPLACE, 0, 4);
    int cores = spark.sparkContext().defaultParallelism();
    AudioConverter converter = new AudioConverter();
    DoubleSupplier decodeCore =
        () -> {
          double a = 0;
          for (byte[] f : files) {
            try {
              a += converter.convert(f).durationS();
            } catch (AudioRejected r) {
              // counted as zero audio
            }
          }
          return a;
        };
    boolean plainRef = reference.equals("plain");
    List<PairedRuns.Pair> pairs =
        PairedRuns.time(
            plainRef
                ? "plain Java ingest (read, sha256, decode, zstd Parquet), 1 thread"
                : "decode+resample core, 1 thread",
            "whole Spark ingest job, " + cores + " cores",
            rounds.warmups,
            rounds.pairs,
            plainRef ? plain::pass : decodeCore,
            () -> pipeline.run(opts),
            () ->
                wh.read("utterances")
                    .agg(org.apache.spark.sql.functions.sum("duration_s"))
                    .first()
                    .getDouble(0));

    System.out.printf(
        "files: %d, audio: %.1f s (16 kHz output)%n",
        paths.values().stream().mapToInt(List::size).sum(), pairs.get(0).job().audioS());
    RateComparison.print(System.out, pairs, Double.NaN);
    return 0;
  }
}
