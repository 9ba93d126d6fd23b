package io.serspark.jobs.bench;

/**
 * Seconds of audio processed in a measured span: real-time factors per wall-second and per
 * CPU-second.
 */
public record Throughput(String label, double audioS, CpuMeter.Spent spent) {

  public double perWallS() {
    return audioS / spent.wallS();
  }

  public double perCpuS() {
    return audioS / spent.cpuS();
  }

  /** One line: label, both factors, and where the CPU went when that is known. */
  public String line() {
    String s =
        String.format(
            "%-34s: %7.0f x real time per wall-second, %7.0f x per CPU-second  (%.1f s audio, %.2f s wall,"
                + " %.2f s CPU)",
            label, perWallS(), perCpuS(), audioS, spent.wallS(), spent.cpuS());
    return spent.cpuByKind().isEmpty()
        ? s
        : s + System.lineSeparator() + "      CPU: " + spent.breakdown();
  }
}
