package io.serspark.corpus;

import io.serspark.config.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kind {@code manifest}: a CSV/TSV table in the corpus folder says, per audio file, what it is.
 * Serves both the generic manifest (columns path, label, speaker; optional gender, split, arousal,
 * valence, dominance, language, text_id, intensity) and corpora that ship a label table, such as
 * MSP-Podcast's {@code Labels/labels_consensus.csv}, whose columns the {@code fields:} templates
 * name. A listed file that is missing is rejected as "read"; an audio file that is not listed is
 * rejected as "label"; a listed file counts as input whatever its extension.
 */
final class ManifestAdapter implements CorpusAdapter {
  static final String KIND = "manifest";

  /**
   * The names a folder's manifest may have to be picked up without any YAML ({@code name=path}).
   */
  static final List<String> DEFAULT_NAMES =
      List.of("serspark-manifest.csv", "serspark-manifest.tsv", "manifest.csv", "manifest.tsv");

  private static final List<String> REQUIRED = List.of("path", "label", "speaker");
  private static final List<String> OPTIONAL =
      List.of(
          "gender", "split", "arousal", "valence", "dominance", "language", "text_id", "intensity");
  // Common spellings of gender in manifests; anything else becomes null rather than a new category.
  private static final Map<String, String> GENDER =
      Map.of(
          "m", "male", "male", "male", "man", "male", "f", "female", "female", "female", "woman",
          "female", "w", "female");

  private final String name;
  private final String
      source; // the YAML file, or a sentence for the no-YAML manifest, for messages
  private final List<String> manifestNames;
  private final Map<String, FieldRule> configured;
  private final FieldRule pathRule;
  private final LabelMap labels;
  private final Set<String> nullValues;
  private final RejectRules rejects;

  ManifestAdapter(String name, ConfNode conf, EmotionNames emotions) {
    conf.allowOnly("kind", "language", "manifest", "fields", "labels", "null_values", "rejects");
    this.name = name;
    this.source = conf.file().toString();
    this.manifestNames = conf.has("manifest") ? conf.stringList("manifest") : DEFAULT_NAMES;
    ConfNode fieldsNode = conf.optNode("fields");
    this.pathRule = fieldsNode == null ? null : FieldRule.read(fieldsNode, "path");
    this.configured = EntryFields.read(conf, "path");
    this.labels =
        conf.has("labels") ? LabelMap.read(conf, "labels", emotions) : emotions.asLabelMap();
    this.nullValues = new HashSet<>(conf.stringList("null_values"));
    this.rejects = RejectRules.read(conf);
  }

