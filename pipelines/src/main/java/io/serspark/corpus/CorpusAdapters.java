package io.serspark.corpus;

import io.serspark.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The corpus adapters of {@code conf/corpora/*.yaml}, one per file, named by the file name ({@code
 * emodb.yaml} is adapter {@code emodb}). Each file picks a parser {@code kind} and gives its
 * parameters as data; a folder that brings a manifest ({@code serspark-manifest.csv}, {@code
 * manifest.csv|tsv}) needs no file at all ({@link #resolve}). Every file is read and checked at
 * load time, so a bad one fails before any work starts.
 */
public final class CorpusAdapters {
  private static final List<String> KINDS =
      List.of(FileNameAdapter.KIND, IemocapAdapter.KIND, ManifestAdapter.KIND);

  private final Map<String, CorpusAdapter> adapters;
  private final EmotionNames emotions;

  private CorpusAdapters(Map<String, CorpusAdapter> adapters, EmotionNames emotions) {
    this.adapters = Collections.unmodifiableMap(adapters);
    this.emotions = emotions;
  }

  public static CorpusAdapters load(Path confDir) {
    EmotionNames emotions = EmotionNames.load(confDir);
    Map<String, CorpusAdapter> adapters = new TreeMap<>();
    Path dir = confDir.resolve("corpora");
    if (Files.isDirectory(dir)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
      } catch (IOException e) {
        throw new ConfigException("cannot list " + dir + ": " + e.getMessage(), e);
      }
      for (Path f : files) {
        String name = f.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
          throw new ConfigException(
              f + ": adapter names (the file name) must be lower case letters, digits, - and _");
        }
        adapters.put(name, build(name, ConfNode.load(f), emotions));
      }
    }
    return new CorpusAdapters(adapters, emotions);
  }

  /** The adapter of {@code conf/corpora/<name>.yaml}; an unknown name fails with the known ones. */
  public CorpusAdapter get(String name) {
    CorpusAdapter a = adapters.get(name);
    if (a == null) {
      throw new ConfigException(
          "unknown corpus adapter '"
              + name
              + "'; known: "
              + String.join(", ", adapters.keySet())
              + " (conf/corpora/<name>.yaml), or give a folder with one of "
              + String.join(", ", ManifestAdapter.DEFAULT_NAMES));
    }
    return a;
  }

  public Set<String> names() {
    return adapters.keySet();
  }

  /**
   * The adapter for {@code name=folder}: the configured one when {@code conf/corpora/<name>.yaml}
   * exists, else the generic manifest adapter when the folder's root has one of {@link
   * #manifestNames()} (so any corpus with a manifest works without YAML); else a ConfigException
   * saying both ways out.
   *
   * @param relPaths the folder's files as given to {@link CorpusAdapter#scan}
   */
  public CorpusAdapter resolve(String name, List<String> relPaths) {
    if (adapters.containsKey(name)) return adapters.get(name);
    for (String m : ManifestAdapter.DEFAULT_NAMES) {
      if (relPaths.contains(m)) return new ManifestAdapter(name, emotions);
    }
    throw new ConfigException(
        "corpus '"
            + name
            + "': there is no conf/corpora/"
            + name
            + ".yaml (known adapters: "
            + String.join(", ", adapters.keySet())
            + ") and its folder has no "
            + String.join(" or ", ManifestAdapter.DEFAULT_NAMES)
            + " at its root; add a manifest (columns path,label,speaker) or name a known adapter");
  }

  /**
   * File names a folder's manifest may have to be used without YAML, in the order they are looked
   * for.
   */
  public static List<String> manifestNames() {
    return ManifestAdapter.DEFAULT_NAMES;
  }

  /** The common emotion names every label map maps into ({@code conf/emotions.yaml}). */
  public Set<String> emotionNames() {
    return emotions.names();
  }

  private static CorpusAdapter build(String name, ConfNode conf, EmotionNames emotions) {
    String kind = conf.string("kind");
    return switch (kind) {
      case FileNameAdapter.KIND -> new FileNameAdapter(name, conf, emotions);
      case IemocapAdapter.KIND -> new IemocapAdapter(name, conf, emotions);
      case ManifestAdapter.KIND -> new ManifestAdapter(name, conf, emotions);
      default ->
          throw conf.error("kind", "is '" + kind + "'; known kinds: " + String.join(", ", KINDS));
    };
  }
}
