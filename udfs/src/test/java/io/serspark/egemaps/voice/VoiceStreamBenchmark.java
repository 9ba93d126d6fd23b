package io.serspark.egemaps.voice;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CPU time of {@link VoiceStream} per second of audio on all EmoDB files, one thread. Excluded from
 * the default build (skipped unless {@code -Dserspark.benchmark=true}); run with {@code mvn -B -o
 * -q -pl udfs test -Dtest=VoiceStreamBenchmark -Dserspark.benchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class VoiceStreamBenchmark {
  @Test
  void cpuPerAudioSecond() throws Exception {
    Assumptions.assumeTrue(
        Boolean.getBoolean("serspark.benchmark"), "benchmark: set -Dserspark.benchmark=true");
    List<float[]> audio = new ArrayList<>();
    long samples = 0;
    try (Stream<Path> s = Files.list(AnchorFiles.shared().resolve("corpora/emodb/wav"))) {
      for (Path p : s.sorted().toList()) {
        float[] x = AnchorFiles.readWav(p);
        audio.add(x);
        samples += x.length;
      }
    }
    double seconds = samples / 16000.0;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    VoiceStream stream = new VoiceStream();
    for (int rep = 0; rep < 4; rep++) {
      long t0 = mx.getCurrentThreadCpuTime();
      long frames = 0;
      for (float[] x : audio) {
        frames += stream.compute(x).frames();
      }
      double cpu = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
      System.out.printf(
          "run %d: %d files, %.1f s audio, %d frames, CPU %.3f s = %.2f ms per audio second "
              + "(%.0fx real time)%n",
          rep, audio.size(), seconds, frames, cpu, 1000 * cpu / seconds, seconds / cpu);
    }
  }
}