  /** The manifest adapter of a folder that brings its own manifest and no YAML: every default. */
  ManifestAdapter(String name, EmotionNames emotions) {
    this.name = name;
    this.source = "the generic manifest (no conf/corpora/" + name + ".yaml)";
    this.manifestNames = DEFAULT_NAMES;
    this.configured = Map.of();
    this.pathRule = null;
    this.labels = emotions.asLabelMap();
    this.nullValues = Set.of();
    this.rejects = new RejectRules();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public AdapterResult scan(List<String> relPaths, TextFiles text) throws IOException {
    Set<String> present = new HashSet<>(relPaths);
    // The listing decides, not exists(): on a case-insensitive file system "manifest.tsv" would
    // find MANIFEST.tsv.
    String manifest =
        manifestNames.stream()
            .filter(present::contains)
            .findFirst()
            .orElseThrow(
                () ->
                    new ConfigException(
                        "corpus '"
                            + name
                            + "': no manifest in its folder (looked for "
                            + String.join(", ", manifestNames)
                            + "; configured in "
                            + source
                            + ")"));
    DelimitedTable table = DelimitedTable.parse(manifest, text.read(manifest));
    FieldRule path = pathRule != null ? pathRule : defaultRule(table, "path", manifest);
    Map<String, FieldRule> rules = rulesFor(table, manifest);
    checkColumns(table, manifest, path, rules);
    EntryFields fields = new EntryFields(rules, labels);

    Map<String, List<CorpusEntry>> listed = new LinkedHashMap<>();
    Map<String, Rejection> rowProblems = new LinkedHashMap<>();
    FieldRule.LookupTables tables = new FieldRule.LookupTables(text);
    for (DelimitedTable.Row row : table.rows()) {
      java.util.function.Function<String, String> vars = column -> cell(table, row, column);
      String rawPath = path.apply(vars, tables);
      if (rawPath == null) {
        throw new ConfigException(
            manifest + " line " + row.line() + ": the path is empty; every row must name a file");
      }
      String p = normalise(rawPath);
      if (p == null) {
        rowProblems.putIfAbsent(
            rawPath,
            Rejection.read(
                rawPath,
                "path in the manifest is outside the corpus folder",
                manifest + " line " + row.line()));
        continue;
      }
      try {
        listed.computeIfAbsent(p, k -> new ArrayList<>()).add(fields.build(p, vars, tables));
      } catch (EntryFields.BadValue e) {
        rowProblems.putIfAbsent(
            p, Rejection.label(p, e.getMessage(), manifest + " line " + row.line()));
      }
    }

    ScanLedger ledger = new ScanLedger();
    for (var r : rowProblems.values()) ledger.reject(r);
    for (var e : listed.entrySet()) {
      String p = e.getKey();
      if (ledger.recorded(p)) continue;
      if (!present.contains(p)) {
        ledger.reject(
            Rejection.read(p, "listed in the manifest but not found", "listed in " + manifest));
        continue;
      }
      Rejection r = rejects.match(p);
      if (r != null) {
        ledger.reject(r);
        continue;
      }
      Set<CorpusEntry> distinct = new LinkedHashSet<>(e.getValue());
      if (distinct.size() > 1) {
        ledger.reject(
            Rejection.label(
                p,
                "listed " + e.getValue().size() + " times in the manifest with different values",
                "in " + manifest));
      } else {
        ledger.entry(distinct.iterator().next());
      }
    }
    for (String p : relPaths) {
      if (ledger.recorded(p)) continue;
      if (AudioFiles.isAudio(p)) {
        Rejection r = rejects.match(p);
        ledger.reject(
            r != null
                ? r
                : Rejection.label(
                    p, "audio file not listed in the manifest", "not in " + manifest));
      } else {
        ledger.ignore(p);
      }
    }
    return ledger.result();
  }

  private Map<String, FieldRule> rulesFor(DelimitedTable table, String manifest) {
    Map<String, FieldRule> rules = new LinkedHashMap<>(configured);
    if (!rules.containsKey("raw_label"))
      rules.put("raw_label", defaultRule(table, "label", manifest));
    if (!rules.containsKey("speaker"))
      rules.put("speaker", defaultRule(table, "speaker", manifest));
    for (String c : OPTIONAL) {
      if (rules.containsKey(c) || table.column(c) < 0) continue;
      rules.put(
          c,
          c.equals("gender")
              ? FieldRule.mapped("{gender}", GENDER)
              : FieldRule.template("{" + c + "}"));
    }
    return rules;
  }

  private FieldRule defaultRule(DelimitedTable table, String column, String manifest) {
    if (table.column(column) < 0) {
      throw new ConfigException(
          manifest
              + " has no column '"
              + column
              + "' (columns: "
              + String.join(", ", table.header())
              + "); a manifest needs at least "
              + String.join(", ", REQUIRED)
              + ", or name the column in 'fields:' of "
              + source);
    }
    return FieldRule.template("{" + column + "}");
  }

  private void checkColumns(
      DelimitedTable table, String manifest, FieldRule path, Map<String, FieldRule> rules) {
    List<FieldRule> all = new ArrayList<>(rules.values());
    all.add(path);
    for (FieldRule r : all) {
      for (String v : r.variables()) {
        if (table.column(v) < 0) {
          throw new ConfigException(
              source
                  + ": 'fields' uses column {"
                  + v
                  + "}, which "
                  + manifest
                  + " does not have (columns: "
                  + String.join(", ", table.header())
                  + ")");
        }
      }
    }
  }

  private String cell(DelimitedTable table, DelimitedTable.Row row, String column) {
    int i = table.column(column);
    if (i < 0) return null;
    String v = row.get(i);
    return v.isEmpty() || nullValues.contains(v) ? null : v;
  }

  /**
   * A manifest path relative to the root with '/' separators, or null when it points outside the
   * root.
   */
  static String normalise(String raw) {
    String p = raw.replace('\\', '/');
    while (p.startsWith("./")) p = p.substring(2);
    if (p.startsWith("/") || p.matches("^[A-Za-z]:/.*")) return null;
    List<String> parts = new ArrayList<>();
    for (String s : p.split("/")) {
      if (s.isEmpty() || s.equals(".")) continue;
      if (s.equals("..")) return null;
      parts.add(s);
    }
    return parts.isEmpty() ? null : String.join("/", parts);
  }
}
