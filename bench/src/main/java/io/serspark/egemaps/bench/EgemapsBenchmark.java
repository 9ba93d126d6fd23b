package io.serspark.egemaps.bench;

import io.serspark.bench.AudioFolder;
import io.serspark.egemaps.EgemapsExtractor;
import io.serspark.egemaps.voice.FormantTracker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Single-thread throughput of {@link EgemapsExtractor} on a folder of 16 kHz 16-bit WAVs (all of
 * EmoDB by default): seconds of audio per CPU second of this thread (ThreadMXBean), functionals
 * only and functionals + LLDs, after warm-up passes. Audio is read into memory first, so only
 * extraction is timed.
 *
 * <p>Usage: {@code java -cp bench/target/classes:$(cat bench/target/cp.txt)
 * io.serspark.egemaps.bench.EgemapsBenchmark [wavDir] [warmupPasses] [timedPasses]
 * [opensmile|accurate]} (udfs/EGEMAPS.md has the exact command; the audio is read by the ingest
 * decoders; the last argument picks the formant tracker, openSMILE's chain by default).
 */
public final class EgemapsBenchmark {
  private EgemapsBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : defaultEmodb();
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    FormantTracker formants =
        args.length > 3 ? FormantTracker.parse(args[3]) : FormantTracker.OPENSMILE;
    List<short[]> audio = AudioFolder.pcm16(dir, 0);
    if (audio.isEmpty()) throw new IllegalArgumentException("no .wav files in " + dir);
    double audioS = 0;
    for (short[] a : audio) audioS += a.length / 16000.0;
    System.out.printf(
        "%d files, %.1f s of audio from %s; formants: %s%n", audio.size(), audioS, dir, formants);

    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (String mode : new String[] {"functionals", "functionals+llds"}) {
      boolean llds = mode.equals("functionals+llds");
      for (int w = 0; w < warmup; w++) run(new EgemapsExtractor(formants), audio, llds);
      double best = 0;
      for (int p = 0; p < passes; p++) {
        // a new extractor per pass: one keeps the analysis of its last input (so that --lld reuses
        // it), which
        // would make every pass over a single file after the first a cache hit
        EgemapsExtractor extractor = new EgemapsExtractor(formants);
        long t0 = mx.getCurrentThreadCpuTime();
        run(extractor, audio, llds);
        double cpuS = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
        double rtf = audioS / cpuS;
        best = Math.max(best, rtf);
        System.out.printf(
            "%-17s pass %d: %.2f CPU s -> %.1fx real time per core%n", mode, p + 1, cpuS, rtf);
      }
      System.out.printf("%-17s best: %.1fx real time per core%n", mode, best);
    }
  }

  private static long sink;

  private static void run(EgemapsExtractor extractor, List<short[]> audio, boolean llds) {
    for (short[] a : audio) {
      sink += Float.floatToIntBits(extractor.extract(a).values()[0]);
      if (llds) sink += extractor.extractLlds(a).frames();
    }
  }

  private static Path defaultEmodb() {
    String root = System.getProperty("serspark.root");
    Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    while (p != null) {
      Path wav = p.resolve("shared/corpora/emodb/wav");
      if (Files.isDirectory(wav)) return wav;
      Path sibling = p.resolveSibling("shared").resolve("corpora/emodb/wav");
      if (Files.isDirectory(sibling)) return sibling;
      p = p.getParent();
    }
    throw new IllegalArgumentException(
        "EmoDB not found above the working directory; pass the wav folder");
  }
}
