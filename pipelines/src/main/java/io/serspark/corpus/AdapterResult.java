package io.serspark.corpus;

import java.util.List;

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
}
