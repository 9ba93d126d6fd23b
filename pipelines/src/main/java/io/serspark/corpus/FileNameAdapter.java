package io.serspark.corpus;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kind {@code filename-fields}: corpora whose labels are written in the path (EmoDB, RAVDESS, TESS,
 * SAVEE, CREMA-D). A regular expression with named groups must match the whole relative path of an
 * audio file; the groups feed the {@code fields:} templates. An audio file whose path does not
 * match is rejected with the {@code expected:} sentence as the reason.
 */
final class FileNameAdapter implements CorpusAdapter {
  static final String KIND = "filename-fields";
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private final String name;
  private final Pattern pattern;
  private final String expected;
  private final EntryFields fields;
  private final RejectRules rejects;

  FileNameAdapter(String name, ConfNode conf, EmotionNames emotions) {
    conf.allowOnly("kind", "language", "pattern", "expected", "fields", "labels", "rejects");
    this.name = name;
    this.pattern = RejectRules.compile(conf, "pattern");
    this.expected = conf.string("expected");
    Map<String, FieldRule> rules = EntryFields.read(conf);
    if (!rules.containsKey("raw_label"))
      throw conf.error("fields.raw_label", "is required (which group is the label)");
    EntryFields.checkVariables(
        conf, rules, groupNames(pattern.pattern()), "a named group of 'pattern'");
    this.fields = new EntryFields(rules, LabelMap.read(conf, "labels", emotions));
    this.rejects = RejectRules.read(conf);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public AdapterResult scan(List<String> relPaths, TextFiles text) throws IOException {
    ScanLedger ledger = new ScanLedger();
    FieldRule.LookupTables tables = new FieldRule.LookupTables(text);
    for (String p : relPaths) {
      if (ledger.screened(p, rejects)) continue;
      Matcher m = pattern.matcher(p);
      if (!m.matches()) {
        ledger.reject(Rejection.label(p, expected, "path does not match " + pattern.pattern()));
        continue;
      }
      try {
        ledger.entry(fields.build(p, group -> m.group(group), tables));
      } catch (EntryFields.BadValue e) {
        ledger.reject(Rejection.label(p, e.getMessage(), "from the file name"));
      }
    }
    return ledger.result().withInferred(fields.inferred());
  }

  /** Named groups of a regex (Java 17 has no Pattern.namedGroups()). */
  static Set<String> groupNames(String regex) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = GROUP_NAME.matcher(regex);
    while (m.find()) out.add(m.group(1));
    return out;
  }
}
