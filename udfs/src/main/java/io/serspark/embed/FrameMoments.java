package io.serspark.embed;

/**
 * Running sums over the valid frames of one utterance, for each selected layer: sum and sum of
 * squares per dimension, in double. Windows of a long utterance add their frames here, so the
 * pooled result weighs each window by its frame count (frames in an overlap count once per window
 * that holds them).
 */
final class FrameMoments {
  private final int layers;
  private final int dim;
  private final double[] sum;
  private final double[] sumSq;
  private long frames;

  FrameMoments(int layers, int dim) {
    this.layers = layers;
    this.dim = dim;
    this.sum = new double[layers * dim];
    this.sumSq = new double[layers * dim];
  }

  /**
   * Adds {@code validFrames} frames of batch item {@code item} from hidden states laid out [L, B,
   * F, D] (row-major), for the layer indices {@code selected}.
   */
  void add(
      float[] hidden, int batch, int framesPerItem, int item, int validFrames, int[] selected) {
    for (int s = 0; s < selected.length; s++) {
      int base = ((selected[s] * batch + item) * framesPerItem) * dim;
      int acc = s * dim;
      for (int f = 0; f < validFrames; f++) {
        int row = base + f * dim;
        for (int d = 0; d < dim; d++) {
          double v = hidden[row + d];
          sum[acc + d] += v;
          sumSq[acc + d] += v * v;
        }
      }
    }
    frames += validFrames;
  }

  long frames() {
    return frames;
  }

  /**
   * The pooled vector of selected layer number {@code s} (an index into the selection, not a layer
   * id).
   */
  float[] pool(int s, Pooling pooling) {
    if (frames == 0) throw new IllegalStateException("no frames were added");
    float[] out = new float[dim];
    for (int d = 0; d < dim; d++) {
      double mean = sum[s * dim + d] / frames;
      if (pooling == Pooling.MEAN) {
        out[d] = (float) mean;
      } else {
        double var = sumSq[s * dim + d] / frames - mean * mean;
        out[d] = (float) Math.sqrt(Math.max(0.0, var));
      }
    }
    return out;
  }

  int layers() {
    return layers;
  }
}
