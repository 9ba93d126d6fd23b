package io.serspark.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./submit.sh <args>} as a user runs it: a separate process (the application jar built by
 * {@code package}, no rebuild), its output in a log file. With SPARK_HOME in {@code env} it goes
 * through spark-submit, without it through the embedded local Spark.
 */
final class SubmitSh {
  private SubmitSh() {}

  static Process start(Path log, Map<String, String> env, List<String> args) throws IOException {
    List<String> cmd =
        new ArrayList<>(List.of("bash", TestData.root().resolve("submit.sh").toString()));
    cmd.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SERSPARK_SKIP_BUILD", "1");
    pb.environment().put("SERSPARK_DRIVER_MEMORY", "1g");
    pb.environment()
        .remove(
            "GLIBC_TUNABLES"); // submit.sh's own settings, whatever the test JVM was started with
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Runs to the end and returns the log; a non-zero exit fails the test with the log's tail. */
  static String run(Path log, Map<String, String> env, List<String> args) throws Exception {
    Process p = start(log, env, args);
    boolean done = p.waitFor(15, TimeUnit.MINUTES);
    if (!done) p.destroyForcibly();
    String text = Files.readString(log);
    assertTrue(
        done && p.exitValue() == 0,
        "submit.sh " + String.join(" ", args) + " failed:\n" + tail(text));
    return text;
  }

  static String tail(String s) {
    return s.length() < 6000 ? s : s.substring(s.length() - 6000);
  }
}
