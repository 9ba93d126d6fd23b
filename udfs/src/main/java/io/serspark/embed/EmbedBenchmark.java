package io.serspark.embed;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Throughput of the batched embedding path against one utterance at a time, on the same real utterances (16-bit
 * PCM WAVs, e.g. EmoDB), same model, same device. Prints audio-seconds per second of both, their ratio and the
 * batched plan's padding fraction. Not a test: numbers depend on the machine; docs/embeddings.md has the command.
 *
 * <pre>
 * java -Dai.djl.offline=true -DDJL_CACHE_DIR=/tmp/serspark-djl -cp udfs/target/classes:$(cat /tmp/udfs-cp.txt) \
 *   io.serspark.embed.EmbedBenchmark --model udfs/src/test/resources/models/tiny-ssl-lengths.pt \
 *   --wav-dir ../shared/corpora/emodb/wav [--limit 0] [--max-batch-samples 960000] [--device cpu] [--layers all]
 * </pre>
 */
public final class EmbedBenchmark {
  private EmbedBenchmark() {}

  public static void main(String[] args) throws IOException {
    String model = null;
    String wavDir = null;
    int limit = 0;
    long budget = 960_000;
    String device = "cpu";
    String layers = "all";
    for (int i = 0; i < args.length; i += 2) {
      String v = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--model" -> model = v;
        case "--wav-dir" -> wavDir = v;
        case "--limit" -> limit = Integer.parseInt(v);
        case "--max-batch-samples" -> budget = Long.parseLong(v);
        case "--device" -> device = v;
        case "--layers" -> layers = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (model == null || wavDir == null) {
      System.err.println("usage: EmbedBenchmark --model <file.pt> --wav-dir <folder of 16 kHz mono 16-bit WAVs> "
          + "[--limit N] [--max-batch-samples N] [--device cpu|gpu|auto] [--layers all]");
      System.exit(2);
    }
    List<float[]> wavs = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(wavDir))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".wav")).sorted().toList()) {
        if (limit > 0 && wavs.size() >= limit) break;
        wavs.add(readPcm16Wav(p));
      }
    }
    long samples = 0;
    for (float[] w : wavs) samples += w.length;
    double audioS = samples / 16000.0;

    ModelSpec spec = ModelSpec.read(Path.of(model));
    int[] sel = LayerSelection.parse(layers).resolve(spec.hiddenStates());
    List<Pooling> both = List.of(Pooling.MEAN, Pooling.STD);
    try (ModelRunner runner = ModelRunner.open(Path.of(model), spec, DeviceChoice.parse(device))) {
      // warm-up: first calls of a TorchScript module are profiled and optimised by libtorch
      List<float[]> warm = wavs.subList(0, Math.min(16, wavs.size()));
      new Embedder(spec, sel, both, 320_000, 16_000, budget).embed(warm, runner);
      new Embedder(spec, sel, both, 320_000, 16_000, 1).embed(warm, runner);

      // CPU time of the whole process as well as wall time: on a shared machine wall time mostly measures the
      // neighbours, and libtorch's intra-op worker threads (-Dai.djl.pytorch.num_threads > 1) are not this thread.
      com.sun.management.OperatingSystemMXBean cpu =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      Embedder single = new Embedder(spec, sel, both, 320_000, 16_000, 1);
      long t0 = System.nanoTime();
      long c0 = cpu.getProcessCpuTime();
      List<UtteranceEmbedding> a = single.embed(wavs, runner);
      double singleS = (System.nanoTime() - t0) / 1e9;
      double singleCpuS = (cpu.getProcessCpuTime() - c0) / 1e9;

      Embedder batched = new Embedder(spec, sel, both, 320_000, 16_000, budget);
      t0 = System.nanoTime();
      c0 = cpu.getProcessCpuTime();
      List<UtteranceEmbedding> b = batched.embed(wavs, runner);
      double batchedS = (System.nanoTime() - t0) / 1e9;
      double batchedCpuS = (cpu.getProcessCpuTime() - c0) / 1e9;

      double maxDiff = 0;
      for (int i = 0; i < a.size(); i++) {
        for (int s = 0; s < sel.length; s++) {
          for (int p = 0; p < both.size(); p++) {
            float[] x = a.get(i).vectors()[s][p];
            float[] y = b.get(i).vectors()[s][p];
            for (int d = 0; d < x.length; d++) maxDiff = Math.max(maxDiff, Math.abs(x[d] - y[d]));
          }
        }
      }
      System.out.printf(Locale.ROOT, "model %s (%s input, %d hidden states x %d) on %s; %d utterances, %.1f s of audio%n",
          Path.of(model).getFileName(), spec.input().key(), spec.hiddenStates(), spec.dim(), runner.device(),
          wavs.size(), audioS);
      System.out.printf(Locale.ROOT, "libtorch intra-op threads: %s (-Dai.djl.pytorch.num_threads)%n",
          System.getProperty("ai.djl.pytorch.num_threads", "default = cores"));
      System.out.printf(Locale.ROOT, "batch size 1 : %8.1f audio-s/s wall, %8.1f audio-s/CPU-s  (%d batches, %.2f s)%n",
          audioS / singleS, audioS / singleCpuS, single.batchesRun(), singleS);
      System.out.printf(Locale.ROOT, "batched      : %8.1f audio-s/s wall, %8.1f audio-s/CPU-s  (%d batches, budget %d "
          + "samples, %.2f s)%n", audioS / batchedS, audioS / batchedCpuS, batched.batchesRun(), budget, batchedS);
      System.out.printf(Locale.ROOT, "speed-up %.2fx wall, %.2fx CPU; padding %.1f %%; max |batched - single| = %.2e%n",
          singleS / batchedS, singleCpuS / batchedCpuS, 100 * batched.paddingFraction(), maxDiff);
    }
  }

  /** The samples of a 16 kHz mono 16-bit PCM WAV (RIFF chunks walked, so extra chunks do not matter). */
  static float[] readPcm16Wav(Path p) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) throw new IOException(p + " is not RIFF/WAVE");
    int pos = 12;
    boolean fmtOk = false;
    while (pos + 8 <= b.limit()) {
      int id = b.getInt(pos);
      int size = b.getInt(pos + 4);
      if (id == 0x20746d66) { // "fmt "
        fmtOk = b.getShort(pos + 8) == 1 && b.getShort(pos + 10) == 1 && b.getInt(pos + 12) == 16000
            && b.getShort(pos + 22) == 16;
      } else if (id == 0x61746164) { // "data"
        if (!fmtOk) throw new IOException(p + " is not 16 kHz mono 16-bit PCM");
        int n = Math.min(size, b.limit() - pos - 8) / 2;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = b.getShort(pos + 8 + 2 * i) / 32768f;
        return out;
      }
      pos += 8 + size + (size & 1);
    }
    throw new IOException(p + " has no data chunk");
  }
}
