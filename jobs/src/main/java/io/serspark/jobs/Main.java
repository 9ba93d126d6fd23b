package io.serspark.jobs;

import io.serspark.warehouse.TableWriteLock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point of the application jar: {@code serspark <job> [options]}. submit.sh runs it
 * through spark-submit (with SPARK_HOME) or on an embedded local Spark; each job is a picocli
 * subcommand.
 */
@Command(
    name = "serspark",
    mixinStandardHelpOptions = true,
    version = "serspark 0.1.0 (Spark 3.5.6, Scala 2.13, DJL 0.35.1)",
    description = "Speech emotion recognition at corpus scale on Apache Spark.",
    subcommands = {
      // jobs: one line each
      IngestJob.class,
      FeaturesJob.class,
      EmbedJob.class,
      TrainJob.class,
      PredictJob.class,
      BenchmarkJob.class,
      DemoJob.class,
      BenchIngestJob.class,
      BenchFeaturesJob.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Spark options (--master, --conf k=v, --deploy-mode, --executor-memory, ...) may appear anywhere on the",
      "submit.sh command line; they go to spark-submit, or to the embedded local Spark when SPARK_HOME is unset."
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Name a job, e.g. 'ingest' or 'demo'.");
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a job and returns its exit code, without exiting the JVM (tests call this). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new JobErrors());
    // the tables a job reads are marked as read until it ends, so that no other job swaps them away
    // meanwhile
    try (TableWriteLock.ReadScope reads = TableWriteLock.readScope()) {
      return cl.execute(args);
    }
  }
}
