package io.serspark.embed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups segments into batches whose padded size (items × longest item) stays within a budget of samples, which
 * bounds the model's memory whatever the lengths. Segments are sorted by length first, so neighbours in a batch
 * have similar lengths and little padding.
 *
 * <p>For a model that cannot tell padding from signal ({@link ModelInput#paddingInvariant()} false) a batch holds
 * only segments of exactly equal length: zero padding would change its answer (group norm over time), and an
 * embedding must not depend on which other utterances happened to share its batch.
 *
 * <p>Pure and deterministic: the same segments give the same batches in the same order.
 */
public final class BatchPlanner {
  /** The most elements one Java array holds: a batch's padded waveforms, and the hidden states it returns. */
  public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  private final long maxBatchSamples;
  private final boolean paddingInvariant;

  public BatchPlanner(long maxBatchSamples, boolean paddingInvariant) {
    if (maxBatchSamples < 1 || maxBatchSamples > MAX_ARRAY_LENGTH) {
      throw new IllegalArgumentException("maxBatchSamples must be 1 to " + MAX_ARRAY_LENGTH + ": " + maxBatchSamples);
    }
    this.maxBatchSamples = maxBatchSamples;
    this.paddingInvariant = paddingInvariant;
  }

  public BatchPlan plan(List<Segment> segments) {
    List<Segment> sorted = new ArrayList<>(segments);
    sorted.sort(Comparator.comparingInt(Segment::inputLength).reversed()
        .thenComparingInt(Segment::item).thenComparingInt(Segment::start));
    List<Batch> batches = new ArrayList<>();
    List<Segment> current = new ArrayList<>();
    int longest = 0;
    for (Segment s : sorted) {
      boolean fits = !current.isEmpty()
          && (long) longest * (current.size() + 1) <= maxBatchSamples
          && (paddingInvariant || s.inputLength() == longest);
      if (!current.isEmpty() && !fits) {
        batches.add(new Batch(List.copyOf(current), longest));
        current.clear();
      }
      if (current.isEmpty()) longest = s.inputLength(); // sorted descending: the first is the longest
      current.add(s);
    }
    if (!current.isEmpty()) batches.add(new Batch(List.copyOf(current), longest));
    return new BatchPlan(batches);
  }
}
