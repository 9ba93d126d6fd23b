package io.serspark.protocols;

/**
 * What a protocol needs to know of one utterance: its corpus, its speaker (as in the corpus) and its official
 * split (null when the corpus has none). Speakers are identified by corpus and name together, so that speaker "01"
 * of two corpora are two people.
 */
public record SplitItem(String corpus, String speaker, String split) {
  public SplitItem {
    if (corpus == null || speaker == null) throw new IllegalArgumentException("corpus and speaker must be set");
  }

  /** The identity that must never appear on both sides of a split. */
  public String speakerKey() { return corpus + "/" + speaker; }
}
