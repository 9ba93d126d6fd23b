package io.serspark.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project and the read-only shared data are, seen from a test JVM. */
public final class TestData {
  private TestData() {}

  public static Path root() {
    String p = System.getProperty("serspark.root");
    Path start = p != null ? Path.of(p) : Path.of("").toAbsolutePath();
    for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("submit.sh")) && Files.isDirectory(d.resolve("conf"))) return d;
    }
    throw new IllegalStateException("cannot find the project root from " + start);
  }

  public static Path shared() {
    Path s = root().resolve("../shared").normalize();
    if (!Files.isDirectory(s.resolve("corpora"))) {
      throw new IllegalStateException("../shared/corpora is missing beside the project (" + s + ")");
    }
    return s;
  }

  public static Path conf() { return root().resolve("conf"); }
  public static Path emodb() { return shared().resolve("corpora/emodb"); }
  public static Path ravdess() { return shared().resolve("corpora/ravdess"); }
  public static Path anchors() { return shared().resolve("anchors/opensmile-egemaps"); }
}
