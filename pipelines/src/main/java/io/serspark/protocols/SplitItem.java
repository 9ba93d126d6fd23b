package io.serspark.protocols;

/**
 * What a protocol needs to know of one utterance: its corpus, its speaker (as in the corpus), its
 * official split (null when the corpus has none) and its text id (the sentence read; null when the
 * corpus has none). Speakers and texts are identified by corpus and name together, so that speaker
 * "01" of two corpora are two people.
 */
public record SplitItem(String corpus, String speaker, String split, String textId) {
  public SplitItem {
    if (corpus == null || speaker == null)
      throw new IllegalArgumentException("corpus and speaker must be set");
  }

  public SplitItem(String corpus, String speaker, String split) {
    this(corpus, speaker, split, null);
  }

  /** The text's identity across corpora, or null without a text id. */
  public String textKey() {
    return textId == null ? null : corpus + "/" + textId;
  }

  /** The identity that must never appear on both sides of a split. */
  public String speakerKey() {
    return corpus + "/" + speaker;
  }
}
