package io.serspark.demo;

/**
 * Formant targets of five vowels for an adult male vocal tract (rounded from Peterson &amp; Barney
 * 1952 and Klatt 1980); a speaker's {@link SyntheticSpeaker#formantScale()} scales the frequencies,
 * bandwidths scale with it.
 */
public enum Vowel {
  A(new double[] {730, 1090, 2440, 3400, 4500}),
  E(new double[] {530, 1840, 2480, 3400, 4500}),
  I(new double[] {270, 2290, 3010, 3500, 4500}),
  O(new double[] {570, 840, 2410, 3300, 4500}),
  U(new double[] {300, 870, 2240, 3300, 4500});

  /** Formant bandwidths (Hz), F1..F5, as in Klatt's cascade synthesiser defaults. */
  static final double[] BANDWIDTHS_HZ = {80, 90, 120, 180, 250};

  private final double[] formantsHz;

  Vowel(double[] formantsHz) {
    this.formantsHz = formantsHz;
  }

  /** Formant frequency {@code k} (0-based, F1 = 0) of the male reference. */
  public double formantHz(int k) {
    return formantsHz[k];
  }

  public static int formantCount() {
    return BANDWIDTHS_HZ.length;
  }
}
