package io.serspark.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateComparisonTest {

  /**
   * A pair: the core at {@code coreCpuS} CPU s and the job at {@code jobCpuS}, both for 1000 s of
   * audio.
   */
  private static PairedRuns.Pair pair(double coreCpuS, double jobCpuS, double jitS) {
    Map<String, Double> kinds = new LinkedHashMap<>();
    kinds.put(CpuMeter.TASKS, jobCpuS - jitS);
    kinds.put(CpuMeter.JIT, jitS);
    return new PairedRuns.Pair(
        new Throughput("core", 1000, new CpuMeter.Spent(coreCpuS, coreCpuS, Map.of())),
        new Throughput("job", 1000, new CpuMeter.Spent(jobCpuS, jobCpuS, kinds)));
  }

  @Test
  void medianOfThePairRatiosAgainstTheTarget() {
    var out = new ByteArrayOutputStream();
    // pair ratios 1.25, 1.5625 and 2.0 (job CPU / core CPU); the median pair is the second
    double ratio =
        RateComparison.print(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            List.of(pair(8, 10, 1), pair(8, 12.5, 2.5), pair(10, 20, 4)),
            1.3);
    assertEquals(12.5 / 8, ratio, 1e-9);
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("(median of 3 pairs): 1.56 x  [target <= 1.30 x: NOT met]"), text);
    // the median pair without its 2.5 s of JIT: 10 CPU s against the core's 8
    assertTrue(text.contains("(job 2.50 s, core 0.00 s; what a long job tends to): 1.25 x"), text);
  }

  @Test
  void threadKindsFromKernelThreadNames() {
    assertEquals(CpuMeter.TASKS, CpuMeter.kindOf("Executor task l"));
    assertEquals(CpuMeter.JIT, CpuMeter.kindOf("C2 CompilerThre"));
    assertEquals(CpuMeter.JIT, CpuMeter.kindOf("C1 CompilerThre"));
    assertEquals(CpuMeter.GC, CpuMeter.kindOf("GC Thread#1"));
    assertEquals(CpuMeter.GC, CpuMeter.kindOf("G1 Conc#0"));
    assertEquals(CpuMeter.OTHER, CpuMeter.kindOf("dag-scheduler-e"));
  }

  @Test
  void spentSplitsTheProcessCpuAndTheRestIsDriverAndOther() {
    var a =
        new CpuMeter.Reading(
            0, 0, Map.of(1L, new CpuMeter.ThreadCpu(CpuMeter.TASKS, 1_000_000_000L)));
    var b =
        new CpuMeter.Reading(
            2_000_000_000L,
            5_000_000_000L,
            Map.of(
                1L, new CpuMeter.ThreadCpu(CpuMeter.TASKS, 3_000_000_000L),
                2L, new CpuMeter.ThreadCpu(CpuMeter.JIT, 1_500_000_000L)));
    CpuMeter.Spent s = CpuMeter.between(a, b);
    assertEquals(2.0, s.wallS(), 1e-9);
    assertEquals(5.0, s.cpuS(), 1e-9);
    assertEquals(2.0, s.cpuByKind().get(CpuMeter.TASKS), 1e-9);
    assertEquals(1.5, s.cpuByKind().get(CpuMeter.JIT), 1e-9);
    assertEquals(1.5, s.cpuByKind().get(CpuMeter.OTHER), 1e-9);
  }
}
