package io.serspark.embeddings;

import io.serspark.embed.DeviceChoice;
import io.serspark.embed.Embedder;
import io.serspark.embed.ModelRunner;
import io.serspark.embed.ModelSpec;
import io.serspark.embed.Pcm16;
import io.serspark.embed.Pooling;
import io.serspark.embed.UtteranceEmbedding;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Embeds one partition: rows arrive sorted by (bucket, utterance_id); each bucket is embedded as one group (so its
 * batches depend only on the bucket's contents, not on the partitioning) and its rows are emitted in that order.
 * One Predictor per partition; the model is loaded once per executor JVM.
 */
final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
  private final String shippedFileName;
  private final ModelSpec spec;
  private final int[] layers;
  private final List<Pooling> poolings;
  private final DeviceChoice device;
  private final int windowSamples;
  private final int overlapSamples;
  private final long maxBatchSamples;
  private final EmbedMetrics metrics;
  private final int tasksPerExecutor;

  EmbedPartition(String shippedFileName, ModelSpec spec, int[] layers, List<Pooling> poolings, EmbedOptions opts,
      EmbedMetrics metrics, int tasksPerExecutor) {
    this.tasksPerExecutor = tasksPerExecutor;
    this.shippedFileName = shippedFileName;
    this.spec = spec;
    this.layers = layers;
    this.poolings = poolings;
    this.device = opts.device();
    this.windowSamples = opts.windowSamples();
    this.overlapSamples = opts.overlapSamples();
    this.maxBatchSamples = opts.maxBatchSamples();
    this.metrics = metrics;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    if (!rows.hasNext()) return rows;
    // concurrent tasks share the executor's cores: give each task's libtorch its share of them
    int slots = tasksPerExecutor > 0 ? tasksPerExecutor : Runtime.getRuntime().availableProcessors();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / slots);
    ModelRunner runner = ModelRunner.open(Path.of(SparkFiles.get(shippedFileName)), spec, device, threads);
    TaskContext task = TaskContext.get();
    if (task != null) task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> runner.close());
    return new Iterator<>() {
      private final ArrayDeque<Row> pending = new ArrayDeque<>();
      private Row lookahead = rows.next();

      @Override
      public boolean hasNext() {
        while (pending.isEmpty() && lookahead != null) embedNextBucket();
        return !pending.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) throw new NoSuchElementException();
        return pending.poll();
      }

      private void embedNextBucket() {
        long bucket = lookahead.getLong(3);
        List<Row> group = new ArrayList<>();
        while (lookahead != null && lookahead.getLong(3) == bucket) {
          group.add(lookahead);
          lookahead = rows.hasNext() ? rows.next() : null;
        }
        List<Row> inputs = new ArrayList<>();
        List<float[]> waves = new ArrayList<>();
        for (Row r : group) {
          byte[] pcm = r.isNullAt(2) ? new byte[0] : (byte[]) r.get(2);
          if (pcm.length < 2) { // nothing to embed; ingest quarantines such files, so this is not expected
            metrics.skippedEmpty.add(1);
            continue;
          }
          inputs.add(r);
          waves.add(Pcm16.toFloat(pcm));
        }
        Embedder embedder = new Embedder(spec, layers, poolings, windowSamples, overlapSamples, maxBatchSamples);
        List<UtteranceEmbedding> out = embedder.embed(waves, runner);
        for (int i = 0; i < out.size(); i++) {
          Row in = inputs.get(i);
          UtteranceEmbedding e = out.get(i);
          for (int s = 0; s < layers.length; s++) {
            for (int p = 0; p < poolings.size(); p++) {
              pending.add(RowFactory.create(in.getString(0), in.getString(1), layers[s], poolings.get(p).column(),
                  e.vectors()[s][p], spec.sha256(), runner.device()));
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
      }
    };
  }
}
