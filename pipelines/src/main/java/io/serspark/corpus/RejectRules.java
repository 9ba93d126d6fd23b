package io.serspark.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code rejects:} of an adapter file: audio files of the corpus folder that are not utterances
 * (IEMOCAP's whole-dialog recordings), each with the reason the quarantine will show. They are
 * rejected, not ignored, so that every audio file under the root is still accounted for.
 */
final class RejectRules {
  private record Rule(Pattern pattern, String reason) {}

  private final List<Rule> rules = new ArrayList<>();

  static RejectRules read(ConfNode conf) {
    RejectRules out = new RejectRules();
    for (ConfNode n : conf.nodeList("rejects")) {
      n.allowOnly("pattern", "reason");
      out.rules.add(new Rule(compile(n, "pattern"), n.string("reason")));
    }
    return out;
  }

  /**
   * The rejection for {@code relPath}, or null when no rule matches (the whole path must match).
   */
  Rejection match(String relPath) {
    for (Rule r : rules) {
      if (r.pattern().matcher(relPath).matches()) {
        return Rejection.label(
            relPath, r.reason(), "matches rejects pattern " + r.pattern().pattern());
      }
    }
    return null;
  }

  static Pattern compile(ConfNode conf, String key) {
    String regex = conf.string(key);
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw conf.error(
          key,
          "is not a valid regular expression: "
              + e.getDescription()
              + " near index "
              + e.getIndex()
              + " of "
              + regex);
    }
  }
}
