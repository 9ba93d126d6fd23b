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

  private static Throughput job(double cpuS, double jitS) {
    Map<String, Double> kinds = new LinkedHashMap<>();
    kinds.put(CpuMeter.TASKS, cpuS - jitS);
    kinds.put(CpuMeter.JIT, jitS);
    return new Throughput("job", 1000, new CpuMeter.Spent(cpuS, cpuS, kinds));
  }

  @Test
  void ratioOfTheMedianRunAgainstTheTarget() {
    Throughput core = new Throughput("core", 1000, new CpuMeter.Spent(8, 8, Map.of())); // 125x
    var out = new ByteArrayOutputStream();
    // job runs at 100x, 80x and 50x per CPU-second: the median is 80x, i.e. 12.5 CPU s
    double ratio = RateComparison.print(new PrintStream(out, true, StandardCharsets.UTF_8), core,
        List.of(job(10, 1), job(12.5, 2.5), job(20, 4)), 1.3);
    assertEquals(125.0 / 80.0, ratio, 1e-9);
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("1.56 x  [target <= 1.30 x: NOT met]"), text);
    // without the median run's 2.5 s of JIT: 1000 s / 10 CPU s = 100x, ratio 1.25
    assertTrue(text.contains("JIT compiler's 2.50 CPU s (what a long job tends to): 1.25 x"), text);
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
    var a = new CpuMeter.Reading(0, 0, Map.of(1L, new CpuMeter.ThreadCpu(CpuMeter.TASKS, 1_000_000_000L)));
    var b = new CpuMeter.Reading(2_000_000_000L, 5_000_000_000L, Map.of(
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
