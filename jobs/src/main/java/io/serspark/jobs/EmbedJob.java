package io.serspark.jobs;

import io.serspark.config.ConfigException;
import io.serspark.embeddings.EmbedMetrics;
import io.serspark.embeddings.EmbedOptions;
import io.serspark.embeddings.Embeddings;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.TableWriteLock;
import io.serspark.warehouse.Warehouse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description = {
      "Pool the hidden states of a TorchScript speech encoder (wav2vec2 / HuBERT / WavLM exported by",
      "scripts/export_hf_encoder.py, contract in docs/embeddings.md) over every utterance: writes embeddings/<name>."
    })
final class EmbedJob implements Callable<Integer> {
  @Option(names = "--warehouse", required = true, description = "Warehouse folder or Hadoop URI")
  String warehouse;

  @Option(
      names = "--model",
      required = true,
      description = "TorchScript file: local path or Hadoop URI")
  String model;

  @Option(names = "--name", required = true, description = "Table name: embeddings/<name>")
  String name;

  @Option(
      names = "--layers",
      defaultValue = "all",
      description =
          "Hidden states to pool: all, or e.g. 0,6,12 or 1-4 (0 = transformer input). Default: ${DEFAULT-VALUE}")
  String layers;

  @Option(
      names = "--pooling",
      defaultValue = "mean,std",
      description = "mean, std or mean,std. Default: ${DEFAULT-VALUE}")
  String pooling;

  @Option(
      names = "--device",
      defaultValue = "auto",
      description = "auto, cpu or gpu. Default: ${DEFAULT-VALUE}")
  String device;

  @Option(names = "--corpus", description = "Only this corpus (default: all)")
  String corpus;

  @Option(
      names = "--max-batch-samples",
      defaultValue = "" + EmbedOptions.DEFAULT_MAX_BATCH_SAMPLES,
      description = "Padded samples per batch (items x longest). Default: ${DEFAULT-VALUE}")
  long maxBatchSamples;

  @Option(
      names = "--max-batch-square-seconds",
      defaultValue = "auto",
      description =
          "Bound on a batch's items x "
              + "(longest item in seconds)^2, i.e. on self-attention's memory: auto (400 on a CPU, none on a GPU), none, "
              + "or a number. Default: ${DEFAULT-VALUE}")
  String maxBatchSquareSeconds;

  @Option(
      names = "--window-s",
      defaultValue = "20",
      description =
          "Longer utterances are cut into windows of this "
              + "many seconds. Default: ${DEFAULT-VALUE}")
  double windowS;

  @Option(
      names = "--overlap-s",
      defaultValue = "1",
      description = "Overlap of those windows. Default: ${DEFAULT-VALUE}")
  double overlapS;

  @Override
  public Integer call() {
    // every option is checked before Spark starts
    EmbedOptions opts =
        EmbedOptions.of(
            model,
            name,
            layers,
            pooling,
            device,
            maxBatchSamples,
            maxBatchSquareSeconds,
            windowS,
            overlapS,
            corpus);
    SparkSession spark = Sessions.getOrCreate("embed");
    Warehouse wh = Warehouse.open(spark, warehouse);
    wh.requireRows(
        "utterances"); // a missing warehouse or table is named before the lock would create a
    // folder
    // held from before the old table is read (other corpora's rows are kept) until the new one is
    // swapped in
    try (TableWriteLock lock = wh.lockForWriting(opts.table())) {
      return run(spark, wh, opts);
    }
  }

  private int run(SparkSession spark, Warehouse wh, EmbedOptions opts) {
    Dataset<Row> utterances = wh.read("utterances");
    if (corpus != null
        && utterances.filter(utterances.col("corpus").equalTo(corpus)).limit(1).count() == 0) {
      throw new ConfigException(
          "--corpus " + corpus + ": no utterances of that corpus in " + wh.path("utterances"));
    }
    long t0 = System.nanoTime();
    EmbedMetrics metrics = new EmbedMetrics(spark.sparkContext());
    Dataset<Row> embeddings =
        Embeddings.transform(utterances, opts, metrics); // probes the model on the driver
    wh.writeAtomically(
        keepingOtherCorpora(wh, opts, embeddings, metrics.modelSha256()), opts.table(), List.of());
    double seconds = (System.nanoTime() - t0) / 1e9;
    // the devices the executors actually used, as recorded row by row (a GPU missing on one
    // executor shows here)
    Dataset<Row> written = wh.read(opts.table());
    if (corpus != null) written = written.filter(functions.col("corpus").equalTo(corpus));
    List<String> devices =
        written.select("device").distinct().orderBy("device").collectAsList().stream()
            .map(r -> r.getString(0))
            .toList();
    String on = devices.isEmpty() ? "no device (nothing to embed)" : String.join(" + ", devices);
    System.out.printf(
        Locale.ROOT,
        "embed: %d utterances (%.1f s of audio) -> %s on %s in %.1f s (%.1f audio-s/s), "
            + "%d batches, padding %.1f %%%s%s%n",
        metrics.utterances(),
        metrics.audioSeconds(),
        wh.path(opts.table()),
        on,
        seconds,
        metrics.audioSeconds() / seconds,
        metrics.batches(),
        100 * metrics.paddingFraction(),
        metrics.skippedEmpty() > 0
            ? ", " + metrics.skippedEmpty() + " empty utterances skipped"
            : "",
        metrics.taskSettings().isEmpty()
            ? ""
            : "; tasks ran with " + String.join(" | ", metrics.taskSettings()));
    return 0;
  }

  /**
   * With --corpus, the table keeps the other corpora's rows (as ingest and features do): embedding
   * one corpus must not delete the vectors of the others. They must come from the same model file,
   * or the table would mix two models under one name.
   */
  static Dataset<Row> keepingOtherCorpora(
      Warehouse wh, EmbedOptions opts, Dataset<Row> fresh, String modelSha256) {
    if (opts.corpus() == null || !wh.exists(opts.table())) return fresh;
    Dataset<Row> others =
        wh.read(opts.table()).filter(functions.col("corpus").notEqual(opts.corpus()));
    for (Row r : others.select("model_sha256").distinct().collectAsList()) {
      if (!r.getString(0).equals(modelSha256)) {
        throw new ConfigException(
            "--name "
                + opts.name()
                + ": "
                + opts.table()
                + " holds other corpora's vectors from "
                + "another model (sha256 "
                + r.getString(0).substring(0, 12)
                + "…, this one "
                + modelSha256.substring(0, 12)
                + "…); use another --name, or leave out --corpus to embed every corpus with this model");
      }
    }
    return others.unionByName(fresh);
  }
}
