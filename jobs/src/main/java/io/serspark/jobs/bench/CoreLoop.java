package io.serspark.jobs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.DoubleSupplier;

/**
 * The compute core alone: rounds of a single-thread pass over input already in memory, timed by this thread's CPU
 * clock. Round 0 warms up the JIT and is not counted.
 */
public final class CoreLoop {
  private CoreLoop() {}

  /** @param pass one pass over all the input; returns the seconds of audio it processed */
  public static Throughput time(String label, int rounds, DoubleSupplier pass) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double audioS = 0;
    long wall = 0;
    long cpu = 0;
    for (int round = 0; round < Math.max(2, rounds); round++) {
      long w0 = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      double a = pass.getAsDouble();
      if (round > 0) {
        wall += System.nanoTime() - w0;
        cpu += threads.getCurrentThreadCpuTime() - c0;
        audioS += a;
      }
    }
    return new Throughput(label, audioS, new CpuMeter.Spent(wall / 1e9, cpu / 1e9, java.util.Map.of()));
  }
}
