package io.serspark.jobs.bench;

import picocli.CommandLine.Option;

/**
 * The options of both bench jobs that say how many rounds {@link PairedRuns} measures (a picocli
 * mixin).
 */
public final class PairCounts {
  @Option(
      names = "--warmups",
      defaultValue = "1",
      description =
          "Untimed rounds of the core and of the job first (JIT, Spark's first-job costs).")
  public int warmups;

  @Option(
      names = "--pairs",
      defaultValue = "3",
      description =
          "Timed pairs: one core pass, then one job run (the median pair ratio is reported).")
  public int pairs;
}
