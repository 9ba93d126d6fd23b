package io.serspark.egemaps;

/**
 * The 88 eGeMAPS v02 functionals of one utterance, in openSMILE's order ({@link
 * EgemapsNames#FUNCTIONALS}); NaN marks an undefined value (null in tables). {@code status} is one
 * of {@link #OK}, {@link #TOO_SHORT}, {@link #SILENT}, {@link #NO_VOICED_FRAMES}; their exact
 * meaning is in {@code udfs/EGEMAPS.md}.
 */
public record EgemapsResult(String status, float[] values) {
  public static final String OK = "ok";

  /** Fewer than 960 samples (one 60 ms frame): openSMILE writes no row; every value is NaN. */
  public static final String TOO_SHORT = "too_short";

  /** Digital silence (every sample 0). */
  public static final String SILENT = "silent";

  /**
   * No voiced frame among those the functionals see: F0, voice-quality and voiced-only features are
   * NaN.
   */
  public static final String NO_VOICED_FRAMES = "no_voiced_frames";
}
