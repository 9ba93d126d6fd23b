package io.serspark.egemaps.voice;

import java.util.List;

/**
 * The 15 unsmoothed LLDs of openSMILE's eGeMAPS v02 60 ms stream ({@code egemapsv02_lldsetF}) for
 * one input, frame by frame (frame i starts at sample i·160 at 16 kHz), plus the voicing
 * information the functionals need.
 */
public final class VoiceLlds {
  /** openSMILE LLD names without the {@code _sma3nz} suffix, in openSMILE's order. */
  public static final List<String> NAMES =
      List.of(
          "F0semitoneFrom27.5Hz",
          "jitterLocal",
          "shimmerLocaldB",
          "HNRdBACF",
          "logRelF0-H1-H2",
          "logRelF0-H1-A3",
          "F1frequency",
          "F1bandwidth",
          "F1amplitudeLogRelF0",
          "F2frequency",
          "F2bandwidth",
          "F2amplitudeLogRelF0",
          "F3frequency",
          "F3bandwidth",
          "F3amplitudeLogRelF0");

  public static final int F0_SEMITONE = 0;
  public static final int JITTER_LOCAL = 1;
  public static final int SHIMMER_LOCAL_DB = 2;
  public static final int HNR_DB_ACF = 3;
  public static final int H1_H2 = 4;
  public static final int H1_A3 = 5;
  public static final int F1_FREQUENCY = 6;
  public static final int F1_BANDWIDTH = 7;
  public static final int F1_AMPLITUDE = 8;
  public static final int F2_FREQUENCY = 9;
  public static final int F2_BANDWIDTH = 10;
  public static final int F2_AMPLITUDE = 11;
  public static final int F3_FREQUENCY = 12;
  public static final int F3_BANDWIDTH = 13;
  public static final int F3_AMPLITUDE = 14;

  private final int frames;
  private final float[][] values;
  private final float[] f0Hz;
  private final float[] voicingProbability;
  private final int framesSeenByFunctionals;

  VoiceLlds(
      int frames,
      float[][] values,
      float[] f0Hz,
      float[] voicingProbability,
      int framesSeenByFunctionals) {
    this.frames = frames;
    this.values = values;
    this.f0Hz = f0Hz;
    this.voicingProbability = voicingProbability;
    this.framesSeenByFunctionals = framesSeenByFunctionals;
  }

  /**
   * Number of 60 ms frames openSMILE produces: floor((N − 960)/160) + 1, 0 for inputs shorter than
   * 960 samples.
   */
  public int frames() {
    return frames;
  }

  /**
   * Values of LLD {@code index} (see {@link #NAMES}) per frame; length {@link #frames()}. Not a
   * copy.
   */
  public float[] lld(int index) {
    return values[index];
  }

  /**
   * Frames the openSMILE functionals of the 60 ms stream see: those released by the Viterbi pitch
   * smoother before the end of input; the trailing ones still in its buffer are never seen (README
   * "behaviour notes", oddity 7).
   */
  public int framesSeenByFunctionals() {
    return framesSeenByFunctionals;
  }

  /** Final F0 in Hz per frame (Viterbi-smoothed, energy-gated), 0 when unvoiced. Not a copy. */
  public float[] f0Hz() {
    return f0Hz;
  }

  /**
   * openSMILE's {@code voicingFinalUnclipped}: voicing probability of the Viterbi-chosen candidate
   * (of the first candidate when the unvoiced state was chosen), 0 where the energy gate zeroed the
   * frame. Not a copy.
   */
  public float[] voicingProbability() {
    return voicingProbability;
  }

  /** openSMILE's voiced/unvoiced selection: F0 semitone value &gt; 1e-6. */
  public boolean voiced(int frame) {
    return values[F0_SEMITONE][frame] > 1e-6f;
  }

  /**
   * Frames {@code first} .. {@code first + count - 1} as the LLDs of a window of the input: the
   * frames a window starting at {@code first} hops sees, from the one analysis of the whole file.
   * The pitch smoother's latency (the trailing frames functionals never see, {@link
   * #framesSeenByFunctionals}) is kept per window.
   */
  public VoiceLlds window(int first, int count) {
    int n = Math.max(0, Math.min(count, frames - first));
    float[][] v = new float[values.length][];
    for (int k = 0; k < values.length; k++)
      v[k] = java.util.Arrays.copyOfRange(values[k], first, first + n);
    int latency = frames - framesSeenByFunctionals;
    return new VoiceLlds(
        n,
        v,
        java.util.Arrays.copyOfRange(f0Hz, first, first + n),
        java.util.Arrays.copyOfRange(voicingProbability, first, first + n),
        Math.max(0, n - latency));
  }
}
