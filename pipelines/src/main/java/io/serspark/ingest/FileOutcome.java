package io.serspark.ingest;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What became of one listed file, reported by its decode task through an accumulator: the summary
 * and the quarantine table are built from these on the driver, so the decoded audio is read once,
 * by the write itself. Small on purpose (no audio); a retried or recomputed task reports a file
 * again with the same outcome, so the driver keeps one per (corpus, path).
 */
record FileOutcome(
    Kind kind,
    String corpus,
    String path,
    String rawLabel,
    boolean emotionMissing,
    String sha256,
    Long bytes,
    String stage,
    String reason,
    String detail)
    implements Serializable {

  enum Kind {
    UTTERANCE,
    QUARANTINE,
    UNCHANGED
  }

  static FileOutcome utterance(
      String corpus, String path, String rawLabel, boolean emotionMissing) {
    return new FileOutcome(
        Kind.UTTERANCE, corpus, path, rawLabel, emotionMissing, null, null, null, null, null);
  }

  static FileOutcome unchanged(String corpus, String path) {
    return new FileOutcome(Kind.UNCHANGED, corpus, path, null, false, null, null, null, null, null);
  }

  static FileOutcome quarantine(
      String corpus,
      String path,
      String sha256,
      Long bytes,
      String stage,
      String reason,
      String detail) {
    return new FileOutcome(
        Kind.QUARANTINE, corpus, path, null, false, sha256, bytes, stage, reason, detail);
  }

  String key() {
    return corpus + "\u0000" + path;
  }

  /** The file's row in the quarantine table ({@link UtteranceTables#QUARANTINE_SCHEMA}). */
  Row quarantineRow() {
    return RowFactory.create(corpus, path, sha256, bytes, stage, reason, detail);
  }
}
