package io.serspark.train;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code shared/} (read-only data beside the project): -Dserspark.root, else walking up from
 * the cwd.
 */
final class SharedData {
  private SharedData() {}

  static Path root() {
    String explicit = System.getProperty("serspark.root");
    if (explicit != null && Files.isDirectory(Path.of(explicit).resolve("../shared/corpora"))) {
      return Path.of(explicit).resolve("../shared").toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("shared/corpora"))) return p.resolve("shared");
      if (p.getParent() != null && Files.isDirectory(p.getParent().resolve("shared/corpora"))) {
        return p.getParent().resolve("shared");
      }
    }
    throw new IllegalStateException(
        "cannot find ../shared/corpora from " + Path.of("").toAbsolutePath());
  }

  static Path emodbFunctionals() {
    return root().resolve("anchors/opensmile-egemaps/emodb.functionals.csv");
  }
}
