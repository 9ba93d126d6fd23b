package io.serspark.protocols;

import io.serspark.config.ConfigException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Parses the {@code --protocol} option. */
public final class Protocols {
  private Protocols() {}

  public static final String SYNTAX =
      "loso | speaker-kfold:K | official | cross-corpus:A[+A2]->B[+B2]"
          + " | loso+text:T | speaker-kfold:K+text:T";
  private static final String TEXT_SUFFIX = "+text:";

  public static Protocol parse(String spec, long seed) {
    String s = spec == null ? "" : spec.trim();
    int text = s.startsWith("cross-corpus:") ? -1 : s.lastIndexOf(TEXT_SUFFIX);
    if (text >= 0) {
      // speaker folds crossed with text groups (SpeakerTextDisjoint): for corpora whose speakers
      // share sentences
      String speakers = s.substring(0, text);
      int t;
      try {
        t = Integer.parseInt(s.substring(text + TEXT_SUFFIX.length()));
      } catch (NumberFormatException e) {
        t = 0;
      }
      if (t < 2)
        throw new ConfigException(
            "--protocol " + spec + ": T (text groups) must be an integer >= 2, e.g. loso+text:2");
      if (!speakers.equals("loso") && !speakers.startsWith("speaker-kfold:")) {
        throw new ConfigException(
            "--protocol " + spec + ": +text:T crosses loso or speaker-kfold:K only");
      }
      return new SpeakerTextDisjoint(parse(speakers, seed), t, seed);
    }
    if (s.equals("loso")) return new LeaveOneSpeakerOut();
    if (s.equals("official")) return OfficialSplit.standard();
    if (s.startsWith("speaker-kfold:")) {
      try {
        int k = Integer.parseInt(s.substring("speaker-kfold:".length()));
        if (k >= 2) return new SpeakerKFold(k, seed);
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
      throw new ConfigException(
          "--protocol " + spec + ": K must be an integer >= 2, e.g. speaker-kfold:5");
    }
    if (s.startsWith("cross-corpus:") && s.contains("->")) {
      String[] ab = s.substring("cross-corpus:".length()).split("->", 2);
      Set<String> a = corpora(ab[0]), b = corpora(ab[1]);
      if (a.isEmpty() || b.isEmpty())
        throw new ConfigException(
            "--protocol "
                + spec
                + ": name corpora on both sides, e.g. cross-corpus:emodb->ravdess");
      try {
        return new CrossCorpus(a, b);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--protocol " + spec + ": " + e.getMessage());
      }
    }
    throw new ConfigException("--protocol '" + spec + "' is not known; use " + SYNTAX);
  }

  private static Set<String> corpora(String list) {
    Set<String> out = new LinkedHashSet<>();
    Arrays.stream(list.split("\\+")).map(String::trim).filter(x -> !x.isEmpty()).forEach(out::add);
    return out;
  }
}
