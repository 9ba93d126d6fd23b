package io.serspark.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fault injection for the fault-tolerance tests only: fails a task the first time it is reached in
 * this JVM (a marker file makes the retry succeed). Inert unless a test sets the matching system
 * property.
 */
public final class TestFaults {
  private TestFaults() {}

  public static final String MARKER_DIR_PROPERTY = "serspark.test.faultMarkerDir";

  static void failOnce(String name) {
    String dir = System.getProperty(MARKER_DIR_PROPERTY, System.getProperty("java.io.tmpdir"));
    Path marker = Path.of(dir, "serspark-fault-" + name);
    try {
      Files.createFile(marker);
    } catch (IOException alreadyFailedOnce) {
      return;
    }
    throw new IllegalStateException("injected test fault '" + name + "' (the retry will succeed)");
  }
}
