package io.serspark.jobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Wall and CPU time of this whole JVM, the clock a Spark job in local mode must be held to: its CPU
 * is spread over task threads, the driver, the JIT compiler and the garbage collector. On Linux the
 * CPU is also split by kind of thread ({@code /proc/self/task/<tid>/schedstat}, nanoseconds), which
 * is where a small job's overhead hides.
 */
public final class CpuMeter {
  private CpuMeter() {}

  public static final String TASKS = "Spark tasks";
  public static final String JIT = "JIT compiler";
  public static final String GC = "GC";
  public static final String OTHER = "driver and other";

  /**
   * A point in time: wall clock, process CPU and CPU per live thread (empty where /proc is not
   * there).
   */
  public record Reading(long wallNs, long processCpuNs, Map<Long, ThreadCpu> threads) {}

  record ThreadCpu(String kind, long cpuNs) {}

  /**
   * What happened between two readings: seconds of wall and CPU, and CPU seconds per kind of
   * thread.
   */
  public record Spent(double wallS, double cpuS, Map<String, Double> cpuByKind) {
    /** e.g. "Spark tasks 3.0 s, JIT compiler 3.7 s, GC 0.2 s, driver and other 0.7 s". */
    public String breakdown() {
      if (cpuByKind.isEmpty()) return "(no per-thread CPU on this platform)";
      StringBuilder b = new StringBuilder();
      cpuByKind.forEach(
          (k, v) -> b.append(b.isEmpty() ? "" : ", ").append(String.format("%s %.2f s", k, v)));
      return b.toString();
    }
  }

  public static Reading now() {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new Reading(System.nanoTime(), os.getProcessCpuTime(), threads());
  }

  public static Spent since(Reading start) {
    return between(start, now());
  }

  static Spent between(Reading a, Reading b) {
    double cpu = (b.processCpuNs() - a.processCpuNs()) / 1e9;
    Map<String, Double> byKind = new LinkedHashMap<>();
    if (!b.threads().isEmpty()) {
      for (String k : new String[] {TASKS, JIT, GC}) byKind.put(k, 0.0);
      b.threads()
          .forEach(
              (tid, t) -> {
                ThreadCpu before = a.threads().get(tid);
                long ns = t.cpuNs() - (before == null ? 0 : before.cpuNs());
                if (!t.kind().equals(OTHER)) byKind.merge(t.kind(), ns / 1e9, Double::sum);
              });
      // the rest: driver, Spark's service threads, and threads that ended between the readings
      byKind.put(
          OTHER,
          Math.max(0, cpu - byKind.values().stream().mapToDouble(Double::doubleValue).sum()));
    }
    return new Spent((b.wallNs() - a.wallNs()) / 1e9, cpu, byKind);
  }

  private static Map<Long, ThreadCpu> threads() {
    Path tasks = Path.of("/proc/self/task");
    Map<Long, ThreadCpu> out = new HashMap<>();
    if (!Files.isDirectory(tasks)) return out;
    try (Stream<Path> s = Files.list(tasks)) {
      for (Path t : s.toList()) {
        try {
          String name = Files.readString(t.resolve("comm")).strip();
          long ns = Long.parseLong(Files.readString(t.resolve("schedstat")).split(" ")[0]);
          out.put(Long.parseLong(t.getFileName().toString()), new ThreadCpu(kindOf(name), ns));
        } catch (IOException | RuntimeException gone) {
          // the thread ended while we listed: its CPU lands in "driver and other"
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  /** HotSpot's and Spark's thread names, as the kernel keeps them (15 characters). */
  static String kindOf(String comm) {
    if (comm.startsWith("Executor task")) return TASKS;
    if (comm.contains("CompilerThre")) return JIT;
    if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) return GC;
    return OTHER;
  }
}
