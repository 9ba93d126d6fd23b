package io.serspark.embed.bench;

import io.serspark.bench.AudioFolder;
import io.serspark.bench.BenchArgs;
import io.serspark.embed.Batch;
import io.serspark.embed.BatchEncoder;
import io.serspark.embed.BatchPlan;
import io.serspark.embed.BatchPlanner;
import io.serspark.embed.DeviceChoice;
import io.serspark.embed.Embedder;
import io.serspark.embed.LayerSelection;
import io.serspark.embed.MallocSettings;
import io.serspark.embed.ModelRunner;
import io.serspark.embed.ModelSpec;
import io.serspark.embed.Pooling;
import io.serspark.embed.Segment;
import io.serspark.embed.UtteranceEmbedding;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of the batched embedding path against one utterance at a time, on the same real
 * utterances (16-bit PCM WAVs, e.g. EmoDB), same model, same device. Prints audio-seconds per
 * second of both, their ratio and the batched plan's padding fraction. Not a test: numbers depend
 * on the machine; docs/embeddings.md has the command.
 *
 * <pre>
 * GLIBC_TUNABLES=$(grep -v '^#' conf/glibc.tunables) java -Dai.djl.offline=true -DDJL_CACHE_DIR=/tmp/serspark-djl \
 *   -cp bench/target/classes:$(cat bench/target/cp.txt) \
 *   io.serspark.embed.bench.EmbedBenchmark --model udfs/src/test/resources/models/tiny-ssl-lengths.pt \
 *   --wav-dir ../shared/corpora/emodb/wav [--limit 0] [--max-batch-samples 960000] [--max-batch-square-seconds auto]
 *   [--device cpu] [--layers all] [--runs 5]
 * </pre>
 */
public final class EmbedBenchmark {
  private EmbedBenchmark() {}

