package io.serspark.corpus;

import io.serspark.config.ConfDir;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the adapter tests share: the project's adapters, ../shared/corpora, and corpus folders held
 * in memory.
 */
final class Fixtures {
  private static CorpusAdapters adapters;

  private Fixtures() {}

  static synchronized CorpusAdapters adapters() {
    if (adapters == null) adapters = CorpusAdapters.load(ConfDir.resolve());
    return adapters;
  }

  /**
   * {@code shared/corpora/<name>}: -Dserspark.root (the project folder) first, else the first
   * parent of the cwd that has it.
   */
  static Path sharedCorpus(String name) {
    String root = System.getProperty("serspark.root");
    List<Path> candidates = new ArrayList<>();
    if (root != null) {
      candidates.add(Path.of(root, "shared", "corpora"));
      candidates.add(Path.of(root).toAbsolutePath().getParent().resolve("shared/corpora"));
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent())
      candidates.add(p.resolve("shared/corpora"));
    for (Path c : candidates) {
      if (Files.isDirectory(c.resolve(name))) return c.resolve(name);
    }
    throw new IllegalStateException(
        "cannot find shared/corpora/"
            + name
            + " above "
            + Path.of("").toAbsolutePath()
            + "; set -Dserspark.root to the project folder");
  }

  /** A corpus folder in memory: files with text content; audio files can have empty content. */
  static TextFiles memory(Map<String, String> files) {
    return new TextFiles() {
      @Override
      public String read(String relPath) throws FileNotFoundException {
        String s = files.get(relPath);
        if (s == null) throw new FileNotFoundException(relPath);
        return s;
      }

      @Override
      public boolean exists(String relPath) {
        return files.containsKey(relPath);
      }
    };
  }

  static AdapterResult scan(String adapter, Map<String, String> files) throws Exception {
    List<String> paths = new ArrayList<>(files.keySet());
    Collections.sort(paths);
    return adapters().get(adapter).scan(paths, memory(files));
  }

  /** Scans a list of names of audio files (no other content). */
  static AdapterResult scanNames(String adapter, String... relPaths) throws Exception {
    Map<String, String> files = new java.util.LinkedHashMap<>();
    for (String p : relPaths) files.put(p, "");
    return scan(adapter, files);
  }

  static CorpusEntry only(AdapterResult r) {
    if (r.entries().size() != 1) throw new AssertionError("expected one entry, got " + r);
    return r.entries().get(0);
  }

  static <K> Map<K, Long> count(List<CorpusEntry> entries, Function<CorpusEntry, K> key) {
    return entries.stream()
        .collect(Collectors.groupingBy(key, java.util.TreeMap::new, Collectors.counting()));
  }
}
