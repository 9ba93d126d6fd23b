package io.serspark.corpus;

import io.serspark.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The common emotion names of {@code conf/emotions.yaml}: every label map must map into them (so a
 * typo such as "angy" fails at load time), and their spellings are the label map of a manifest that
 * brings none.
 */
public final class EmotionNames {
  private final Set<String> names;
  private final Map<String, String> aliases;

  EmotionNames(Set<String> names, Map<String, String> aliases) {
    this.names = Set.copyOf(names);
    this.aliases = Map.copyOf(aliases);
  }

  public static EmotionNames load(Path confDir) {
    Path f = confDir.resolve("emotions.yaml");
    if (!Files.isRegularFile(f)) {
      throw new ConfigException(
          "missing " + f + ": it lists the common emotion names label maps map into");
    }
    ConfNode doc = ConfNode.load(f).allowOnly("emotions", "aliases");
    Set<String> names = new LinkedHashSet<>(doc.stringList("emotions"));
    if (names.isEmpty()) throw doc.error("emotions", "must list at least one common emotion name");
    Map<String, String> aliases = new LinkedHashMap<>();
    for (var e : doc.stringMap("aliases").entrySet()) {
      if (e.getValue() == null || !names.contains(e.getValue())) {
        throw doc.error(
            "aliases." + e.getKey(), "maps to '" + e.getValue() + "', which is not in 'emotions'");
      }
      aliases.put(e.getKey(), e.getValue());
    }
    return new EmotionNames(names, aliases);
  }

  public Set<String> names() {
    return names;
  }

  public boolean contains(String name) {
    return names.contains(name);
  }

  /**
   * The names themselves and their aliases, for manifests whose labels are already written out in
   * words.
   */
  LabelMap asLabelMap() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String n : names) m.put(n, n);
    m.putAll(aliases);
    return new LabelMap(m);
  }

  List<String> sorted() {
    return names.stream().sorted().toList();
  }
}
