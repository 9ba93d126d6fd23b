package io.serspark.audio.bench;

import io.serspark.audio.AudioConverter;
import io.serspark.audio.AudioRejected;
import io.serspark.audio.ConvertedAudio;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decode + resample throughput, single thread, over every audio file under the given folders
 * (default: EmoDB and the RAVDESS subset in ../shared/corpora). Files are read into memory first,
 * so only conversion is timed; one warm-up pass lets the JIT compile the hot loops, then {@code
 * passes} timed passes.
 *
 * <pre>
 * ./mvnw -B -o -q -pl bench -am -DskipTests package
 * java -cp bench/target/classes:$(cat bench/target/cp.txt) io.serspark.audio.bench.DecodeBenchmark [passes] [folder...]
 * </pre>
 */
public final class DecodeBenchmark {
  private DecodeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    List<Path> roots = new ArrayList<>();
    for (int i = 1; i < args.length; i++) roots.add(Path.of(args[i]));
    if (roots.isEmpty()) {
      Path corpora = findCorpora();
      roots.add(corpora.resolve("emodb"));
      roots.add(corpora.resolve("ravdess"));
    }
    for (Path root : roots) run(root, passes);
    if (roots.size() > 1) run(roots, passes, "all");
  }

  private static void run(Path root, int passes) throws IOException, AudioRejected {
    run(List.of(root), passes, root.getFileName().toString());
  }

  private static void run(List<Path> roots, int passes, String label)
      throws IOException, AudioRejected {
    List<byte[]> files = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p :
            (Iterable<Path>)
                s.filter(Files::isRegularFile)
                        .filter(p -> p.toString().matches("(?i).*\\.(wav|aiff?|aifc|flac|mp3)$"))
                        .sorted()
                    ::iterator) {
          files.add(Files.readAllBytes(p));
        }
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    AudioConverter converter = new AudioConverter();
    double audioS = 0;
    for (byte[] f : files) audioS += converter.convert(f).durationS(); // warm-up
    long sink = 0;
    long wall0 = System.nanoTime();
    long cpu0 = mx.getCurrentThreadCpuTime();
    for (int pass = 0; pass < passes; pass++) {
      for (byte[] f : files) {
        ConvertedAudio a = converter.convert(f);
        sink += a.pcm16().length;
      }
    }
    double wallS = (System.nanoTime() - wall0) / 1e9;
    double cpuS = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double total = audioS * passes;
    System.out.printf(
        "%-8s files=%d audio=%.1f s x %d passes: wall %.3f s, cpu %.3f s -> %.0fx real time per"
            + " wall-second, %.0fx per CPU-second (%d samples)%n",
        label, files.size(), audioS, passes, wallS, cpuS, total / wallS, total / cpuS, sink);
  }

  /** ../shared/corpora from the cwd or any parent, or -Dserspark.root=&lt;project root&gt;. */
  private static Path findCorpora() {
    String root = System.getProperty("serspark.root");
    if (root != null) return Path.of(root).toAbsolutePath().getParent().resolve("shared/corpora");
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (p.getParent() != null && Files.isDirectory(p.getParent().resolve("shared/corpora"))) {
        return p.getParent().resolve("shared/corpora");
      }
    }
    throw new IllegalStateException(
        "../shared/corpora not found from "
            + Path.of("").toAbsolutePath()
            + "; pass folders as arguments or set -Dserspark.root");
  }
}
