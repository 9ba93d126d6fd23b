package io.serspark.jobs.bench;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;

/**
 * The report both bench jobs print: the core alone against the whole Spark job on the same audio,
 * pair by pair, and the median of the pairs' ratios of real-time factors per CPU-second (how much
 * more CPU the job spends per second of audio).
 */
public final class RateComparison {
  private RateComparison() {}

  /**
   * @param target the largest acceptable ratio, or NaN when the task sets none
   * @return the median ratio
   */
  public static double print(PrintStream out, List<PairedRuns.Pair> pairs, double target) {
    for (PairedRuns.Pair p : pairs) {
      out.println(p.core().line());
      out.println(p.job().line());
      out.printf("      ratio %.2f x%n", p.ratio());
    }
    List<PairedRuns.Pair> sorted =
        pairs.stream().sorted(Comparator.comparingDouble(PairedRuns.Pair::ratio)).toList();
    PairedRuns.Pair median = sorted.get((sorted.size() - 1) / 2);
    double ratio = median.ratio();
    String verdict =
        Double.isNaN(target)
            ? ""
            : String.format(
                "  [target <= %.2f x: %s]", target, ratio <= target ? "met" : "NOT met");
    out.printf(
        "ratio, core per CPU-second / job per CPU-second (median of %d pairs): %.2f x%s%n",
        pairs.size(), ratio, verdict);
    Throughput job = median.job();
    Double jit = job.spent().cpuByKind().get(CpuMeter.JIT);
    if (jit != null) {
      // a long job amortises compilation; this is the ratio it tends to (JIT left out on both
      // sides)
      Throughput core = median.core();
      double coreJit = core.spent().cpuByKind().getOrDefault(CpuMeter.JIT, 0.0);
      double steady =
          (job.spent().cpuS() - jit)
              / job.audioS()
              / ((core.spent().cpuS() - coreJit) / core.audioS());
      out.printf(
          "  the same pair without the JIT compiler's CPU (job %.2f s, core %.2f s; what a long job tends to):"
              + " %.2f x%n",
          jit, coreJit, steady);
    }
    return ratio;
  }
}
