package io.serspark.corpus;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kind {@code iemocap}: IEMOCAP's release layout. Labels come from the per-dialog evaluation files
 * {@code SessionN/dialog/EmoEvaluation/<dialog>.txt}, one line per labelled turn:
 *
 * <pre>[6.2901 - 8.2357]	Ses01F_impro01_F000	neu	[2.5000, 2.5000, 2.5000]</pre>
 *
 * (time span, turn, consensus category, [valence, arousal, dominance] on IEMOCAP's 1..5 scale).
 * Utterance audio is {@code SessionN/sentences/wav/<dialog>/<turn>.wav}. A wav with no label line
 * is rejected; a label line whose wav is missing is rejected as "read". The variables the {@code
 * fields:} templates can use: session (01..05), sex (F/M: the speaker of the turn, the last letter
 * group of its name), dialog, scene (impro01, script01_1), turn, label, valence, arousal,
 * dominance, start, end.
 */
final class IemocapAdapter implements CorpusAdapter {
  static final String KIND = "iemocap";
  static final Set<String> VARIABLES =
      Set.of(
          "session",
          "sex",
          "dialog",
          "scene",
          "turn",
          "label",
          "valence",
          "arousal",
          "dominance",
          "start",
          "end");

  // Only files directly in EmoEvaluation/: its subfolders (Categorical/, Attribute/,
  // Self-evaluation/) hold the
  // individual evaluators' votes, not the consensus; "._" files are macOS resource forks of copied
  // releases.
  private static final Pattern EVALUATION =
      Pattern.compile("(.*/)?(Session\\d+)/dialog/EmoEvaluation/(?!\\._)([^/]+)\\.txt");
  private static final Pattern UTTERANCE =
      Pattern.compile("(.*/)?(Session\\d+)/sentences/wav/([^/]+)/([^/]+)\\.[^./]+");
  private static final Pattern LINE =
      Pattern.compile(
          "\\[\\s*([0-9.]+)\\s*-\\s*([0-9.]+)\\s*\\]\\s+(\\S+)\\s+(\\S+)\\s+\\[\\s*([^,\\]]+?)\\s*,\\s*([^,\\]]+?)\\s*,"
              + "\\s*([^,\\]]+?)\\s*\\].*");
  private static final Pattern TURN = Pattern.compile("Ses(\\d+)([FM])_(.+)_([FM])\\d+");

  private final String name;
  private final EntryFields fields;
  private final RejectRules rejects;

  private record Label(String evaluationFile, String sessionDir, Map<String, String> vars) {}

  IemocapAdapter(String name, ConfNode conf, EmotionNames emotions) {
    conf.allowOnly("kind", "language", "fields", "labels", "rejects");
    this.name = name;
    Map<String, FieldRule> rules = EntryFields.read(conf);
    if (!rules.containsKey("raw_label"))
      throw conf.error("fields.raw_label", "is required (e.g. \"{label}\")");
    EntryFields.checkVariables(
        conf, rules, new java.util.TreeSet<>(VARIABLES), "an IEMOCAP variable");
    this.fields = new EntryFields(rules, LabelMap.read(conf, "labels", emotions));
    this.rejects = RejectRules.read(conf);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public AdapterResult scan(List<String> relPaths, TextFiles text) throws IOException {
    Map<String, Label> labels = new LinkedHashMap<>();
    for (String p : relPaths) {
      Matcher m = EVALUATION.matcher(p);
      if (m.matches()) readEvaluation(p, prefix(m.group(1)) + m.group(2), text.read(p), labels);
    }
    ScanLedger ledger = new ScanLedger();
    FieldRule.LookupTables tables = new FieldRule.LookupTables(text);
    Set<String> seenTurns = new HashSet<>();
    for (String p : relPaths) {
      if (ledger.screened(p, rejects)) continue;
      Matcher m = UTTERANCE.matcher(p);
      if (!m.matches()) {
        ledger.reject(
            Rejection.label(
                p,
                "not an IEMOCAP utterance path SessionN/sentences/wav/<dialog>/<turn>.wav",
                "path does not match " + UTTERANCE.pattern()));
        continue;
      }
      String turn = m.group(4);
      Label label = labels.get(turn);
      if (label == null) {
        ledger.reject(
            Rejection.label(
                p,
                "no line for this turn in the dialog's EmoEvaluation file",
                "expected a line for "
                    + turn
                    + " in "
                    + m.group(2)
                    + "/dialog/EmoEvaluation/"
                    + m.group(3)
                    + ".txt"));
        continue;
      }
      seenTurns.add(turn);
      try {
        ledger.entry(fields.build(p, label.vars()::get, tables));
      } catch (EntryFields.BadValue e) {
        ledger.reject(Rejection.label(p, e.getMessage(), "from " + label.evaluationFile()));
      }
    }
    for (var e : labels.entrySet()) {
      if (seenTurns.contains(e.getKey())) continue;
      Label l = e.getValue();
      String expectedPath =
          l.sessionDir() + "/sentences/wav/" + l.vars().get("dialog") + "/" + e.getKey() + ".wav";
      if (!ledger.recorded(expectedPath)) {
        ledger.reject(
            Rejection.read(
                expectedPath,
                "labelled in EmoEvaluation but its wav is not in the corpus folder",
                "listed in " + l.evaluationFile()));
      }
    }
    return ledger.result();
  }

  private static void readEvaluation(
      String file, String sessionDir, String content, Map<String, Label> out) {
    for (String line : content.split("\\R")) {
      Matcher m = LINE.matcher(line.trim());
      if (!m.matches()) continue; // header (%), evaluator lines (C-E2:, A-F1:), blank lines
      String turn = m.group(3);
      Map<String, String> vars = new HashMap<>();
      vars.put("start", m.group(1));
      vars.put("end", m.group(2));
      vars.put("turn", turn);
      vars.put("label", m.group(4));
      vars.put("valence", m.group(5));
      vars.put("arousal", m.group(6));
      vars.put("dominance", m.group(7));
      Matcher t = TURN.matcher(turn);
      if (t.matches()) {
        vars.put("session", t.group(1));
        vars.put("sex", t.group(4));
        vars.put("scene", t.group(3));
        vars.put("dialog", turn.substring(0, turn.lastIndexOf('_')));
      } else {
        int cut = turn.lastIndexOf('_');
        vars.put("dialog", cut > 0 ? turn.substring(0, cut) : turn);
      }
      out.putIfAbsent(turn, new Label(file, sessionDir, Map.copyOf(vars)));
    }
  }

  private static String prefix(String group) {
    return group == null ? "" : group;
  }
}
