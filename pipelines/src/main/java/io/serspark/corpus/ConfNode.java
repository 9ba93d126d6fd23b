package io.serspark.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.serspark.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One YAML mapping of a conf file, read with errors that name the file and the field. Scalars that
 * YAML turns into numbers or booleans where text is meant ({@code 03}, {@code no}) are refused with
 * a hint to quote them, because silently reading "03" as 3 would break speaker tables.
 */
final class ConfNode {
  private final Path file;
  private final String where;
  private final Map<String, Object> map;

  private ConfNode(Path file, String where, Map<String, Object> map) {
    this.file = file;
    this.where = where;
    this.map = map;
  }

  @SuppressWarnings("unchecked")
  static ConfNode load(Path file) {
    Object doc;
    try {
      doc = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Object.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      var at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new ConfigException(
          file
              + ": not valid YAML"
              + where
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse(""),
          e);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (!(doc instanceof Map))
      throw new ConfigException(file + ": must be a YAML mapping of field: value");
    return new ConfNode(file, "", (Map<String, Object>) doc);
  }

  Path file() {
    return file;
  }

  boolean has(String key) {
    return map.containsKey(key);
  }

  Set<String> keys() {
    return map.keySet();
  }

  /** Fails on any field that is not one of {@code known}: a typo must not be ignored silently. */
  ConfNode allowOnly(String... known) {
    Set<String> allowed = Set.of(known);
    for (String k : map.keySet()) {
      if (!allowed.contains(k))
        throw error(k, "unknown field; known here: " + String.join(", ", new TreeSet<>(allowed)));
    }
    return this;
  }

  String string(String key) {
    String v = optString(key, null);
    if (v == null) throw error(key, "is required");
    return v;
  }

  String optString(String key, String fallback) {
    Object v = map.get(key);
    return v == null ? fallback : text(key, v);
  }

  ConfNode node(String key) {
    ConfNode n = optNode(key);
    if (n == null) throw error(key, "is required (a mapping of field: value)");
    return n;
  }

  @SuppressWarnings("unchecked")
  ConfNode optNode(String key) {
    Object v = map.get(key);
    if (v == null) return null;
    if (!(v instanceof Map)) throw error(key, "must be a mapping of field: value, not '" + v + "'");
    return new ConfNode(file, path(key), (Map<String, Object>) v);
  }

  Object raw(String key) {
    return map.get(key);
  }

  /**
   * A mapping of text to text; an explicit YAML null value is kept (it means "deliberately
   * unmapped").
   */
  Map<String, String> stringMap(String key) {
    ConfNode n = optNode(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null) return out;
    for (var e : n.map.entrySet()) {
      out.put(e.getKey(), e.getValue() == null ? null : n.text(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** A list of mappings, e.g. {@code rejects: [{pattern: ..., reason: ...}]}. */
  @SuppressWarnings("unchecked")
  List<ConfNode> nodeList(String key) {
    Object v = map.get(key);
    List<ConfNode> out = new ArrayList<>();
    if (v == null) return out;
    if (!(v instanceof List)) throw error(key, "must be a list");
    int i = 0;
    for (Object o : (List<Object>) v) {
      if (!(o instanceof Map)) throw error(key, "item " + i + " must be a mapping of field: value");
      out.add(new ConfNode(file, path(key) + "[" + i + "]", (Map<String, Object>) o));
      i++;
    }
    return out;
  }

  /** A list of text, or one text value standing for a list of one. */
  @SuppressWarnings("unchecked")
  List<String> stringList(String key) {
    Object v = map.get(key);
    List<String> out = new ArrayList<>();
    if (v == null) return out;
    if (v instanceof List) {
      for (Object o : (List<Object>) v) out.add(text(key, o));
    } else {
      out.add(text(key, v));
    }
    return out;
  }

  ConfigException error(String key, String message) {
    return new ConfigException(file + ": field '" + path(key) + "' " + message);
  }

  private String text(String key, Object v) {
    if (v instanceof String s) return s;
    if (v instanceof Number || v instanceof Boolean) {
      throw error(
          key,
          "must be text, but YAML read '"
              + v
              + "' as a "
              + (v instanceof Boolean ? "boolean" : "number")
              + "; put the value in quotes (e.g. \"03\", \"no\")");
    }
    throw error(
        key,
        "must be text, not " + (v instanceof Map ? "a mapping" : v instanceof List ? "a list" : v));
  }

  private String path(String key) {
    return where.isEmpty() ? key : where + "." + key;
  }
}