  public static void main(String[] args) throws IOException {
    BenchArgs a =
        BenchArgs.parse(
            args,
            "EmbedBenchmark --model <file.pt> --wav-dir <folder of 16 kHz mono 16-bit WAVs> "
                + "[--limit N] [--max-batch-samples N] [--max-batch-square-seconds auto|none|S] "
                + "[--device cpu|gpu|auto] [--layers all] [--runs 5]",
            List.of(
                "--model",
                "--wav-dir",
                "--limit",
                "--max-batch-samples",
                "--max-batch-square-seconds",
                "--device",
                "--layers",
                "--runs"),
            List.of("--model", "--wav-dir"));
    String model = a.get("--model", null);
    long budget = Long.parseLong(a.get("--max-batch-samples", "960000"));
    // auto, as the embed job: 400 s² on a CPU, none on a GPU
    Double squareGiven =
        BatchPlanner.parseSquareSeconds(a.get("--max-batch-square-seconds", "auto"));
    String device = a.get("--device", "cpu");
    String layers = a.get("--layers", "all");
    int runs = a.getInt("--runs", 5);
    if (runs < 1) throw new IllegalArgumentException("--runs must be 1 or more: " + runs);
    List<float[]> wavs =
        AudioFolder.waveforms(Path.of(a.get("--wav-dir", null)), a.getInt("--limit", 0));
    long samples = 0;
    for (float[] w : wavs) samples += w.length;
    double audioS = samples / 16000.0;

    ModelSpec spec = ModelSpec.read(Path.of(model));
    int[] sel = LayerSelection.parse(layers).resolve(spec.hiddenStates());
    List<Pooling> both = List.of(Pooling.MEAN, Pooling.STD);
    try (ModelRunner runner = ModelRunner.open(Path.of(model), spec, DeviceChoice.parse(device))) {
      double squareSeconds = BatchPlanner.squareSecondsOn(squareGiven, runner.device());
      // warm-up: first calls of a TorchScript module are profiled and optimised by libtorch
      List<float[]> warm = trimmed(wavs.subList(0, Math.min(16, wavs.size())), runs);
      new Embedder(spec, sel, both, 320_000, 16_000, budget, squareSeconds).embed(warm, runner);
      new Embedder(spec, sel, both, 320_000, 16_000, 1).embed(warm, runner);

      System.out.printf(
          Locale.ROOT,
          "model %s (%s input, %d hidden states x %d) on %s; %d utterances, %.1f s of audio%n",
          Path.of(model).getFileName(),
          spec.input().key(),
          spec.hiddenStates(),
          spec.dim(),
          runner.device(),
          wavs.size(),
          audioS);
      System.out.printf(
          Locale.ROOT,
          "libtorch intra-op threads: %s (-Dai.djl.pytorch.num_threads)%n",
          System.getProperty("ai.djl.pytorch.num_threads", "default = cores"));
      // the jobs run with conf/glibc.tunables (submit.sh); a plain java command has them only when
      // given
      System.out.printf(
          Locale.ROOT,
          "malloc: %s%s%n",
          MallocSettings.describe(),
          System.getenv("GLIBC_TUNABLES") == null
              ? " - not the jobs' settings; prefix the command with "
                  + "GLIBC_TUNABLES=$(grep -v '^#' conf/glibc.tunables)"
              : "");
      double[] wallRatios = new double[runs];
      double[] cpuRatios = new double[runs];
      for (int r = 0; r < runs; r++) {
        // libtorch caches work per input shape (oneDNN builds its convolution primitives for each
        // new shape), and a
        // pass over a corpus meets every shape once; so every run shortens each utterance by r
        // samples (under
        // 1 ms) and no run profits from shapes an earlier run built.
        List<float[]> input = trimmed(wavs, r);
        Embedder single = new Embedder(spec, sel, both, 320_000, 16_000, 1);
        Embedder batched = new Embedder(spec, sel, both, 320_000, 16_000, budget, squareSeconds);
        Paired p = Paired.run(single, batched, input, runner, r);
        double runAudioS = 0;
        for (float[] w : input) runAudioS += w.length / 16000.0;
        wallRatios[r] = p.single.wallS / p.batched.wallS;
        cpuRatios[r] = p.single.cpuS / p.batched.cpuS;
        System.out.printf(
            Locale.ROOT,
            "run %d: batch size 1 %7.1f audio-s/s wall, %7.1f audio-s/CPU-s (%d batches); "
                + "batched %7.1f audio-s/s wall, %7.1f audio-s/CPU-s (%d batches); speed-up %.2fx wall, %.2fx CPU; "
                + "padding %.1f %%; max |batched - single| = %.2e%n",
            r + 1,
            runAudioS / p.single.wallS,
            runAudioS / p.single.cpuS,
            single.batchesRun(),
            runAudioS / p.batched.wallS,
            runAudioS / p.batched.cpuS,
            batched.batchesRun(),
            wallRatios[r],
            cpuRatios[r],
            100 * batched.paddingFraction(),
            maxAbsDiff(p.single.out, p.batched.out));
      }
      Arrays.sort(wallRatios);
      Arrays.sort(cpuRatios);
      System.out.printf(
          Locale.ROOT,
          "speed-up, median of %d runs: %.2fx wall (%.2f-%.2f), %.2fx CPU (%.2f-%.2f); "
              + "budget %d samples, %s s² (items x longest²)%n",
          runs,
          median(wallRatios),
          wallRatios[0],
          wallRatios[runs - 1],
          median(cpuRatios),
          cpuRatios[0],
          cpuRatios[runs - 1],
          budget,
          Double.isInfinite(squareSeconds)
              ? "no bound on"
              : String.format(Locale.ROOT, "%.0f", squareSeconds));
      printCostModel(wavs, runner, audioS / wavs.size());
    }
  }

