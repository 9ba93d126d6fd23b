package io.serspark.embeddings;

import io.serspark.embed.Embedder;
import io.serspark.embed.MallocSettings;
import io.serspark.embed.ModelRunner;
import io.serspark.embed.ModelSpec;
import io.serspark.embed.Pcm16;
import io.serspark.embed.Pooling;
import io.serspark.embed.UtteranceEmbedding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Embeds one partition, which holds exactly one bucket of utterances ({@link BucketPartitioner}):
 * sorted by utterance_id and embedded as one group, so its batches, and the floats they give,
 * depend only on the bucket's contents. Rows come out by utterance_id, layer, pooling. One
 * Predictor per partition; the model itself is loaded once per executor JVM.
 */
final class EmbedPartition implements FlatMapFunction<Iterator<Row>, Row> {
  private final String shippedFileName;
  private final ModelSpec spec;
  private final int[] layers;
  private final List<Pooling> poolings;
  private final EmbedOptions opts;
  private final EmbedMetrics metrics;
  private final int tasksPerExecutor;

  EmbedPartition(
      String shippedFileName,
      ModelSpec spec,
      int[] layers,
      List<Pooling> poolings,
      EmbedOptions opts,
      EmbedMetrics metrics,
      int tasksPerExecutor) {
    this.tasksPerExecutor = tasksPerExecutor;
    this.shippedFileName = shippedFileName;
    this.spec = spec;
    this.layers = layers;
    this.poolings = poolings;
    this.opts = opts;
    this.metrics = metrics;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    if (!rows.hasNext()) return Collections.emptyIterator();
    // one partition = one bucket; sorted here so its batches depend on nothing but its utterances
    List<Row> bucket = new ArrayList<>();
    rows.forEachRemaining(bucket::add);
    bucket.sort(Comparator.comparing((Row r) -> r.<String>getAs("utterance_id")));
    List<Row> inputs = new ArrayList<>();
    List<float[]> waves = new ArrayList<>();
    for (Row r : bucket) {
      byte[] pcm = r.<byte[]>getAs("pcm16");
      if (pcm == null) pcm = new byte[0];
      if (pcm.length
          < 2) { // nothing to embed; ingest quarantines such files, so this is not expected
        metrics.skippedEmpty.add(1);
        continue;
      }
      inputs.add(r);
      waves.add(Pcm16.toFloat(pcm));
    }
    bucket.clear();
    if (inputs.isEmpty()) return Collections.emptyIterator();

    // concurrent tasks share the executor's cores: give each task's libtorch its share of them
    int slots =
        tasksPerExecutor > 0 ? tasksPerExecutor : Runtime.getRuntime().availableProcessors();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / slots);
    Embedder embedder;
    List<UtteranceEmbedding> out;
    String device;
    Path model = Path.of(SparkFiles.get(shippedFileName));
    try (ModelRunner runner = ModelRunner.open(model, spec, opts.device(), threads)) {
      // the square bound's auto value depends on the device the runner got
      embedder =
          new Embedder(
              spec,
              layers,
              poolings,
              opts.windowSamples(),
              opts.overlapSamples(),
              opts.maxBatchSamples(),
              opts.maxBatchSquareSecondsOn(runner.device()));
      out = embedder.embed(waves, runner);
      device = runner.device();
    }
    List<Row> result = new ArrayList<>(out.size() * layers.length * poolings.size());
    for (int i = 0; i < out.size(); i++) {
      Row in = inputs.get(i);
      UtteranceEmbedding e = out.get(i);
      for (int s = 0; s < layers.length; s++) {
        for (int p = 0; p < poolings.size(); p++) {
          result.add(
              RowFactory.create(
                  in.<String>getAs("utterance_id"),
                  in.<String>getAs("corpus"),
                  layers[s],
                  poolings.get(p).column(),
                  e.vectors()[s][p],
                  spec.sha256(),
                  device));
        }
      }
    }
    long audio = 0;
    for (float[] w : waves) audio += w.length;
    metrics.utterances.add(out.size());
    metrics.audioSamples.add(audio);
    metrics.batches.add(embedder.batchesRun());
    metrics.inputSamples.add(embedder.inputSamplesRun());
    metrics.paddedSamples.add(embedder.paddedSamplesRun());
    metrics.taskSettings.add(
        threads
            + " libtorch thread"
            + (threads == 1 ? "" : "s")
            + " per task, "
            + MallocSettings.describe());
    return result.iterator();
  }
}
