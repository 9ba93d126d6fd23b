package io.serspark.jobs;

import io.serspark.audio.AudioConverter;
import io.serspark.audio.AudioRejected;
import io.serspark.config.ConfDir;
import io.serspark.ingest.CorpusSource;
import io.serspark.ingest.IngestPipeline;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Throughput of ingest: the decode + resample core alone (one thread, no Spark) against the whole Spark job on
 * the same files, in audio-seconds per wall-second and per CPU-second, and their ratio (Spark's overhead).
 */
@Command(
    name = "bench-ingest",
    mixinStandardHelpOptions = true,
    description = "Benchmark: ingest throughput, decode+resample core alone vs the whole Spark ingest job.")
public final class BenchIngestJob implements Callable<Integer> {

  @Option(names = "--corpus", required = true, paramLabel = "NAME[:ADAPTER]=PATH",
      description = "Corpora as for ingest (local folders), e.g. emodb=../shared/corpora/emodb")
  List<String> corpora;

  @Option(names = "--warehouse", description = "Scratch warehouse (default: a temporary folder).")
  String warehouse;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds of the core loop (the first warms up the JIT).")
  int rounds;

  @Override
  public Integer call() throws Exception {
    List<CorpusSource> sources = corpora.stream().map(CorpusSource::parse).toList();
    List<byte[]> files = new ArrayList<>();
    for (CorpusSource s : sources) {
      try (Stream<Path> w = Files.walk(Path.of(s.root()))) {
        for (Path p : w.filter(Files::isRegularFile).sorted().toList()) {
          String n = p.getFileName().toString().toLowerCase();
          if (n.endsWith(".wav") || n.endsWith(".flac") || n.endsWith(".mp3") || n.endsWith(".aif")
              || n.endsWith(".aiff") || n.endsWith(".aifc")) {
            files.add(Files.readAllBytes(p));
          }
        }
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    AudioConverter converter = new AudioConverter();
    double audioS = 0;
    long wall = 0;
    long cpu = 0;
    for (int round = 0; round < Math.max(2, rounds); round++) {
      double a = 0;
      long w0 = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      for (byte[] f : files) {
        try {
          a += converter.convert(f).durationS();
        } catch (AudioRejected r) {
          // counted as zero audio
        }
      }
      if (round > 0) { // round 0 warms up the JIT
        wall += System.nanoTime() - w0;
        cpu += threads.getCurrentThreadCpuTime() - c0;
        audioS += a;
      }
    }
    double coreWall = audioS / (wall / 1e9);
    double coreCpu = audioS / (cpu / 1e9);

    Path scratch = warehouse != null ? Path.of(warehouse) : Files.createTempDirectory("serspark-bench-ingest");
    SparkSession spark = Sessions.getOrCreate("bench-ingest");
    Warehouse wh = Warehouse.open(spark, scratch.toString());
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    IngestPipeline pipeline = new IngestPipeline(wh, ConfDir.resolve());
    var opts = new IngestPipeline.Options(sources, IngestPipeline.Mode.REPLACE, 0, 4);
    pipeline.run(opts); // warm-up run (JIT, Spark's first-job costs)
    long jw0 = System.nanoTime();
    long jc0 = os.getProcessCpuTime();
    pipeline.run(opts);
    long jobWall = System.nanoTime() - jw0;
    long jobCpu = os.getProcessCpuTime() - jc0;
    double jobAudio = wh.read("utterances").agg(org.apache.spark.sql.functions.sum("duration_s")).first().getDouble(0);
    double jobWallRate = jobAudio / (jobWall / 1e9);
    double jobCpuRate = jobAudio / (jobCpu / 1e9);
    int cores = spark.sparkContext().defaultParallelism();

    System.out.printf("files: %d, audio per round: %.1f s (16 kHz output)%n", files.size(), audioS / Math.max(1, rounds - 1));
    System.out.printf("decode+resample core, 1 thread : %8.0f x real time per wall-second, %8.0f x per CPU-second%n",
        coreWall, coreCpu);
    System.out.printf("whole Spark ingest job, %d cores: %8.0f x real time per wall-second, %8.0f x per CPU-second%n",
        cores, jobWallRate, jobCpuRate);
    System.out.printf("Spark overhead (core per CPU-s / job per CPU-s): %.2f x%n", coreCpu / jobCpuRate);
    return 0;
  }
}