  /**
   * Both paths over the same utterances, paired batch by batch: the utterances of each batch of the
   * batched plan are embedded one at a time and then batched (or the other way round, alternating),
   * and each path's times are summed. A whole-corpus pass per path takes 1.5 to 6 s, and on a
   * shared machine the speed of such stretches varies by half (single passes of the same invocation
   * gave 2.3x to 3.9x); pairing every 50-200 ms puts both paths under the same conditions, so the
   * ratio measures the paths rather than the neighbours.
   */
  record Paired(Timed single, Timed batched) {
    static Paired run(
        Embedder single, Embedder batched, List<float[]> wavs, ModelRunner runner, int run) {
      int[] lengths = new int[wavs.size()];
      for (int i = 0; i < lengths.length; i++) lengths[i] = wavs.get(i).length;
      List<int[]> chunks = chunksByBatch(batched.plan(lengths), wavs.size());
      UtteranceEmbedding[] outSingle = new UtteranceEmbedding[wavs.size()];
      UtteranceEmbedding[] outBatched = new UtteranceEmbedding[wavs.size()];
      double[] single1 = new double[2];
      double[] batched1 = new double[2];
      for (int k = 0; k < chunks.size(); k++) {
        int[] items = chunks.get(k);
        List<float[]> part = new ArrayList<>(items.length);
        for (int i : items) part.add(wavs.get(i));
        boolean singleFirst = (run + k) % 2 == 0;
        Timed a = singleFirst ? Timed.run(single, part, runner) : null;
        Timed b = Timed.run(batched, part, runner);
        if (!singleFirst) a = Timed.run(single, part, runner);
        single1[0] += a.wallS;
        single1[1] += a.cpuS;
        batched1[0] += b.wallS;
        batched1[1] += b.cpuS;
        for (int j = 0; j < items.length; j++) {
          outSingle[items[j]] = a.out.get(j);
          outBatched[items[j]] = b.out.get(j);
        }
      }
      return new Paired(
          new Timed(List.of(outSingle), single1[0], single1[1]),
          new Timed(List.of(outBatched), batched1[0], batched1[1]));
    }
  }

  /**
   * The items of each batch of the plan, each item in the batch of its first segment (windows may
   * span two).
   */
  static List<int[]> chunksByBatch(BatchPlan plan, int items) {
    boolean[] taken = new boolean[items];
    List<int[]> chunks = new ArrayList<>();
    for (Batch b : plan.batches()) {
      List<Integer> chunk = new ArrayList<>();
      for (Segment s : b.segments()) {
        if (!taken[s.item()]) {
          taken[s.item()] = true;
          chunk.add(s.item());
        }
      }
      if (!chunk.isEmpty()) chunks.add(chunk.stream().mapToInt(Integer::intValue).toArray());
    }
    return chunks;
  }

  /**
   * One path's pass over the utterances: its output, wall time and the whole process's CPU time.
   */
  record Timed(List<UtteranceEmbedding> out, double wallS, double cpuS) {
    // CPU time of the whole process as well as wall time: on a shared machine wall time partly
    // measures the
    // neighbours, and libtorch's intra-op worker threads (-Dai.djl.pytorch.num_threads > 1) are not
    // this thread.
    private static final com.sun.management.OperatingSystemMXBean CPU =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static Timed run(Embedder e, List<float[]> wavs, ModelRunner runner) {
      long t0 = System.nanoTime();
      long c0 = CPU.getProcessCpuTime();
      List<UtteranceEmbedding> out = e.embed(wavs, runner);
      return new Timed(out, (System.nanoTime() - t0) / 1e9, (CPU.getProcessCpuTime() - c0) / 1e9);
    }
  }

  private static List<float[]> trimmed(List<float[]> wavs, int by) {
    List<float[]> out = new ArrayList<>(wavs.size());
    for (float[] w : wavs) out.add(by == 0 ? w : Arrays.copyOf(w, Math.max(1, w.length - by)));
    return out;
  }

