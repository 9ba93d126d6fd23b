package io.serspark.corpus;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code fields:} of an adapter file: one {@link FieldRule} per column of the utterance record,
 * evaluated on what the corpus says about a file. The emotion comes from the raw label through the
 * corpus's {@link LabelMap}.
 */
final class EntryFields {
  static final List<String> NAMES =
      List.of(
          "speaker",
          "gender",
          "language",
          "text_id",
          "raw_label",
          "intensity",
          "split",
          "arousal",
          "valence",
          "dominance");

  private final Map<String, FieldRule> rules;
  private final LabelMap labels;

  /**
   * A value the corpus gives that cannot go into the record (e.g. an arousal that is not a number).
   */
  static final class BadValue extends Exception {
    BadValue(String message) {
      super(message);
    }
  }

  EntryFields(Map<String, FieldRule> rules, LabelMap labels) {
    this.rules = new LinkedHashMap<>(rules);
    this.labels = labels;
  }

  /**
   * Reads {@code fields:} (names from {@link #NAMES}) and the top-level {@code language:}
   * shorthand. {@code kindFields} are further names the kind itself reads (the manifest's {@code
   * path}).
   */
  static Map<String, FieldRule> read(ConfNode conf, String... kindFields) {
    Map<String, FieldRule> rules = new LinkedHashMap<>();
    ConfNode fields = conf.optNode("fields");
    if (fields != null) {
      List<String> allowed = new java.util.ArrayList<>(NAMES);
      allowed.addAll(List.of(kindFields));
      fields.allowOnly(allowed.toArray(String[]::new));
      for (String k : NAMES) {
        FieldRule r = FieldRule.read(fields, k);
        if (r != null) rules.put(k, r);
      }
    }
    if (conf.has("language")) {
      if (rules.containsKey("language"))
        throw conf.error("language", "is given twice (also in fields.language)");
      rules.put("language", FieldRule.template(conf.string("language")));
    }
    return rules;
  }

  /**
   * Every variable the rules use must be one the corpus provides; a misspelt one would give silent
   * nulls.
   */
  static void checkVariables(
      ConfNode conf, Map<String, FieldRule> rules, Set<String> provided, String what) {
    for (var e : rules.entrySet()) {
      for (String v : e.getValue().variables()) {
        if (!provided.contains(v)) {
          throw conf.error(
              "fields." + e.getKey(),
              "uses {"
                  + v
                  + "}, which is not "
                  + what
                  + " (available: "
                  + String.join(", ", provided)
                  + ")");
        }
      }
    }
  }

  /**
   * Fields whose values are inferred rather than stated by the corpus, with how (field -> note), in
   * field order.
   */
  Map<String, String> inferred() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String f : NAMES) {
      FieldRule r = rules.get(f);
      if (r != null && r.inferred() != null) out.put(f, r.inferred());
    }
    return out;
  }

  CorpusEntry build(String relPath, Function<String, String> vars, FieldRule.LookupTables tables)
      throws IOException, BadValue {
    String raw = get("raw_label", vars, tables);
    return new CorpusEntry(
        relPath,
        get("speaker", vars, tables),
        get("gender", vars, tables),
        get("language", vars, tables),
        get("text_id", vars, tables),
        raw,
        labels.emotion(raw),
        get("intensity", vars, tables),
        get("split", vars, tables),
        number("arousal", vars, tables),
        number("valence", vars, tables),
        number("dominance", vars, tables));
  }

  private String get(String field, Function<String, String> vars, FieldRule.LookupTables tables)
      throws IOException {
    FieldRule r = rules.get(field);
    return r == null ? null : r.apply(vars, tables);
  }

  private Double number(String field, Function<String, String> vars, FieldRule.LookupTables tables)
      throws IOException, BadValue {
    String s = get(field, vars, tables);
    if (s == null) return null;
    try {
      double d = Double.parseDouble(s);
      if (!Double.isFinite(d)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw new BadValue(field + " '" + s + "' is not a number");
    }
  }
}
