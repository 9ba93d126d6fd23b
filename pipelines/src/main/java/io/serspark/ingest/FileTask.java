package io.serspark.ingest;

import static org.apache.spark.sql.types.DataTypes.StringType;

import io.serspark.corpus.CorpusEntry;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** One audio file to decode on an executor, with the labels its corpus adapter found for it. */
final class FileTask {
  private FileTask() {}

  static final StructType SCHEMA =
      UtteranceTables.append(
              new StructType()
                  .add("corpus", StringType, false)
                  .add("root", StringType, false)
                  .add("path", StringType, false),
              UtteranceTables.LABEL_COLUMNS)
          // append mode: the sha256 already in the table for this (corpus, path), to skip unchanged
          // files
          .add("known_sha256", StringType, true);

  static Row of(String corpus, String root, CorpusEntry e, String knownSha256) {
    return RowFactory.create(
        corpus,
        root,
        e.relPath(),
        qualifiedSpeaker(corpus, e.speaker()),
        e.gender(),
        e.language(),
        e.textId(),
        e.rawLabel(),
        e.emotion(),
        e.intensity(),
        e.split(),
        e.arousal(),
        e.valence(),
        e.dominance(),
        knownSha256);
  }

  /**
   * Speaker ids are qualified by corpus ("emodb:03"): corpora reuse small numbers, and a
   * cross-corpus or pooled protocol must never merge two people into one speaker.
   */
  static String qualifiedSpeaker(String corpus, String speaker) {
    return speaker == null ? null : corpus + ":" + speaker;
  }
}
