package io.serspark.ingest;

import io.serspark.config.ConfigException;
import io.serspark.config.PathSegment;

/**
 * One {@code --corpus} argument: {@code name=path} (the adapter is the one named {@code name}) or
 * {@code name:adapter=path} (a corpus of your own name read by a named adapter, e.g. {@code
 * mycorpus:manifest=/data/x}).
 */
public record CorpusSource(String name, String adapter, String root) {

  public static CorpusSource parse(String arg) {
    int eq = arg == null ? -1 : arg.indexOf('=');
    if (eq <= 0 || eq == arg.length() - 1) {
      throw new ConfigException(
          "--corpus '"
              + arg
              + "' must be name=path (e.g. emodb=/data/EmoDB) or "
              + "name:adapter=path (e.g. mycorpus:manifest=/data/mine)");
    }
    String left = arg.substring(0, eq).trim();
    String root = arg.substring(eq + 1).trim();
    String name = left;
    String adapter = left;
    int colon = left.indexOf(':');
    if (colon >= 0) {
      name = left.substring(0, colon).trim();
      adapter = left.substring(colon + 1).trim();
    }
    PathSegment.check("--corpus name", name);
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new ConfigException(
          "--corpus name '"
              + name
              + "' may only use letters, digits, '_', '-', '.' "
              + "(it becomes a folder name in the warehouse)");
    }
    return new CorpusSource(name, adapter, root);
  }
}
