package io.serspark.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The compute core alone and the whole Spark job on the same audio, measured in alternation:
 * warm-up rounds of both first (JIT, Spark's first-job costs), then pairs of one core pass and one
 * job run. On a machine shared with other work the load drifts within minutes and moves CPU-time
 * figures by tens of percent; a ratio taken within a pair sees about the same load on both sides.
 *
 * <p>Both sides are timed by the same clock, the whole JVM's ({@link CpuMeter}): the core pass runs
 * on this thread over input already in memory, and the garbage it makes is collected by the JVM's
 * GC threads, which a thread clock would leave out of the core's side while counting them on the
 * job's.
 */
public final class PairedRuns {
  private PairedRuns() {}

  /** One core pass and the job run right after it. */
  public record Pair(Throughput core, Throughput job) {
    /** How much more CPU the job spends per second of audio than the core alone. */
    public double ratio() {
      return core.perCpuS() / job.perCpuS();
    }
  }

  /**
   * @param corePass one pass of the core over all the input; returns the seconds of audio it
   *     processed
   * @param job one run of the whole job
   * @param jobAudioS the seconds of audio one job run processes, asked once at the end (reading the
   *     job's output is not part of the timed job)
   */
  public static List<Pair> time(
      String coreLabel,
      String jobLabel,
      int warmups,
      int pairs,
      DoubleSupplier corePass,
      Runnable job,
      DoubleSupplier jobAudioS) {
    for (int i = 0; i < warmups; i++) {
      corePass.getAsDouble();
      job.run();
    }
    List<Throughput> cores = new ArrayList<>();
    List<CpuMeter.Spent> jobs = new ArrayList<>();
    for (int i = 0; i < Math.max(1, pairs); i++) {
      CpuMeter.Reading coreStart = CpuMeter.now();
      double audio = corePass.getAsDouble();
      cores.add(new Throughput(coreLabel + ", pair " + (i + 1), audio, CpuMeter.since(coreStart)));
      CpuMeter.Reading start = CpuMeter.now();
      job.run();
      jobs.add(CpuMeter.since(start));
    }
    double audio = jobAudioS.getAsDouble();
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < cores.size(); i++) {
      out.add(
          new Pair(
              cores.get(i), new Throughput(jobLabel + ", pair " + (i + 1), audio, jobs.get(i))));
    }
    return out;
  }
}
