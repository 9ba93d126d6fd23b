package io.serspark.embed;

/**
 * The glibc malloc settings this JVM runs with, for logs and summaries. libtorch allocates a
 * batch's intermediate tensors with malloc, so these settings change the embedding path's speed
 * (conf/glibc.tunables says why); they can only be set before a process starts (submit.sh does, for
 * the driver and the executors), so the code can report them but not choose them.
 */
public final class MallocSettings {
  private MallocSettings() {}

  /** {@code GLIBC_TUNABLES=...} as this process got it, or that it runs with glibc's defaults. */
  public static String describe() {
    return describe(System.getenv("GLIBC_TUNABLES"));
  }

  static String describe(String tunables) {
    return tunables == null || tunables.isBlank()
        ? "glibc malloc defaults (no GLIBC_TUNABLES)"
        : "GLIBC_TUNABLES=" + tunables.strip();
  }
}
