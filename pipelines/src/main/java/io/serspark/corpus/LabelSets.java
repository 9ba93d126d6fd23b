package io.serspark.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.serspark.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named label sets from {@code conf/label-sets.yaml}: which emotions a run keeps (empty list = all
 * mapped).
 */
public final class LabelSets {
  private final Map<String, List<String>> sets;

  private LabelSets(Map<String, List<String>> sets) {
    this.sets = sets;
  }

  @SuppressWarnings("unchecked")
  public static LabelSets load(Path confDir) {
    Path f = confDir.resolve("label-sets.yaml");
    try {
      Map<String, Object> doc =
          new ObjectMapper(new YAMLFactory()).readValue(f.toFile(), Map.class);
      Object raw = doc == null ? null : doc.get("sets");
      if (!(raw instanceof Map))
        throw new ConfigException(f + " must have a 'sets:' map of name -> [emotions]");
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (var e : ((Map<String, Object>) raw).entrySet()) {
        List<String> v =
            e.getValue() == null ? List.of() : new ArrayList<>((List<String>) e.getValue());
        out.put(e.getKey(), Collections.unmodifiableList(v));
      }
      return new LabelSets(out);
    } catch (IOException e) {
      throw new ConfigException("cannot read label sets " + f + ": " + e.getMessage(), e);
    }
  }

  /**
   * The emotions of a set; an empty list means every mapped emotion. Unknown names fail with the
   * known ones.
   */
  public List<String> resolve(String name) {
    return resolve("label set", name);
  }

  /**
   * As {@link #resolve(String)}; an unknown name fails with a message that starts with {@code
   * option}.
   */
  public List<String> resolve(String option, String name) {
    List<String> v = sets.get(name);
    if (v == null) {
      throw new ConfigException(
          option
              + " '"
              + name
              + "' is not a known label set; use one of: "
              + String.join(", ", sets.keySet())
              + " (or add it to conf/label-sets.yaml)");
    }
    return v;
  }

  public boolean keepsAll(String name) {
    return resolve(name).isEmpty();
  }

  public List<String> names() {
    return List.copyOf(sets.keySet());
  }
}
