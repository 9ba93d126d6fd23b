package io.serspark.corpus;

import io.serspark.config.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How one column of an utterance record is made from what a corpus says about a file (the named
 * groups of a file-name pattern, the columns of a manifest row). Written in YAML as either a
 * template ({@code "{speaker}"}, {@code "Ses{session}"}, a constant such as {@code female}) or a
 * mapping:
 *
 * <pre>
 * gender: {from: "{speaker}", map: {"03": male, "08": female}}
 * gender: {from: "{speaker}", table: {file: VideoDemographics.csv, key: ActorID, value: Sex}, map: {Male: male}}
 * </pre>
 *
 * {@code inferred: "<how>"} marks a value the corpus does not state (see {@link #inferred()}). A
 * template whose variable is missing or empty gives null; a value not in {@code map} (exact, then
 * case-insensitive) gives null, or itself with {@code otherwise: keep}; {@code table} looks the
 * value up in a CSV of the corpus and gives null when the file or the row is absent.
 */
final class FieldRule {
  private final List<String> literals = new ArrayList<>(); // literal i comes before variable i
  private final List<String> variables = new ArrayList<>();
  private final Map<String, String> map;
  private final Map<String, String> foldedMap;
  private final TableRef table;
  private final boolean keepUnmapped;
  private final String inferred;

  record TableRef(String file, String key, String value) {}

  private FieldRule(
      String template,
      Map<String, String> map,
      TableRef table,
      boolean keepUnmapped,
      String inferred,
      ConfNode conf,
      String key) {
    parse(template, conf, key);
    this.inferred = inferred;
    this.keepUnmapped = keepUnmapped;
    this.map = map;
    this.table = table;
    if (map == null) {
      foldedMap = null;
    } else {
      foldedMap = new LinkedHashMap<>();
      for (var e : map.entrySet())
        foldedMap.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
  }

  /** A template whose value goes through a fixed table (unmapped values become null). */
  static FieldRule mapped(String template, Map<String, String> map) {
    return new FieldRule(template, Map.copyOf(map), null, false, null, null, null);
  }

  static FieldRule template(String template) {
    return new FieldRule(template, null, null, false, null, null, null);
  }

  static FieldRule read(ConfNode conf, String key) {
    Object raw = conf.raw(key);
    if (raw == null) return null;
    if (!(raw instanceof Map))
      return new FieldRule(conf.string(key), null, null, false, null, conf, key);
    ConfNode n = conf.node(key).allowOnly("from", "map", "table", "otherwise", "inferred");
    String otherwise = n.optString("otherwise", "null");
    if (!otherwise.equals("null") && !otherwise.equals("keep")) {
      throw n.error(
          "otherwise", "must be 'keep' (pass unmapped values through) or 'null' (the default)");
    }
    if (!n.has("map") && n.has("otherwise"))
      throw n.error("otherwise", "only makes sense with 'map'");
    Map<String, String> map = n.has("map") ? n.stringMap("map") : null;
    TableRef table = null;
    ConfNode t = n.optNode("table");
    if (t != null) {
      t.allowOnly("file", "key", "value");
      table = new TableRef(t.string("file"), t.string("key"), t.string("value"));
    }
    String inferred = n.has("inferred") ? n.string("inferred") : null;
    return new FieldRule(
        n.string("from"), map, table, otherwise.equals("keep"), inferred, n, "from");
  }

  /**
   * How the value was inferred when the corpus does not state it ({@code inferred:} in the YAML,
   * e.g. CASIA's gender from F0), or null for a value the corpus gives. The ingest summary repeats
   * it, so nobody takes it for a fact.
   */
  String inferred() {
    return inferred;
  }

  /**
   * The variables the template uses, to check them against a pattern's groups or a manifest's
   * header.
   */
  Set<String> variables() {
    return new LinkedHashSet<>(variables);
  }

  String apply(Function<String, String> vars, LookupTables tables) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < literals.size(); i++) {
      sb.append(literals.get(i));
      if (i < variables.size()) {
        String v = vars.apply(variables.get(i));
        if (v == null || v.isEmpty()) return null;
        sb.append(v);
      }
    }
    String value = sb.toString();
    if (table != null) {
      value = tables.lookup(table, value);
      if (value == null) return null;
    }
    if (map != null) {
      if (map.containsKey(value)) return map.get(value);
      String lower = value.toLowerCase(Locale.ROOT);
      if (foldedMap.containsKey(lower)) return foldedMap.get(lower);
      return keepUnmapped ? value : null;
    }
    return value;
  }

  private void parse(String template, ConfNode conf, String key) {
    int i = 0;
    StringBuilder lit = new StringBuilder();
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{') {
        int end = template.indexOf('}', i);
        if (end < 0 || end == i + 1) {
          String msg = "template '" + template + "' has an unclosed or empty {variable}";
          throw conf == null ? new IllegalArgumentException(msg) : conf.error(key, msg);
        }
        literals.add(lit.toString());
        lit.setLength(0);
        variables.add(template.substring(i + 1, end));
        i = end + 1;
      } else {
        lit.append(c);
        i++;
      }
    }
    literals.add(lit.toString());
  }

  /** CSV tables of a corpus read once per scan (e.g. CREMA-D's VideoDemographics.csv). */
  static final class LookupTables {
    private final TextFiles text;
    private final Map<TableRef, Map<String, String>> loaded = new LinkedHashMap<>();

    LookupTables(TextFiles text) {
      this.text = text;
    }

    String lookup(TableRef ref, String key) throws IOException {
      Map<String, String> rows = loaded.get(ref);
      if (rows == null) {
        rows = load(ref);
        loaded.put(ref, rows);
      }
      return rows.get(key);
    }

    private Map<String, String> load(TableRef ref) throws IOException {
      Map<String, String> rows = new LinkedHashMap<>();
      if (!text.exists(ref.file()))
        return rows; // optional side files: the field is null without them
      DelimitedTable t = DelimitedTable.parse(ref.file(), text.read(ref.file()));
      int k = t.column(ref.key());
      int v = t.column(ref.value());
      if (k < 0 || v < 0) {
        throw new ConfigException(
            ref.file()
                + " has no column '"
                + (k < 0 ? ref.key() : ref.value())
                + "' (columns: "
                + String.join(", ", t.header())
                + ")");
      }
      for (DelimitedTable.Row r : t.rows()) rows.putIfAbsent(r.get(k), r.get(v));
      return rows;
    }
  }
}
