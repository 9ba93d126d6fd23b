package io.serspark.embed;

import java.util.List;

/**
 * The pooled embeddings of one utterance: {@code vectors[s][p]} is layer {@code layers[s]} pooled
 * with {@code poolings.get(p)}. {@code frames} counts the frames pooled (summed over windows).
 */
public record UtteranceEmbedding(
    int[] layers, List<Pooling> poolings, float[][][] vectors, long frames, int windows) {
  public float[] vector(int layer, Pooling pooling) {
    for (int s = 0; s < layers.length; s++) {
      if (layers[s] == layer) return vectors[s][poolings.indexOf(pooling)];
    }
    throw new IllegalArgumentException("layer " + layer + " was not selected");
  }
}
