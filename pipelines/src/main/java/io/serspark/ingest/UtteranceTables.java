package io.serspark.ingest;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.Map;
import org.apache.spark.sql.types.StructType;

/** Schemas of the tables that ingest writes (DESIGN.md, "The warehouse"). */
public final class UtteranceTables {
  private UtteranceTables() {}

  public static final String UTTERANCES = "utterances";
  public static final String QUARANTINE = "quarantine";

  /**
   * What a corpus adapter says about an utterance, carried from its file task into its utterances
   * row.
   */
  static final StructType LABEL_COLUMNS =
      new StructType()
          .add("speaker", StringType, true)
          .add("gender", StringType, true)
          .add("language", StringType, true)
          .add("text_id", StringType, true)
          .add("raw_label", StringType, true)
          .add("emotion", StringType, true)
          .add("intensity", StringType, true)
          .add("split", StringType, true)
          .add("arousal", DoubleType, true)
          .add("valence", DoubleType, true)
          .add("dominance", DoubleType, true);

  public static final StructType UTTERANCES_SCHEMA =
      append(
              new StructType()
                  .add("utterance_id", StringType, false)
                  .add("corpus", StringType, false)
                  .add("path", StringType, false),
              LABEL_COLUMNS)
          .add("source_container", StringType, false)
          .add("source_codec", StringType, false)
          .add("source_sample_rate", IntegerType, false)
          .add("source_channels", IntegerType, false)
          .add("source_bits", IntegerType, false)
          .add("encoder_delay_trimmed", BooleanType, false)
          .add("duration_s", DoubleType, false)
          .add("num_samples", IntegerType, false)
          .add("sha256", StringType, false)
          .add("pcm16", BinaryType, false);

  /** {@code t} followed by the fields of {@code more}. */
  static StructType append(StructType t, StructType more) {
    for (var f : more.fields()) t = t.add(f);
    return t;
  }

  /**
   * Parquet settings of the utterances table: no dictionary for {@code pcm16}. Every blob is
   * distinct, so the dictionary writer would only hash and copy blobs until its page overflows and
   * it falls back to plain encoding; skipping it writes the same plain pages for less CPU.
   */
  public static final Map<String, String> WRITE_OPTIONS =
      Map.of("parquet.enable.dictionary#pcm16", "false");

  public static final StructType QUARANTINE_SCHEMA =
      new StructType()
          .add("corpus", StringType, false)
          .add("path", StringType, false)
          .add("sha256", StringType, true)
          .add("bytes", LongType, true)
          .add("stage", StringType, false)
          .add("reason", StringType, false)
          .add("detail", StringType, true);

  /**
   * The utterance rows a decode task emits: the columns of {@link #UTTERANCES_SCHEMA}, all nullable
   * as Spark reads any Parquet table back, so that new rows and rows kept from an older table are
   * written alike.
   */
  static final StructType DECODED_SCHEMA =
      new StructType(
          java.util.Arrays.stream(UTTERANCES_SCHEMA.fields())
              .map(
                  f ->
                      new org.apache.spark.sql.types.StructField(
                          f.name(), f.dataType(), true, f.metadata()))
              .toArray(org.apache.spark.sql.types.StructField[]::new));

  /**
   * Stable id: a hash of corpus and relative path (not of the content: a corrected file keeps its
   * id).
   */
  public static String utteranceId(String corpus, String relPath) {
    try {
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(
                  (corpus + "\u0000" + relPath).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(h).substring(0, 24);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
