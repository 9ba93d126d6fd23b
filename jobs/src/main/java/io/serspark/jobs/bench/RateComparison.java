package io.serspark.jobs.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * The report both bench jobs print: the core alone against the whole Spark job on the same audio, and the ratio of
 * their real-time factors per CPU-second (how much more CPU the job spends per second of audio).
 */
public final class RateComparison {
  private RateComparison() {}

  /** @param target the largest acceptable ratio, or NaN when the task sets none */
  public static double print(PrintStream out, Throughput core, List<Throughput> jobRuns, double target) {
    out.println(core.line());
    jobRuns.forEach(r -> out.println(r.line()));
    Throughput job = JobRuns.median(jobRuns);
    double ratio = core.perCpuS() / job.perCpuS();
    String verdict = Double.isNaN(target) ? ""
        : String.format("  [target <= %.2f x: %s]", target, ratio <= target ? "met" : "NOT met");
    out.printf("ratio, core per CPU-second / job per CPU-second (median of %d timed runs): %.2f x%s%n",
        jobRuns.size(), ratio, verdict);
    Double jit = job.spent().cpuByKind().get(CpuMeter.JIT);
    if (jit != null) {
      // a long job amortises compilation; this is the ratio it tends to
      double steady = core.perCpuS() / (job.audioS() / (job.spent().cpuS() - jit));
      out.printf("  the same without the JIT compiler's %.2f CPU s (what a long job tends to): %.2f x%n", jit, steady);
    }
    return ratio;
  }
}
