package io.serspark.jobs;

import io.serspark.config.ConfigException;
import picocli.CommandLine;

/**
 * Turns a configuration error into one line a person can act on (exit code 2), instead of a stack trace.
 * Anything else is a bug or an environment failure and keeps its stack trace (exit code 1).
 */
final class JobErrors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    Throwable t = ex;
    while (t != null) {
      if (t instanceof ConfigException ce) {
        cl.getErr().println("serspark " + cl.getCommandName() + ": " + ce.getMessage());
        return 2;
      }
      t = t.getCause();
    }
    cl.getErr().println("serspark " + cl.getCommandName() + " failed: " + ex);
    ex.printStackTrace(cl.getErr());
    return 1;
  }
}
