package io.serspark.benchmark;

import java.util.List;

/**
 * A self-supervised upstream a benchmark spec names: its embeddings are computed by the benchmark
 * itself into {@code embeddings/<name>} (every hidden state, mean and std pooling) whenever that
 * table is missing or stale.
 *
 * @param name the table is {@code embeddings/<name>}; defaults to {@code upstream}
 * @param upstream what the model is, as the report names it (e.g. {@code wav2vec2_base})
 * @param model the TorchScript file as the spec wrote it
 * @param modelPath the same file resolved (working directory, else the project folder)
 * @param hiddenStates from the model's contract: transformer input + one per layer
 * @param randomInit the weights are random (the spec's {@code random_init: true}, or the model's
 *     serspark.json says {@code "weights": "random-init ..."}): its scores measure the pipeline,
 *     not emotion
 */
public record Upstream(
    String name,
    String upstream,
    String model,
    String modelPath,
    int hiddenStates,
    boolean randomInit) {

  /** The poolings the benchmark computes, so that any later spec's pooling finds its rows. */
  public static final List<String> POOLINGS = List.of("mean", "std");

  public String table() {
    return "embeddings/" + name;
  }
}
