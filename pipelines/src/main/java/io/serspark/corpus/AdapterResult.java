package io.serspark.corpus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an adapter made of a corpus folder: utterance records, audio files it could not label (with
 * the reason), the files that are not audio (README, label files, manifests), which are no input of
 * the corpus, and the fields whose values the adapter infers rather than reads from the corpus
 * (field -> how; e.g. CASIA's gender).
 */
public record AdapterResult(
    List<CorpusEntry> entries,
    List<Rejection> rejected,
    List<String> ignored,
    Map<String, String> inferredFields) {
  public AdapterResult {
    entries = List.copyOf(entries);
    rejected = List.copyOf(rejected);
    ignored = List.copyOf(ignored);
    inferredFields = Collections.unmodifiableMap(new LinkedHashMap<>(inferredFields));
  }

  public AdapterResult(List<CorpusEntry> entries, List<Rejection> rejected, List<String> ignored) {
    this(entries, rejected, ignored, Map.of());
  }

  AdapterResult withInferred(Map<String, String> inferred) {
    return new AdapterResult(entries, rejected, ignored, inferred);
  }

  /**
   * Ignored files counted by kind: the extension in lower case ({@code .lab}), or the file name
   * when it has none ({@code README}). Side files of a corpus (CASIA's {@code .lab/.peak/.tag})
   * show up here in the ingest summary.
   */
  public Map<String, Long> ignoredByKind() {
    Map<String, Long> out = new TreeMap<>();
    for (String p : ignored) {
      String name = p.substring(p.lastIndexOf('/') + 1);
      int dot = name.lastIndexOf('.');
      out.merge(
          dot > 0 ? name.substring(dot).toLowerCase(java.util.Locale.ROOT) : name, 1L, Long::sum);
    }
    return out;
  }

  /**
   * Entries kept with emotion null, counted by raw label ("(none)" for no label): what a summary
   * reports as "in the table, out of training".
   */
  public Map<String, Long> unmappedRawLabels() {
    Map<String, Long> out = new TreeMap<>();
    for (CorpusEntry e : entries) {
      if (e.emotion() == null)
        out.merge(e.rawLabel() == null ? "(none)" : e.rawLabel(), 1L, Long::sum);
    }
    return out;
  }
}
