package io.serspark.embeddings;

import java.io.Serializable;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Counters the executors fill while embedding, for the job's summary (they are not part of any
 * table).
 */
public final class EmbedMetrics implements Serializable {
  final LongAccumulator utterances;
  final LongAccumulator skippedEmpty;
  final LongAccumulator audioSamples;
  final LongAccumulator inputSamples;
  final LongAccumulator paddedSamples;
  final LongAccumulator batches;

  /**
   * How each task ran the model (libtorch threads, malloc settings), as the executors saw it; one
   * entry per task.
   */
  final CollectionAccumulator<String> taskSettings;

  /**
   * The sha256 of the model the transformation runs, set on the driver once it has read the model.
   */
  private transient String modelSha256;

  public EmbedMetrics(SparkContext sc) {
    utterances = sc.longAccumulator("embed.utterances");
    skippedEmpty = sc.longAccumulator("embed.skipped_empty");
    audioSamples = sc.longAccumulator("embed.audio_samples");
    inputSamples = sc.longAccumulator("embed.input_samples");
    paddedSamples = sc.longAccumulator("embed.padded_samples");
    batches = sc.longAccumulator("embed.batches");
    taskSettings = sc.collectionAccumulator("embed.task_settings");
  }

  public long utterances() {
    return utterances.value();
  }

  public long skippedEmpty() {
    return skippedEmpty.value();
  }

  public long batches() {
    return batches.value();
  }

  /**
   * The distinct settings the embedding tasks ran with, sorted: e.g. {@code 2 libtorch threads per
   * task, GLIBC_TUNABLES=...}; an executor started without serspark's settings shows up as a second
   * entry.
   */
  public List<String> taskSettings() {
    return List.copyOf(new TreeSet<>(taskSettings.value()));
  }

  /**
   * The sha256 of the model file, known once {@link Embeddings#transform} has returned; null
   * before.
   */
  public String modelSha256() {
    return modelSha256;
  }

  void modelSha256(String sha) {
    modelSha256 = sha;
  }

  public double audioSeconds() {
    return audioSamples.value() / (double) EmbedOptions.SAMPLE_RATE_HZ;
  }

  /** Zero samples added by padding / all samples fed to the model. */
  public double paddingFraction() {
    long padded = paddedSamples.value();
    return padded == 0 ? 0.0 : (padded - inputSamples.value()) / (double) padded;
  }
}
