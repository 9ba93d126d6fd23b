package io.serspark.embed;

import io.serspark.config.ConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups segments into batches whose padded size (items × longest item) stays within a budget of
 * samples, which bounds the model's memory whatever the lengths. Segments are sorted by length
 * first, so neighbours in a batch have similar lengths and little padding.
 *
 * <p>For a model that cannot tell padding from signal ({@link ModelInput#paddingInvariant()} false)
 * a batch holds only segments of exactly equal length: zero padding would change its answer (group
 * norm over time), and an embedding must not depend on which other utterances happened to share its
 * batch.
 *
 * <p>An optional second budget bounds items × longest² (in samples², i.e. seconds² × 16000²).
 * Self-attention's memory and time grow with items × frames², so a batch of a few long windows is
 * far larger than its samples say; on a CPU such a batch gains nothing over one window at a time
 * (its per-call cost is already negligible) and its large tensors fall out of cache and, past
 * glibc's 32 MB mmap threshold, are page-faulted in afresh on every call (measured in
 * docs/embeddings.md, "Long utterances on a CPU").
 *
 * <p>Pure and deterministic: the same segments give the same batches in the same order.
 */
public final class BatchPlanner {
  /**
   * The most elements one Java array holds: a batch's padded waveforms, and the hidden states it
   * returns.
   */
  public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  /**
   * The square bound {@code --max-batch-square-seconds auto} gives on a CPU: one 20 s window per
   * batch, two of 14 s, four of 10 s, and batches of short utterances as the sample budget makes
   * them. Without it, batches of 18-20 s items ran at about half the speed of one at a time
   * (docs/embeddings.md, "Long utterances on a CPU").
   */
  public static final double CPU_MAX_BATCH_SQUARE_SECONDS = 400;

  private final long maxBatchSamples;
  private final double maxBatchSquareSamples;
  private final boolean paddingInvariant;

  /** Only the budget of padded samples. */
  public BatchPlanner(long maxBatchSamples, boolean paddingInvariant) {
    this(maxBatchSamples, Double.POSITIVE_INFINITY, paddingInvariant);
  }

  /**
   * @param maxBatchSquareSamples bound on items × longest² in samples² ({@code
   *     Double.POSITIVE_INFINITY}: none); a segment longer than the bound allows still runs, alone
   */
  public BatchPlanner(
      long maxBatchSamples, double maxBatchSquareSamples, boolean paddingInvariant) {
    if (maxBatchSamples < 1 || maxBatchSamples > MAX_ARRAY_LENGTH) {
      throw new IllegalArgumentException(
          "maxBatchSamples must be 1 to " + MAX_ARRAY_LENGTH + ": " + maxBatchSamples);
    }
    if (!(maxBatchSquareSamples > 0)) {
      throw new IllegalArgumentException(
          "maxBatchSquareSamples must be positive: " + maxBatchSquareSamples);
    }
    this.maxBatchSamples = maxBatchSamples;
    this.maxBatchSquareSamples = maxBatchSquareSamples;
    this.paddingInvariant = paddingInvariant;
  }

  /**
   * Reads {@code --max-batch-square-seconds}: {@code auto} gives null (resolved per device by
   * {@link #squareSecondsOn}), {@code none} no bound, otherwise a positive number of seconds².
   *
   * @throws ConfigException for anything else, naming the option (as {@link DeviceChoice#parse}
   *     does)
   */
  public static Double parseSquareSeconds(String text) {
    String t = text == null ? "auto" : text.trim();
    if (t.equals("auto")) return null;
    if (t.equals("none")) return Double.POSITIVE_INFINITY;
    try {
      double v = Double.parseDouble(t);
      if (v > 0 && Double.isFinite(v)) return v;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(
        "--max-batch-square-seconds '"
            + text
            + "': use auto ("
            + (long) CPU_MAX_BATCH_SQUARE_SECONDS
            + " s² on a CPU, none on a GPU), none, or a positive number of seconds² "
            + "(items × longest item²)");
  }

  /**
   * The square bound for the device a runner reports ("cpu", "cuda:0"): {@code given} when the user
   * gave one, else auto's: {@value #CPU_MAX_BATCH_SQUARE_SECONDS} s² on a CPU, none on a GPU, where
   * large batches of long windows are what keeps the device busy and memory is bounded by the
   * sample budget (not measured here: no GPU).
   */
  public static double squareSecondsOn(Double given, String device) {
    if (given != null) return given;
    return device.startsWith("cuda") ? Double.POSITIVE_INFINITY : CPU_MAX_BATCH_SQUARE_SECONDS;
  }

  public BatchPlan plan(List<Segment> segments) {
    List<Segment> sorted = new ArrayList<>(segments);
    sorted.sort(
        Comparator.comparingInt(Segment::inputLength)
            .reversed()
            .thenComparingInt(Segment::item)
            .thenComparingInt(Segment::start));
    List<Batch> batches = new ArrayList<>();
    List<Segment> current = new ArrayList<>();
    int longest = 0;
    for (Segment s : sorted) {
      boolean fits =
          !current.isEmpty()
              && (long) longest * (current.size() + 1) <= maxBatchSamples
              && (double) longest * longest * (current.size() + 1) <= maxBatchSquareSamples
              && (paddingInvariant || s.inputLength() == longest);
      if (!current.isEmpty() && !fits) {
        batches.add(new Batch(List.copyOf(current), longest));
        current.clear();
      }
      if (current.isEmpty())
        longest = s.inputLength(); // sorted descending: the first is the longest
      current.add(s);
    }
    if (!current.isEmpty()) batches.add(new Batch(List.copyOf(current), longest));
    return new BatchPlan(batches);
  }
}
