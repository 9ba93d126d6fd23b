package io.serspark.embed;

import java.util.ArrayList;
import java.util.List;

/**
 * Utterances in, pooled embeddings out: windows long utterances ({@link Windowing}), plans padded
 * batches ({@link BatchPlanner}), runs them ({@link BatchEncoder}) and pools each layer's valid
 * frames ({@link FrameMoments}). An utterance's result does not depend on the other utterances it
 * is embedded with (up to float rounding in the batched matrix products, ≤ 1e-4 — see
 * EmbedderTest), because padding is either masked by the model or avoided.
 */
public final class Embedder {
  /** The contract's input rate: waveforms are 16 kHz. */
  public static final int SAMPLE_RATE_HZ = 16_000;

  private final ModelSpec spec;
  private final int[] layers;
  private final List<Pooling> poolings;
  private final Windowing windowing;
  private final BatchPlanner planner;

  private long paddedSamples;
  private long inputSamples;
  private long batches;

  /** Batches bounded by padded samples only. */
  public Embedder(
      ModelSpec spec,
      int[] layers,
      List<Pooling> poolings,
      int windowSamples,
      int overlapSamples,
      long maxBatchSamples) {
    this(
        spec,
        layers,
        poolings,
        windowSamples,
        overlapSamples,
        maxBatchSamples,
        Double.POSITIVE_INFINITY);
  }

  /**
   * @param maxBatchSquareSeconds bound on a batch's items × (longest item in seconds)², see {@link
   *     BatchPlanner}; {@code Double.POSITIVE_INFINITY} for none
   */
  public Embedder(
      ModelSpec spec,
      int[] layers,
      List<Pooling> poolings,
      int windowSamples,
      int overlapSamples,
      long maxBatchSamples,
      double maxBatchSquareSeconds) {
    this.spec = spec;
    this.layers = layers.clone();
    this.poolings = List.copyOf(poolings);
    this.windowing = new Windowing(windowSamples, overlapSamples, spec.minSamples());
    this.planner =
        new BatchPlanner(
            maxBatchSamples,
            maxBatchSquareSeconds * SAMPLE_RATE_HZ * SAMPLE_RATE_HZ,
            spec.input().paddingInvariant());
  }

  /**
   * The batches this embedder would run for utterances of these lengths (for planning and
   * benchmarks).
   */
  public BatchPlan plan(int[] numSamples) {
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < numSamples.length; i++) segments.addAll(windowing.cut(i, numSamples[i]));
    return planner.plan(segments);
  }

  /** Embeds {@code waveforms} (16 kHz floats), returning results in the same order. */
  public List<UtteranceEmbedding> embed(List<float[]> waveforms, BatchEncoder encoder) {
    int[] lengths = new int[waveforms.size()];
    for (int i = 0; i < lengths.length; i++) lengths[i] = waveforms.get(i).length;
    BatchPlan plan = plan(lengths);
    FrameMoments[] moments = new FrameMoments[waveforms.size()];
    int[] windows = new int[waveforms.size()];
    for (int i = 0; i < moments.length; i++)
      moments[i] = new FrameMoments(layers.length, spec.dim());
    for (Batch b : plan.batches()) {
      int n = b.size();
      int samples = b.paddedLength();
      float[] wav = new float[n * samples];
      int[] inputLengths = new int[n];
      for (int j = 0; j < n; j++) {
        Segment s = b.segments().get(j);
        System.arraycopy(waveforms.get(s.item()), s.start(), wav, j * samples, s.length());
        inputLengths[j] = s.inputLength();
      }
      EncoderOutput out = encoder.encode(wav, n, samples, inputLengths);
      for (int j = 0; j < n; j++) {
        Segment s = b.segments().get(j);
        moments[s.item()].add(out.hidden(), n, out.frames(), j, out.validFrames()[j], layers);
        windows[s.item()]++;
      }
      paddedSamples += b.paddedSamples();
      inputSamples += b.inputSamples();
      batches++;
    }
    List<UtteranceEmbedding> result = new ArrayList<>(moments.length);
    for (int i = 0; i < moments.length; i++) {
      float[][][] v = new float[layers.length][poolings.size()][];
      for (int s = 0; s < layers.length; s++) {
        for (int p = 0; p < poolings.size(); p++) v[s][p] = moments[i].pool(s, poolings.get(p));
      }
      result.add(
          new UtteranceEmbedding(layers.clone(), poolings, v, moments[i].frames(), windows[i]));
    }
    return result;
  }

  /**
   * Padding over everything this embedder has run so far: zero samples / samples fed to the model.
   */
  public double paddingFraction() {
    return paddedSamples == 0 ? 0.0 : (paddedSamples - inputSamples) / (double) paddedSamples;
  }

  public long batchesRun() {
    return batches;
  }

  /**
   * Samples of the segments fed so far (windows overlap, short ones are zero-extended), without
   * padding.
   */
  public long inputSamplesRun() {
    return inputSamples;
  }

  /** Samples fed so far including batch padding. */
  public long paddedSamplesRun() {
    return paddedSamples;
  }

  public int[] layers() {
    return layers.clone();
  }

  public List<Pooling> poolings() {
    return poolings;
  }
}
