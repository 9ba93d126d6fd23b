package io.serspark.corpus;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A corpus's raw labels to common emotion names. A raw label with no mapping, or mapped to null on
 * purpose (IEMOCAP's "xxx", no agreement), gives emotion null: the utterance stays in the table and
 * out of training. Lookup is exact first, then case-insensitive, because corpora are inconsistent
 * in case (TESS folders).
 */
final class LabelMap {
  private final Map<String, String> exact;
  private final Map<String, String> folded = new LinkedHashMap<>();

  LabelMap(Map<String, String> rawToEmotion) {
    this.exact = new LinkedHashMap<>(rawToEmotion);
    for (var e : rawToEmotion.entrySet())
      folded.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
  }

  /** Reads {@code labels:} of an adapter file; every target must be a common name (or null). */
  static LabelMap read(ConfNode conf, String key, EmotionNames emotions) {
    Map<String, String> m = conf.stringMap(key);
    for (var e : m.entrySet()) {
      if (e.getValue() != null && !emotions.contains(e.getValue())) {
        throw conf.error(
            key + "." + e.getKey(),
            "maps to '"
                + e.getValue()
                + "', which is not a common emotion name ("
                + String.join(", ", emotions.sorted())
                + "); fix the name or add it to conf/emotions.yaml");
      }
    }
    return new LabelMap(m);
  }

  String emotion(String raw) {
    if (raw == null) return null;
    if (exact.containsKey(raw)) return exact.get(raw);
    return folded.get(raw.toLowerCase(Locale.ROOT));
  }
}
