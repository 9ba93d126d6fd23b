package io.serspark.corpus;

/**
 * An input file the adapter could not turn into an utterance. {@code stage} is "read" (listed but
 * missing) or "label" (the name or label files do not say what it is); {@code reason} is a sentence
 * a person understands.
 */
public record Rejection(String relPath, String stage, String reason, String detail) {
  public static Rejection label(String relPath, String reason, String detail) {
    return new Rejection(relPath, "label", reason, detail);
  }

  public static Rejection read(String relPath, String reason, String detail) {
    return new Rejection(relPath, "read", reason, detail);
  }
}
