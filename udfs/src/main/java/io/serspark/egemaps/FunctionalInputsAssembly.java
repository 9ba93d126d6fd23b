package io.serspark.egemaps;

import io.serspark.egemaps.voice.VoiceLlds;
import java.util.Arrays;

/**
 * Builds the functionals' inputs from the two raw LLD streams exactly as openSMILE's level graph
 * does: 60 ms and 20 ms levels are joined by frame index (n60 frames), voiced/unvoiced selection on
 * the <em>unsmoothed</em> F0 (F0 &gt; 1e-6, whole vector zeroed otherwise), then sma3 / sma3nz,
 * then only the first {@code framesSeenByFunctionals} smoothed frames of the 60 ms-joined levels
 * are handed to the functionals.
 */
final class FunctionalInputsAssembly {
  private FunctionalInputsAssembly() {}

  /**
   * Indices of the 20 ms LLDs (ShortFrameStream order) in the voiced and unvoiced spectral sets.
   */
  private static final int[] SPECTRAL_V = {1, 2, 3, 4, 5, 6, 7, 8, 9};

  private static final int[] SPECTRAL_UV = {1, 2, 3, 4, 5};
  private static final int[] ALL_FRAMES = {5, 6, 7, 8, 9};

  static FunctionalInputs of(ShortFrameStream.Frames e, VoiceLlds f) {
    int n20 = e.count();
    int n60 = Math.min(f.frames(), n20);
    int seen = Math.max(0, Math.min(f.framesSeenByFunctionals(), n60 + 1));
    float[] f0raw = f.lld(VoiceLlds.F0_SEMITONE);
    boolean[] voiced = new boolean[n60];
    for (int t = 0; t < n60; t++) voiced[t] = f0raw[t] > EgemapsConfig.VOICED_THRESHOLD;

    float[] f0 = prefix(ContourSmoother.sma3nz(f0raw, n60), seen);
    float[] loudness =
        Arrays.copyOf(ContourSmoother.sma3(e.llds()[ShortFrameStream.LOUDNESS], n20), n20);
    float[][] allFrames = new float[ALL_FRAMES.length][];
    for (int i = 0; i < ALL_FRAMES.length; i++) {
      allFrames[i] = Arrays.copyOf(ContourSmoother.sma3(e.llds()[ALL_FRAMES[i]], n20), n20);
    }
    float[][] voicedSet = new float[FunctionalInputs.VOICED_LLDS][];
    float[] masked = new float[n60];
    for (int k = 0; k < FunctionalInputs.VOICED_LLDS; k++) {
      int lld = k + 1; // jitterLocal … F3amplitudeLogRelF0
      float[] raw = f.lld(lld);
      boolean formantTrack = isFormantFrequencyOrBandwidth(lld);
      for (int t = 0; t < n60; t++) {
        // formant frequencies/bandwidths exist in every frame and are zeroed where unvoiced
        // (formantsNz);
        // jitter … H1-A3 are 0 there already, and the amplitudes stay −201 (openSMILE's unvoiced
        // value)
        masked[t] = formantTrack && !voiced[t] ? 0f : raw[t];
      }
      voicedSet[k] = prefix(ContourSmoother.sma3nz(masked, n60), seen);
    }
    float[][] spectralV = maskedSet(e, SPECTRAL_V, voiced, true, n60, seen);
    float[][] spectralUV = maskedSet(e, SPECTRAL_UV, voiced, false, n60, seen);
    return new FunctionalInputs(
        f0, loudness, allFrames, voicedSet, spectralV, spectralUV, e.energy());
  }

  private static boolean isFormantFrequencyOrBandwidth(int lld) {
    return lld == VoiceLlds.F1_FREQUENCY
        || lld == VoiceLlds.F1_BANDWIDTH
        || lld == VoiceLlds.F2_FREQUENCY
        || lld == VoiceLlds.F2_BANDWIDTH
        || lld == VoiceLlds.F3_FREQUENCY
        || lld == VoiceLlds.F3_BANDWIDTH;
  }

  private static float[][] maskedSet(
      ShortFrameStream.Frames e,
      int[] llds,
      boolean[] voiced,
      boolean keepVoiced,
      int n60,
      int seen) {
    float[][] set = new float[llds.length][];
    float[] masked = new float[n60];
    for (int i = 0; i < llds.length; i++) {
      float[] raw = e.llds()[llds[i]];
      for (int t = 0; t < n60; t++) masked[t] = voiced[t] == keepVoiced ? raw[t] : 0f;
      set[i] = prefix(ContourSmoother.sma3nz(masked, n60), seen);
    }
    return set;
  }

  private static float[] prefix(float[] smoothed, int seen) {
    return Arrays.copyOf(smoothed, Math.min(seen, smoothed.length));
  }
}
