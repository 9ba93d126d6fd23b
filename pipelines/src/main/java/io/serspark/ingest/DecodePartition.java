package io.serspark.ingest;

import io.serspark.audio.AudioConverter;
import io.serspark.audio.AudioRejected;
import io.serspark.audio.ConvertedAudio;
import io.serspark.audio.UtteranceLimits;
import io.serspark.corpus.LinkPolicy;
import io.serspark.faults.TaskFailure;
import io.serspark.hadoop.HadoopConf;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Executor side of ingest: reads each file's bytes, hashes them and decodes them to 16 kHz mono
 * int16. Emits the utterance rows; reports one {@link FileOutcome} per file (utterance, quarantined
 * with a plain reason, or unchanged) to the accumulator. Never throws for bad data.
 */
final class DecodePartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** A byte[] cannot hold more; no speech utterance comes near it. */
  static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

  /**
   * Bytes read from a file too large to decode, enough for any WAV header that says how long it is.
   */
  static final int HEAD_BYTES = 64 * 1024;

  private final Broadcast<HadoopConf> hadoopConf;
  private final CollectionAccumulator<FileOutcome> outcomes;
  private final UtteranceLimits limits;

  DecodePartition(
      Broadcast<HadoopConf> hadoopConf,
      CollectionAccumulator<FileOutcome> outcomes,
      UtteranceLimits limits) {
    this.hadoopConf = hadoopConf;
    this.outcomes = outcomes;
    this.limits = limits;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> tasks) throws Exception {
    AudioConverter converter = new AudioConverter(limits);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    List<Row> out = new ArrayList<>();
    int failAfter = TaskFailure.ingestTaskFailsAfter();
    int seen = 0;
    while (tasks.hasNext()) {
      Row t = tasks.next();
      if (failAfter >= 0 && seen++ == failAfter) TaskFailure.failOnce("ingest-decode");
      Row utterance = decode(t, converter, sha);
      if (utterance != null) out.add(utterance);
    }
    return out.iterator();
  }

  /**
   * The file's utterance row, or null when it was quarantined or is unchanged (its outcome says
   * which).
   */
  private Row decode(Row t, AudioConverter converter, MessageDigest sha) {
    // by name: FileTask.SCHEMA is the contract, not its column order
    String corpus = t.getAs("corpus");
    String root = t.getAs("root");
    String rel = t.getAs("path");
    byte[] bytes;
    try {
      Path p = new Path(new Path(root), rel);
      String outside = LinkPolicy.outsideRoot(new Path(root), p);
      if (outside != null)
        return quarantine(corpus, rel, null, null, "read", outside, LinkPolicy.DETAIL);
      FileSystem fs = p.getFileSystem(hadoopConf.value().get());
      long len = fs.getFileStatus(p).getLen();
      if (len > MAX_FILE_BYTES) {
        byte[] head;
        try (InputStream in = fs.open(p)) {
          head = in.readNBytes(HEAD_BYTES);
        }
        AudioRejected r = converter.tooLarge(head, len);
        return quarantine(corpus, rel, null, len, r.stage().columnValue(), r.reason(), r.detail());
      }
      try (InputStream in = fs.open(p)) {
        bytes = in.readAllBytes();
      }
    } catch (IOException | RuntimeException e) {
      return quarantine(
          corpus, rel, null, null, "read", "the file could not be read", e.toString());
    } catch (OutOfMemoryError e) {
      return quarantine(
          corpus,
          rel,
          null,
          null,
          "read",
          "the file could not be read: it needs more memory than " + "this executor has",
          e.toString());
    }
    String digest = hex(sha.digest(bytes));
    String known = t.getAs("known_sha256");
    if (digest.equals(known)) {
      outcomes.add(FileOutcome.unchanged(corpus, rel));
      return null;
    }
    ConvertedAudio audio;
    try {
      audio = converter.convert(bytes);
    } catch (AudioRejected r) {
      return quarantine(
          corpus,
          rel,
          digest,
          (long) bytes.length,
          r.stage().name().toLowerCase(),
          r.reason(),
          r.detail());
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // A decoder bug must not take the job down or lose the file: quarantine it with the evidence
      // (convert
      // already turns these into refusals; this is the last net, e.g. for an error while building
      // the row).
      return quarantine(
          corpus,
          rel,
          digest,
          (long) bytes.length,
          "decode",
          "the decoder failed unexpectedly on this file (please report it)",
          e.toString());
    }
    outcomes.add(
        FileOutcome.utterance(
            corpus, rel, t.getAs("raw_label"), t.isNullAt(t.fieldIndex("emotion"))));
    List<Object> row = new ArrayList<>(UtteranceTables.UTTERANCES_SCHEMA.size());
    row.add(UtteranceTables.utteranceId(corpus, rel));
    row.add(corpus);
    row.add(rel);
    for (String label : UtteranceTables.LABEL_COLUMNS.fieldNames()) row.add(t.getAs(label));
    row.addAll(
        Arrays.asList(
            audio.container(),
            audio.codec(),
            audio.sourceSampleRateHz(),
            audio.sourceChannels(),
            audio.sourceBits(),
            audio.encoderDelayTrimmed(),
            audio.durationS(),
            audio.pcm16().length,
            digest,
            audio.pcm16LittleEndian()));
    return RowFactory.create(row.toArray());
  }

  private Row quarantine(
      String corpus,
      String path,
      String sha256,
      Long bytes,
      String stage,
      String reason,
      String detail) {
    outcomes.add(FileOutcome.quarantine(corpus, path, sha256, bytes, stage, reason, detail));
    return null;
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
