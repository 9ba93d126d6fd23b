package io.serspark.corpus;

/**
 * One utterance as the corpus names it. {@code emotion} is the common name from the corpus's label
 * map, or null when the raw label has none (kept in the table, left out of training). {@code split}
 * is the corpus's official split or null; arousal/valence/dominance are on the corpus's own scale,
 * or null.
 */
public record CorpusEntry(
    String relPath,
    String speaker,
    String gender,
    String language,
    String textId,
    String rawLabel,
    String emotion,
    String intensity,
    String split,
    Double arousal,
    Double valence,
    Double dominance) {}
