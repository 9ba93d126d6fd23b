package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.config.ConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.apache.spark.SparkException;
import org.apache.spark.SparkFileNotFoundException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What a failing job prints: one line for what a person can act on, the stack trace for everything
 * else.
 */
class JobErrorsTest {

  @CommandLine.Command(name = "features")
  static final class Failing implements Callable<Integer> {
    private final RuntimeException thrown;

    Failing(RuntimeException thrown) {
      this.thrown = thrown;
    }

    @Override
    public Integer call() {
      throw thrown;
    }
  }

  private static String[] run(RuntimeException thrown) {
    StringWriter err = new StringWriter();
    CommandLine cl =
        new CommandLine(new Failing(thrown))
            .setExecutionExceptionHandler(new JobErrors())
            .setErr(new PrintWriter(err, true));
    int code = cl.execute();
    return new String[] {String.valueOf(code), err.toString()};
  }

  @Test
  void aConfigurationErrorIsOneLineAndExitCodeTwo() {
    String[] r =
        run(
            new IllegalStateException(
                "wrapped", new ConfigException("--corpus x is not in the table")));
    assertEquals("2", r[0]);
    assertEquals("serspark features: --corpus x is not in the table", r[1].strip());
  }

  @Test
  void aTableFileSwappedAwayUnderTheJobIsOneLine() {
    // as Spark reports it: a task failure whose cause is the vanished Parquet file
    SparkFileNotFoundException gone =
        new SparkFileNotFoundException(
            "_LEGACY_ERROR_TEMP_2055",
            scala.collection.immutable.Map$.MODULE$
                .<String, String>empty()
                .updated(
                    "message",
                    "File file:/w/utterances/corpus=emodb/part-00005.parquet does not exist"));
    String[] r =
        run(new RuntimeException(new SparkException("Job aborted due to stage failure", gone)));
    assertEquals("1", r[0]);
    assertEquals(1, r[1].strip().lines().count(), r[1]);
    assertTrue(r[1].startsWith("serspark features failed: a file it was reading is gone ("), r[1]);
    assertTrue(r[1].contains("if another job (ingest, features, embed) replaced that table"), r[1]);
  }

  @Test
  void anythingElseKeepsItsStackTrace() {
    String[] r = run(new IllegalStateException("a bug"));
    assertEquals("1", r[0]);
    assertTrue(
        r[1].startsWith("serspark features failed: java.lang.IllegalStateException: a bug"), r[1]);
    assertFalse(r[1].strip().lines().count() == 1, r[1]);
  }
}
