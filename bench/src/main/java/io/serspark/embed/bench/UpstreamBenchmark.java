package io.serspark.embed.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.serspark.bench.AudioFolder;
import io.serspark.bench.BenchArgs;
import io.serspark.embed.BatchPlanner;
import io.serspark.embed.DeviceChoice;
import io.serspark.embed.Embedder;
import io.serspark.embed.ModelRunner;
import io.serspark.embed.ModelSpec;
import io.serspark.embed.Pooling;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Speed and memory of a real upstream (scripts/export_upstream.py) on real utterances:
 * audio-seconds per CPU-second, the achieved GFLOP/s by the architecture's FLOP count ({@link
 * UpstreamFlops}) against libtorch's own dense matmul rate measured in the same JVM, batched
 * against batch size 1 for `lengths` models, and the JVM's peak resident memory (what an executor
 * running it needs). With {@code --long-s S}: one utterance of S seconds (real utterances end to
 * end) embedded in windows, as the job does, against one whole pass, with the difference of every
 * pooled layer and the peak memory of each. Not a test: numbers depend on the machine;
 * docs/embeddings.md has the commands.
 *
 * <pre>
 * GLIBC_TUNABLES=$(grep -v '^#' conf/glibc.tunables) java -Dai.djl.offline=true -DDJL_CACHE_DIR=/tmp/serspark-djl \
 *   -cp bench/target/classes:$(cat bench/target/cp.txt) io.serspark.embed.bench.UpstreamBenchmark \
 *   --model target/models/wav2vec2_base.pt --wav-dir ../shared/corpora/emodb/wav [--limit 40] [--long-s 60]
 * </pre>
 */
public final class UpstreamBenchmark {
  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private UpstreamBenchmark() {}

  public static void main(String[] args) throws IOException {
    BenchArgs a =
        BenchArgs.parse(
            args,
            "UpstreamBenchmark --model <exported upstream .pt> --wav-dir <16 kHz mono 16-bit WAVs> "
                + "[--limit 40] [--long-s 60] [--device cpu|auto|gpu]",
            List.of("--model", "--wav-dir", "--limit", "--long-s", "--device"),
            List.of("--model", "--wav-dir"));
    double longS = Double.parseDouble(a.get("--long-s", "0"));
    Path file = Path.of(a.get("--model", null));
    ModelSpec spec = ModelSpec.read(file);
    UpstreamFlops flops = UpstreamFlops.read(file);
    List<float[]> wavs =
        AudioFolder.waveforms(
            Path.of(a.get("--wav-dir", null)), longS > 0 ? 0 : a.getInt("--limit", 40));
    try (ModelRunner runner =
        ModelRunner.open(file, spec, DeviceChoice.parse(a.get("--device", "cpu")))) {
      System.out.printf(
          Locale.ROOT,
          "model %s (%s input, %d hidden states x %d) on %s; libtorch threads: %s; "
              + "%d cores, load average %.2f at start%n",
          file.getFileName(),
          spec.input().key(),
          spec.hiddenStates(),
          spec.dim(),
          runner.device(),
          System.getProperty("ai.djl.pytorch.num_threads", "default = cores"),
          Runtime.getRuntime().availableProcessors(),
          CPU.getSystemLoadAverage());
      double matmul = matmulGflopsPerCpuS(spec.dim());
      if (longS > 0) {
        longUtterance(spec, runner, wavs, longS);
      } else {
        corpus(spec, flops, runner, wavs, matmul);
      }
      System.out.printf(
          Locale.ROOT,
          "load average at the end %.2f; peak resident memory of this JVM %.0f MB%n",
          CPU.getSystemLoadAverage(),
          peakRssMb());
    }
  }

  private static void corpus(
      ModelSpec spec, UpstreamFlops flops, ModelRunner runner, List<float[]> wavs, double matmul) {
    int[] all = IntStream.range(0, spec.hiddenStates()).toArray();
    List<Pooling> both = List.of(Pooling.MEAN, Pooling.STD);
    double squareS = BatchPlanner.squareSecondsOn(null, runner.device());
    double audioS = 0;
    double gflop = 0;
    for (float[] w : wavs) {
      audioS += w.length / 16000.0;
      gflop += flops.forward(Math.max(w.length, spec.minSamples())) / 1e9;
    }
    System.out.printf(
        Locale.ROOT,
        "%d utterances, %.1f s of audio, %.1f GFLOP by the architecture's count "
            + "(%.1f GFLOP per audio-s)%n",
        wavs.size(),
        audioS,
        gflop,
        gflop / audioS);
    new Embedder(spec, all, both, 320_000, 16_000, 1)
        .embed(wavs.subList(0, Math.min(2, wavs.size())), runner);
    Embedder single = new Embedder(spec, all, both, 320_000, 16_000, 1);
    Embedder batched = new Embedder(spec, all, both, 320_000, 16_000, 960_000, squareS);
    EmbedBenchmark.Timed one;
    EmbedBenchmark.Timed many = null;
    if (spec.input().paddingInvariant()) {
      EmbedBenchmark.Paired p = EmbedBenchmark.Paired.run(single, batched, wavs, runner, 0);
      one = p.single();
      many = p.batched();
    } else {
      one =
          EmbedBenchmark.Timed.run(
              single, wavs, runner); // equal lengths only: EmoDB runs one at a time anyway
    }
    report("batch size 1", one, audioS, gflop, matmul, single);
    if (many != null) {
      report("batched", many, audioS, gflop, matmul, batched);
      System.out.printf(
          Locale.ROOT,
          "batched vs batch size 1: %.2fx wall, %.2fx CPU; max |batched - single| = %.2e%n",
          one.wallS() / many.wallS(),
          one.cpuS() / many.cpuS(),
          EmbedBenchmark.maxAbsDiff(one.out(), many.out()));
    }
  }

