package io.serspark.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where serspark's {@code conf/} folder is: {@code -Dserspark.conf}, else {@code
 * <serspark.home>/conf} ({@code -Dserspark.home} or {@code $SERSPARK_HOME}, both set by submit.sh),
 * else {@code ./conf} or {@code ../conf} (tests run from a module folder).
 */
public final class ConfDir {
  private ConfDir() {}

  public static Path resolve() {
    String explicit = System.getProperty("serspark.conf");
    if (explicit != null) return existing(Path.of(explicit), "-Dserspark.conf");
    String home = System.getProperty("serspark.home", System.getenv("SERSPARK_HOME"));
    if (home != null) return existing(Path.of(home, "conf"), "serspark.home / $SERSPARK_HOME");
    for (Path p : new Path[] {Path.of("conf"), Path.of("..", "conf")}) {
      if (Files.isDirectory(p.resolve("corpora"))
          || Files.isRegularFile(p.resolve("label-sets.yaml"))) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new ConfigException(
        "cannot find serspark's conf/ folder: run through ./submit.sh, or set "
            + "-Dserspark.conf=<path to conf> (or SERSPARK_HOME to the project folder)");
  }

  private static Path existing(Path p, String from) {
    if (!Files.isDirectory(p)) {
      throw new ConfigException("conf folder " + p + " (from " + from + ") does not exist");
    }
    return p.toAbsolutePath().normalize();
  }
}
