package io.serspark.faults;

import java.io.IOException;
import java.nio.file.Files;

/**
 * Fails an ingest task the first time it reaches a given row, once per marker folder (the marker
 * file makes Spark's retry succeed). Off unless a test sets {@code
 * -Dserspark.test.failIngestTaskOnceAfter=<rows>}.
 */
public final class TaskFailure {
  static final String INGEST_PROPERTY = "serspark.test.failIngestTaskOnceAfter";

  private TaskFailure() {}

  /** Rows an ingest task handles before the injected failure; -1 when the hook is off. */
  public static int ingestTaskFailsAfter() {
    return Integer.getInteger(INGEST_PROPERTY, -1);
  }

  /** Throws the first time {@code name} is reached (marker {@code serspark-fault-<name>}). */
  public static void failOnce(String name) {
    try {
      Files.createFile(FaultMarkers.marker("serspark-fault-" + name));
    } catch (IOException alreadyFailedOnce) {
      return;
    }
    throw new IllegalStateException("injected test fault '" + name + "' (the retry will succeed)");
  }
}
