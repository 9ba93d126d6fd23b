package io.serspark.embeddings;

import io.serspark.config.ConfigException;
import io.serspark.config.PathSegment;
import io.serspark.embed.BatchPlanner;
import io.serspark.embed.DeviceChoice;
import io.serspark.embed.Embedder;
import io.serspark.embed.LayerSelection;
import io.serspark.embed.Pooling;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What to embed and how, validated as a whole before Spark does any work. Build with {@link #of};
 * every problem is a ConfigException naming the option.
 *
 * @param model the TorchScript file: a local path or any Hadoop URI (hdfs://, s3a://, file://)
 * @param name the table is {@code embeddings/<name>}
 * @param maxBatchSamples budget of padded samples per batch (items × longest item)
 * @param maxBatchSquareSeconds bound on a batch's items × (longest item in seconds)², which bounds
 *     self-attention's memory; {@code Double.POSITIVE_INFINITY} for none, null for auto (see {@link
 *     #maxBatchSquareSecondsOn})
 * @param corpus only this corpus, or null for all
 */
public record EmbedOptions(
    String model,
    String name,
    LayerSelection layers,
    List<Pooling> poolings,
    DeviceChoice device,
    long maxBatchSamples,
    Double maxBatchSquareSeconds,
    double windowS,
    double overlapS,
    String corpus)
    implements Serializable {

  public static final int SAMPLE_RATE_HZ = Embedder.SAMPLE_RATE_HZ;

  /**
   * 60 s of padded audio per batch: ~3 GB of activations for a base SSL model, fine on CPU and any
   * GPU.
   */
  public static final long DEFAULT_MAX_BATCH_SAMPLES = 960_000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public static EmbedOptions of(
      String model,
      String name,
      String layers,
      String pooling,
      String device,
      long maxBatchSamples,
      String maxBatchSquareSeconds,
      double windowS,
      double overlapS,
      String corpus) {
    if (model == null || model.isBlank())
      throw new ConfigException("--model is empty: give the TorchScript file");
    if (!hasScheme(model) && !Files.isRegularFile(Path.of(model))) {
      throw new ConfigException(
          "--model "
              + model
              + " does not exist or is not a file (a local path, or a Hadoop "
              + "URI such as hdfs://... or s3a://...)");
    }
    PathSegment.check("--name", name);
    if (corpus != null && !corpus.isBlank()) PathSegment.check("--corpus", corpus);
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ConfigException(
          "--name '"
              + name
              + "': use letters, digits, '.', '_' or '-' (it becomes the table "
              + "embeddings/<name>)");
    }
    if (maxBatchSamples < 1 || maxBatchSamples > BatchPlanner.MAX_ARRAY_LENGTH) {
      throw new ConfigException(
          "--max-batch-samples "
              + maxBatchSamples
              + " must be 1 to "
              + BatchPlanner.MAX_ARRAY_LENGTH
              + " (padded samples per batch, held in one Java array; default "
              + DEFAULT_MAX_BATCH_SAMPLES
              + " = 60 s of 16 kHz audio)");
    }
    Double squareSeconds = BatchPlanner.parseSquareSeconds(maxBatchSquareSeconds);
    if (!(windowS > 0) || windowS * SAMPLE_RATE_HZ > BatchPlanner.MAX_ARRAY_LENGTH) {
      throw new ConfigException(
          "--window-s "
              + windowS
              + " must be a positive number of seconds, at most "
              + BatchPlanner.MAX_ARRAY_LENGTH / SAMPLE_RATE_HZ
              + " (a window's samples are one Java array)");
    }
    if (!(overlapS >= 0) || overlapS >= windowS) {
      throw new ConfigException(
          "--overlap-s " + overlapS + " must be at least 0 and less than --window-s " + windowS);
    }
    if (corpus != null && corpus.isBlank())
      throw new ConfigException("--corpus is empty: name a corpus or leave it out");
    return new EmbedOptions(
        model,
        name,
        LayerSelection.parse(layers),
        Pooling.parseList(pooling),
        DeviceChoice.parse(device),
        maxBatchSamples,
        squareSeconds,
        windowS,
        overlapS,
        corpus);
  }

  /**
   * The bound on a batch's items × (longest item in seconds)² on the device a runner reports
   * ("cpu", "cuda:0"): the option's value, or auto's ({@link BatchPlanner#squareSecondsOn}).
   */
  public double maxBatchSquareSecondsOn(String device) {
    return BatchPlanner.squareSecondsOn(maxBatchSquareSeconds, device);
  }

  public int windowSamples() {
    return (int) Math.round(windowS * SAMPLE_RATE_HZ);
  }

  public int overlapSamples() {
    return (int) Math.round(overlapS * SAMPLE_RATE_HZ);
  }

  public String table() {
    return "embeddings/" + name;
  }

  static boolean hasScheme(String uri) {
    try {
      String scheme = new URI(uri).getScheme();
      return scheme != null && scheme.length() > 1; // "C:" is a drive, not a scheme
    } catch (Exception e) {
      return false;
    }
  }
}
