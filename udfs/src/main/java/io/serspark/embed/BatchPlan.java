package io.serspark.embed;

import java.util.List;

/** The batches for a set of segments, and how much of what the model computes is padding. */
public record BatchPlan(List<Batch> batches) {
  /** Zero samples added by padding / all samples fed to the model (0 when nothing is padded). */
  public double paddingFraction() {
    long padded = 0;
    long input = 0;
    for (Batch b : batches) {
      padded += b.paddedSamples();
      input += b.inputSamples();
    }
    return padded == 0 ? 0.0 : (padded - input) / (double) padded;
  }

  public int segments() {
    int n = 0;
    for (Batch b : batches) n += b.size();
    return n;
  }
}
