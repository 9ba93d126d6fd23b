package io.serspark.faults;

import java.nio.file.Path;

/**
 * The folder of the marker files the fault hooks drop ({@code -Dserspark.test.faultMarkerDir}, the
 * JVM's temporary folder otherwise): a test waits on them, and a task failure's marker makes the
 * retry succeed.
 */
final class FaultMarkers {
  static final String DIR_PROPERTY = "serspark.test.faultMarkerDir";

  private FaultMarkers() {}

  static Path marker(String name) {
    return Path.of(System.getProperty(DIR_PROPERTY, System.getProperty("java.io.tmpdir")), name);
  }
}