  static double maxAbsDiff(List<UtteranceEmbedding> a, List<UtteranceEmbedding> b) {
    double max = 0;
    for (int i = 0; i < a.size(); i++) {
      float[][][] x = a.get(i).vectors();
      float[][][] y = b.get(i).vectors();
      for (int s = 0; s < x.length; s++) {
        for (int p = 0; p < x[s].length; p++) {
          for (int d = 0; d < x[s][p].length; d++)
            max = Math.max(max, Math.abs(x[s][p][d] - y[s][p][d]));
        }
      }
    }
    return max;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * Splits the cost of a forward into what batching amortises and what it cannot remove, from
   * forwards of 0.25 s and 4 s cut from the corpus's longest utterance, at batch size 1 and in a
   * batch of 16: a cost per call, an extra cost when the input shape is new (every call of a corpus
   * pass at batch size 1), and a cost per audio-second (the model's arithmetic on the samples).
   */
  static void printCostModel(List<float[]> wavs, ModelRunner runner, double meanS) {
    float[] longest =
        wavs.stream().max((x, y) -> Integer.compare(x.length, y.length)).orElseThrow();
    int shortN = 4_000;
    int longN = Math.min(64_000, longest.length);
    if (longN < 4 * shortN) return; // too little audio to separate the costs
    double[] b1 = fit(longest, shortN, longN, 1, runner);
    double[] b16 = fit(longest, shortN, longN, 16, runner);
    double newShape1 = newShapeMs(longest, 1, runner);
    double newShape16 = newShapeMs(longest, 16, runner);
    System.out.printf(
        Locale.ROOT,
        "cost model, batch size 1: %.2f ms per call + %.2f ms more when the shape is new + "
            + "%.2f ms per audio-s%n",
        b1[0],
        newShape1,
        b1[1]);
    System.out.printf(
        Locale.ROOT,
        "cost model, batch of 16 : %.2f ms per call + %.2f ms more when the shape is new + "
            + "%.2f ms per audio-s%n",
        b16[0],
        newShape16,
        b16[1]);
    double perUtterance1 = b1[0] + newShape1 + b1[1] * meanS;
    System.out.printf(
        Locale.ROOT,
        "at this corpus's mean %.2f s: batch size 1 %.2f ms per utterance; batches of 16 "
            + "%.2f; the ceiling (no per-call or per-shape cost at all) is %.2fx%n",
        meanS,
        perUtterance1,
        (b16[0] + newShape16) / 16 + b16[1] * meanS,
        perUtterance1 / (b16[1] * meanS));
  }

  /**
   * {ms per call, ms per audio-second} for batches of {@code batch} copies of one shape, from two
   * input lengths.
   */
  private static double[] fit(
      float[] audio, int shortN, int longN, int batch, BatchEncoder runner) {
    double tShort = medianCallMs(audio, new int[] {shortN}, batch, runner);
    double tLong = medianCallMs(audio, new int[] {longN}, batch, runner);
    double perSecond = (tLong - tShort) / ((longN - shortN) / 16000.0) / batch;
    return new double[] {tShort - perSecond * batch * shortN / 16000.0, perSecond};
  }

  /**
   * Median extra time of a call whose input shape libtorch has not seen, at 2.8 s per item or less:
   * the same calls are timed twice, on fresh shapes and again once those are cached. Lengths step
   * by 331 samples, more than the model's stride, so that every convolution of the stack meets a
   * new shape (1-sample steps often leave the deeper layers' shapes unchanged and hide most of the
   * cost).
   */
  private static double newShapeMs(float[] audio, int batch, BatchEncoder runner) {
    int calls = Math.max(5, 40 / batch);
    int[] fresh = new int[calls];
    for (int k = 0; k < calls; k++) fresh[k] = Math.min(44_800, audio.length) - 331 * (k + 1) - 7;
    return medianCallMs(audio, fresh, batch, runner) - medianCallMs(audio, fresh, batch, runner);
  }

  /**
   * Median wall time of calls on {@code batch} copies of the audio cut to each length in turn (one
   * length: repeated).
   */
  private static double medianCallMs(
      float[] audio, int[] lengthsInTurn, int batch, BatchEncoder runner) {
    int calls = lengthsInTurn.length > 1 ? lengthsInTurn.length : Math.max(5, 80 / batch);
    if (lengthsInTurn.length == 1)
      encodeCopies(audio, lengthsInTurn[0], batch, runner); // this shape, warm
    double[] ms = new double[calls];
    for (int k = 0; k < calls; k++) {
      int n = lengthsInTurn[Math.min(k, lengthsInTurn.length - 1)];
      long t0 = System.nanoTime();
      encodeCopies(audio, n, batch, runner);
      ms[k] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return median(ms);
  }

  private static void encodeCopies(float[] audio, int n, int batch, BatchEncoder runner) {
    float[] wav = new float[batch * n];
    int[] lengths = new int[batch];
    for (int i = 0; i < batch; i++) {
      System.arraycopy(audio, 0, wav, i * n, n);
      lengths[i] = n;
    }
    runner.encode(wav, batch, n, lengths);
  }
}
