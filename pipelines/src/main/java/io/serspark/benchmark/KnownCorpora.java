package io.serspark.benchmark;

import io.serspark.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a spec may name as a corpus: an adapter of {@code conf/corpora/<adapter>.yaml}, or {@code
 * manifest} / a folder that brings its own manifest (the generic manifest adapter), or — without a
 * path — a corpus already in the warehouse (checked by {@link BenchmarkRunner#validate} once the
 * warehouse is open).
 */
public final class KnownCorpora {
  /**
   * File names the generic manifest adapter picks up in a corpus folder (as conf's corpus
   * adapters).
   */
  static final List<String> MANIFEST_NAMES =
      List.of("serspark-manifest.csv", "manifest.csv", "manifest.tsv");

  private final Set<String> adapters;

  public KnownCorpora(Set<String> adapters) {
    this.adapters = new TreeSet<>(adapters);
  }

  public static KnownCorpora of(Path confDir) {
    Set<String> names = new TreeSet<>();
    names.add("manifest");
    Path dir = confDir.resolve("corpora");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.map(p -> p.getFileName().toString())
            .filter(f -> f.endsWith(".yaml"))
            .forEach(f -> names.add(f.substring(0, f.length() - ".yaml".length())));
      } catch (IOException e) {
        throw new ConfigException("cannot list " + dir + ": " + e.getMessage(), e);
      }
    }
    return new KnownCorpora(names);
  }

  /**
   * The adapter a corpus uses when the spec names none: its own name, or the manifest when its
   * folder has one.
   */
  String defaultAdapter(String name, String path) {
    if (adapters.contains(name)) return name;
    if (path != null && hasManifest(resolvePath(path))) return "manifest";
    return name;
  }

  void check(String name, String adapter, String path, String where) {
    if (path == null) return; // must already be in the warehouse; checked with the warehouse open
    Path dir = resolvePath(path);
    if (!Files.isDirectory(dir)) {
      throw new ConfigException(
          where
              + ": corpus '"
              + name
              + "': folder "
              + path
              + " does not exist (resolved to "
              + dir
              + "); fix corpora[].path or drop it to use the corpus already in the warehouse");
    }
    if (!adapters.contains(adapter)) {
      throw new ConfigException(
          where
              + ": unknown corpus adapter '"
              + adapter
              + "' for corpus '"
              + name
              + "'; known: "
              + String.join(", ", adapters)
              + " (conf/corpora/<adapter>.yaml), or a folder with one of "
              + String.join(", ", MANIFEST_NAMES));
    }
    if (adapter.equals("manifest") && !hasManifest(dir)) {
      throw new ConfigException(
          where
              + ": corpus '"
              + name
              + "' uses the manifest adapter but "
              + path
              + " has none of "
              + String.join(", ", MANIFEST_NAMES));
    }
  }

  /**
   * A relative corpus path is taken from the working directory when it exists there, else from the
   * project folder ({@code -Dserspark.root} in tests, {@code -Dserspark.home} under submit.sh), so
   * that the same spec runs from the project root, from a Maven module folder and from a
   * scheduler's working directory alike.
   */
  public static Path resolvePath(String path) {
    Path p = Path.of(path);
    if (p.isAbsolute() || Files.exists(p)) return p.toAbsolutePath().normalize();
    for (String prop : new String[] {"serspark.root", "serspark.home"}) {
      String home = System.getProperty(prop);
      if (home != null && Files.exists(Path.of(home).resolve(p)))
        return Path.of(home).resolve(p).toAbsolutePath().normalize();
    }
    String env = System.getenv("SERSPARK_HOME");
    if (env != null && Files.exists(Path.of(env).resolve(p)))
      return Path.of(env).resolve(p).toAbsolutePath().normalize();
    return p.toAbsolutePath().normalize();
  }

  private static boolean hasManifest(Path dir) {
    return MANIFEST_NAMES.stream().anyMatch(n -> Files.isRegularFile(dir.resolve(n)));
  }
}
