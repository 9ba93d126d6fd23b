package io.serspark.jobs.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * A whole Spark job run several times in this JVM: the first {@code warmups} runs pay the JIT and Spark's
 * first-job costs and are not counted; each timed run is measured on the process clock ({@link CpuMeter}).
 */
public final class JobRuns {
  private JobRuns() {}

  /**
   * @param job one run of the job
   * @param audioS the seconds of audio one run processes, asked once after the runs (reading the job's output
   *     is not part of the timed job)
   */
  public static List<Throughput> time(String label, int warmups, int runs, Runnable job, DoubleSupplier audioS) {
    for (int i = 0; i < warmups; i++) job.run();
    List<CpuMeter.Spent> spent = new ArrayList<>();
    for (int i = 0; i < Math.max(1, runs); i++) {
      CpuMeter.Reading start = CpuMeter.now();
      job.run();
      spent.add(CpuMeter.since(start));
    }
    double audio = audioS.getAsDouble();
    List<Throughput> timed = new ArrayList<>();
    for (int i = 0; i < spent.size(); i++) timed.add(new Throughput(label + ", run " + (i + 1), audio, spent.get(i)));
    return timed;
  }

  /** The run with the median CPU rate (the lower middle one for an even count). */
  public static Throughput median(List<Throughput> runs) {
    List<Throughput> sorted = runs.stream().sorted(Comparator.comparingDouble(Throughput::perCpuS)).toList();
    return sorted.get((sorted.size() - 1) / 2);
  }
}
