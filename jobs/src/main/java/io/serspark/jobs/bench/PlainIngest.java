package io.serspark.jobs.bench;

import io.serspark.audio.AudioConverter;
import io.serspark.audio.AudioRejected;
import io.serspark.audio.ConvertedAudio;
import io.serspark.ingest.UtteranceTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * What ingest costs without Spark, on one thread: read each file from disk, sha256 it, decode and
 * resample it, and write its 16 kHz PCM with its ids to a zstd Parquet file per corpus (Spark's
 * Parquet defaults: 1 MB pages, zstd level 3, no dictionary for the PCM). The label columns are
 * left out: a few bytes per row beside the PCM. Set against the whole Spark job, it separates
 * Spark's own overhead from the reading, hashing and compressed writing that any ingest has to do.
 */
public final class PlainIngest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message utterance {"
              + " required binary utterance_id (STRING); required binary path (STRING); required binary sha256 (STRING);"
              + " required double duration_s; required int32 num_samples; required binary pcm16; }");

  private final Map<String, List<Path>> filesByCorpus;
  private final Path scratch;
  private final AudioConverter converter = new AudioConverter();

  /**
   * @param filesByCorpus the audio files of each corpus, in path order; {@code scratch} receives
   *     the Parquet files
   */
  public PlainIngest(Map<String, List<Path>> filesByCorpus, Path scratch) {
    this.filesByCorpus = filesByCorpus;
    this.scratch = scratch;
  }

  /** One pass over all files; returns the seconds of 16 kHz audio written. */
  public double pass() {
    double audio = 0;
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
      for (var corpus : filesByCorpus.entrySet()) {
        Path out = scratch.resolve(corpus.getKey() + ".zstd.parquet");
        Files.deleteIfExists(out);
        Files.deleteIfExists(out.resolveSibling("." + out.getFileName() + ".crc"));
        try (ParquetWriter<Group> w =
            ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(out.toUri()))
                .withConf(new Configuration())
                .withType(SCHEMA)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withDictionaryEncoding(true)
                .withDictionaryEncoding("pcm16", false)
                .build()) {
          for (Path f : corpus.getValue()) {
            byte[] bytes = Files.readAllBytes(f);
            String digest = HexFormat.of().formatHex(sha.digest(bytes));
            ConvertedAudio a;
            try {
              a = converter.convert(bytes);
            } catch (AudioRejected r) {
              continue; // the job quarantines it: no row
            }
            String rel = f.toString();
            w.write(
                rows.newGroup()
                    .append("utterance_id", UtteranceTables.utteranceId(corpus.getKey(), rel))
                    .append("path", rel)
                    .append("sha256", digest)
                    .append("duration_s", a.durationS())
                    .append("num_samples", a.pcm16().length)
                    .append("pcm16", Binary.fromConstantByteArray(a.pcm16LittleEndian())));
            audio += a.durationS();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return audio;
  }
}
