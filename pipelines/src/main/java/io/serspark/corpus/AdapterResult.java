package io.serspark.corpus;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an adapter made of a corpus folder: utterance records, audio files it could not label (with the reason),
 * and the files that are not audio (README, label files, manifests), which are no input of the corpus.
 */
public record AdapterResult(List<CorpusEntry> entries, List<Rejection> rejected, List<String> ignored) {
  public AdapterResult {
    entries = List.copyOf(entries);
    rejected = List.copyOf(rejected);
    ignored = List.copyOf(ignored);
  }

  /**
   * Entries kept with emotion null, counted by raw label ("(none)" for no label): what a summary reports as
   * "in the table, out of training".
   */
  public Map<String, Long> unmappedRawLabels() {
    Map<String, Long> out = new TreeMap<>();
    for (CorpusEntry e : entries) {
      if (e.emotion() == null) out.merge(e.rawLabel() == null ? "(none)" : e.rawLabel(), 1L, Long::sum);
    }
    return out;
  }
}
