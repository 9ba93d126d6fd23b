package io.serspark.benchmark;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The code version a run records: {@code git describe --always --dirty} of the project folder when
 * it is a git checkout (and git is there), else the application jar's Implementation-Version.
 */
public final class CodeVersion {
  private CodeVersion() {}

  public static String describe() {
    String home =
        System.getProperty(
            "serspark.root",
            System.getProperty(
                "serspark.home", System.getenv().getOrDefault("SERSPARK_HOME", ".")));
    try {
      Process p =
          new ProcessBuilder("git", "describe", "--tags", "--always", "--dirty")
              .directory(new File(home))
              .redirectErrorStream(true)
              .start();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
        String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!v.isEmpty() && !v.contains("\n")) return "git-" + v;
      } else {
        p.destroy();
      }
    } catch (Exception e) {
      // no git, or not a checkout: fall back to the jar's version
    }
    String v = CodeVersion.class.getPackage().getImplementationVersion();
    return "v" + (v == null ? "unknown" : v);
  }

  /** The version as it may appear in a folder name. */
  public static String forPath(String v) {
    return v.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
