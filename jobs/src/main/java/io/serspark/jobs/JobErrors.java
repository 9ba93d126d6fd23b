package io.serspark.jobs;

import io.serspark.config.ConfigException;
import picocli.CommandLine;

/**
 * Turns a configuration error into one line a person can act on (exit code 2), instead of a stack
 * trace. A table file that vanished while the job read it is one line too (exit code 1): jobs mark
 * what they read so that other jobs do not replace it ({@code TableWriteLock}), but a writer
 * outside a job (a notebook), an object store without atomic locks, or a mark left to expire can
 * still replace a table under a reader. Anything else is a bug or an environment failure and keeps
 * its stack trace (exit code 1).
 */
final class JobErrors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    Throwable t = ex;
    while (t != null) {
      if (t instanceof ConfigException ce) {
        cl.getErr().println("serspark " + cl.getCommandName() + ": " + ce.getMessage());
        return 2;
      }
      t = t.getCause();
    }
    for (t = ex; t != null; t = t.getCause()) {
      if (t
          instanceof
          java.io.FileNotFoundException gone) { // Spark's SparkFileNotFoundException among them
        String first = String.valueOf(gone.getMessage()).lines().findFirst().orElse("");
        cl.getErr()
            .println(
                "serspark "
                    + cl.getCommandName()
                    + " failed: a file it was reading is gone ("
                    + first
                    + "); if another job (ingest, features, embed) replaced that table while this one ran, run this job again");
        return 1;
      }
    }
    cl.getErr().println("serspark " + cl.getCommandName() + " failed: " + ex);
    ex.printStackTrace(cl.getErr());
    return 1;
  }
}
