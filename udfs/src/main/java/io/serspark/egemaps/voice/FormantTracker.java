package io.serspark.egemaps.voice;

/**
 * Which LPC formant estimator feeds the F1–F3 frequency, bandwidth and amplitude LLDs.
 *
 * <ul>
 *   <li>{@link #OPENSMILE} (the default, and what "eGeMAPS v02" means): openSMILE's own chain,
 *       reproduced frame by frame, including what makes it miss the true resonances of a synthetic
 *       vowel by up to 48 % (a 3.4 kHz band limit after a shifted spectral resampling, and the
 *       coefficients' sign flipped before rooting; see {@link LpcFormants}). Choose it to compare
 *       with published eGeMAPS numbers.
 *   <li>{@link #ACCURATE}: the textbook estimator on the same 20 ms frames ({@link
 *       SpectralLpcFormants}): within a few per cent of the resonators on synthetic vowels, but no
 *       longer openSMILE's numbers.
 * </ul>
 */
public enum FormantTracker {
  OPENSMILE,
  ACCURATE;

  /** Parses "opensmile" or "accurate" (any case); anything else is an error naming both. */
  public static FormantTracker parse(String s) {
    if (s != null) {
      for (FormantTracker t : values()) {
        if (t.name().equalsIgnoreCase(s.trim())) return t;
      }
    }
    throw new IllegalArgumentException(
        "formant tracker '" + s + "': expected opensmile or accurate");
  }
}
