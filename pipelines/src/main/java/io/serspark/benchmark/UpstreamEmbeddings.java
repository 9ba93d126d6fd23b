package io.serspark.benchmark;

import static org.apache.spark.sql.functions.col;

import io.serspark.embeddings.EmbedMetrics;
import io.serspark.embeddings.EmbedOptions;
import io.serspark.embeddings.Embeddings;
import io.serspark.warehouse.TableWriteLock;
import io.serspark.warehouse.Warehouse;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's embedding stage: runs the embed pipeline ({@link Embeddings}, the same batching,
 * windows and device choice as {@code ./submit.sh embed}) over the stale corpora of one upstream
 * and swaps the new {@code embeddings/<name>} in atomically. Every hidden state and both poolings
 * are kept, so that a layer sweep, the mean of the layers, or a later spec with another pooling
 * reads the table without computing it again. Each row carries the audio sha256 it was computed
 * from, which is what {@link EmbeddingFreshness} compares next time.
 */
public final class UpstreamEmbeddings {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamEmbeddings.class);

  private final Warehouse warehouse;

  public UpstreamEmbeddings(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  public void compute(EmbeddingFreshness.Stage stage) {
    Upstream u = stage.upstream();
    EmbedOptions opts =
        EmbedOptions.of(
            u.modelPath(),
            u.name(),
            "all",
            String.join(",", Upstream.POOLINGS),
            "auto",
            EmbedOptions.DEFAULT_MAX_BATCH_SAMPLES,
            "auto",
            20,
            1,
            null);
    // held from before the old table is read (its other corpora are kept) until the new one is
    // swapped in
    try (TableWriteLock lock = warehouse.lockForWriting(u.table())) {
      long t0 = System.nanoTime();
      Dataset<Row> utterances = warehouse.read("utterances");
      Dataset<Row> selected = utterances.filter(col("corpus").isin(stage.corpora().toArray()));
      EmbedMetrics metrics = new EmbedMetrics(warehouse.spark().sparkContext());
      Dataset<Row> fresh =
          Embeddings.transform(selected, opts, metrics)
              .join(
                  utterances.select(
                      col("utterance_id"), col("sha256").as(EmbeddingFreshness.AUDIO_SHA256)),
                  "utterance_id");
      Dataset<Row> table = fresh;
      if (warehouse.exists(u.table())
          && List.of(warehouse.read(u.table()).columns())
              .contains(EmbeddingFreshness.AUDIO_SHA256)) {
        // another model's rows would mix two models under one name: they go, with the stale
        // corpora's
        Dataset<Row> kept =
            warehouse
                .read(u.table())
                .filter(
                    col("model_sha256")
                        .equalTo(stage.modelSha256())
                        .and(col("corpus").isin(stage.corpora().toArray()).unary_$bang()));
        table = kept.unionByName(fresh);
      }
      warehouse.writeAtomically(table, u.table(), List.of());
      double s = (System.nanoTime() - t0) / 1e9;
      LOG.info(
          String.format(
              Locale.ROOT,
              "benchmark: embeddings %s (%s, %s): %d utterances of %s, %.1f s of audio "
                  + "in %.1f s (%.1f audio-s/s), %d batches, padding %.1f %%",
              u.name(),
              u.upstream(),
              u.model(),
              metrics.utterances(),
              stage.corpora(),
              metrics.audioSeconds(),
              s,
              metrics.audioSeconds() / s,
              metrics.batches(),
              100 * metrics.paddingFraction()));
    }
  }
}