  private static void report(
      String path, EmbedBenchmark.Timed t, double audioS, double gflop, double matmul, Embedder e) {
    double achieved = gflop / t.cpuS();
    System.out.printf(
        Locale.ROOT,
        "%s: %.2f audio-s per CPU-s, %.2f audio-s/s wall (%d batches, padding %.1f %%); "
            + "%.1f GFLOP per CPU-s = %.0f %% of libtorch's matmul rate%n",
        path,
        audioS / t.cpuS(),
        audioS / t.wallS(),
        e.batchesRun(),
        100 * e.paddingFraction(),
        achieved,
        100 * achieved / matmul);
  }

  /**
   * One long utterance as the job embeds it (20 s windows, 1 s overlap, pooled back weighted by
   * frames, batches under the CPU's square bound) against one whole pass (the exact embedding,
   * attention over all frames).
   */
  private static void longUtterance(
      ModelSpec spec, ModelRunner runner, List<float[]> wavs, double seconds) {
    int n = (int) Math.round(seconds * 16000);
    float[] x = new float[n];
    for (int at = 0, k = 0; at < n; k++) {
      float[] w = wavs.get(k % wavs.size());
      int m = Math.min(w.length, n - at);
      System.arraycopy(w, 0, x, at, m);
      at += m;
    }
    int[] all = IntStream.range(0, spec.hiddenStates()).toArray();
    List<Pooling> both = List.of(Pooling.MEAN, Pooling.STD);
    double baseline = peakRssMb();
    Embedder windowed =
        new Embedder(
            spec,
            all,
            both,
            320_000,
            16_000,
            960_000,
            BatchPlanner.squareSecondsOn(null, runner.device()));
    EmbedBenchmark.Timed w = EmbedBenchmark.Timed.run(windowed, List.of(x), runner);
    double afterWindowed = peakRssMb();
    Embedder whole = new Embedder(spec, all, both, n, 0, n);
    EmbedBenchmark.Timed o = EmbedBenchmark.Timed.run(whole, List.of(x), runner);
    double afterWhole = peakRssMb();
    System.out.printf(
        Locale.ROOT,
        "one utterance of %.1f s (EmoDB utterances end to end); peak resident memory "
            + "%.0f MB before embedding%n",
        seconds,
        baseline);
    System.out.printf(
        Locale.ROOT,
        "windowed (20 s windows, 1 s overlap, %d windows in %d batches): %.1f s wall, %.1f "
            + "CPU-s, peak resident memory %.0f MB%n",
        w.out().get(0).windows(),
        windowed.batchesRun(),
        w.wallS(),
        w.cpuS(),
        afterWindowed);
    System.out.printf(
        Locale.ROOT,
        "whole (one pass, attention over all %d frames): %.1f s wall, %.1f CPU-s, peak "
            + "resident memory %.0f MB%n",
        o.out().get(0).frames(),
        o.wallS(),
        o.cpuS(),
        afterWhole);
    for (Pooling p : both) {
      StringBuilder rel = new StringBuilder();
      StringBuilder cos = new StringBuilder();
      for (int l : all) {
        float[] a = w.out().get(0).vector(l, p);
        float[] b = o.out().get(0).vector(l, p);
        rel.append(
            String.format(Locale.ROOT, " %.1e", TorchReference.relativeDiff(a, 0, b, 0, a.length)));
        cos.append(String.format(Locale.ROOT, " %.5f", cosine(a, b)));
      }
      System.out.printf(
          Locale.ROOT,
          "%s pooling, windowed vs whole, per hidden state 0..%d: max |diff| / max |whole| "
              + "=%s%n  cosine =%s%n",
          p.name().toLowerCase(Locale.ROOT),
          all.length - 1,
          rel,
          cos);
    }
  }

  /**
   * Dense float32 matmul GFLOP per CPU-second in libtorch, at a transformer's feed-forward shape
   * (500 frames).
   */
  static double matmulGflopsPerCpuS(int dim) {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray a = m.randomUniform(-1, 1, new Shape(500, dim));
      NDArray b = m.randomUniform(-1, 1, new Shape(dim, 4L * dim));
      a.matMul(b).close(); // warm-up
      int reps = Math.max(3, (int) (2e10 / (2.0 * 500 * dim * 4 * dim)));
      long t0 = System.nanoTime();
      long c0 = CPU.getProcessCpuTime();
      for (int i = 0; i < reps; i++) a.matMul(b).close();
      double cpuS = (CPU.getProcessCpuTime() - c0) / 1e9;
      double wallS = (System.nanoTime() - t0) / 1e9;
      double gflop = reps * 2.0 * 500 * dim * 4.0 * dim / 1e9;
      System.out.printf(
          Locale.ROOT,
          "libtorch matmul [500 x %d] x [%d x %d], %d times: %.1f GFLOP per CPU-s, %.1f "
              + "GFLOP/s wall%n",
          dim,
          dim,
          4 * dim,
          reps,
          gflop / cpuS,
          gflop / wallS);
      return gflop / cpuS;
    }
  }

  /** VmHWM: the most resident memory this process has had (Linux). */
  static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:"))
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  static double cosine(float[] a, float[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }
}
