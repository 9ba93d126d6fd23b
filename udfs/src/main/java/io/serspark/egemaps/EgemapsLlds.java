package io.serspark.egemaps;

/**
 * The 25 smoothed eGeMAPS v02 LLDs per 10 ms frame, as openSMILE's {@code -lldcsvoutput} ({@link
 * EgemapsNames#LLDS}): the 20 ms-stream LLDs smoothed with sma3, the 60 ms-stream LLDs with sma3nz
 * over all frames (formants not voicing-masked, −201 amplitudes where unvoiced), n60 + 1 rows (the
 * smoother's extra last frame included, as openSMILE writes it).
 */
public final class EgemapsLlds {
  private final int frames;
  private final float[] frameTimeS;
  private final float[][] values;

  EgemapsLlds(int frames, float[] frameTimeS, float[][] values) {
    this.frames = frames;
    this.frameTimeS = frameTimeS;
    this.values = values;
  }

  public int frames() {
    return frames;
  }

  /** Frame start time in seconds (openSMILE's frameTime column). Not a copy. */
  public float[] frameTimeS() {
    return frameTimeS;
  }

  /** Values of LLD {@code i} ({@link EgemapsNames#LLDS} order), one per frame. Not a copy. */
  public float[] lld(int i) {
    return values[i];
  }
}
