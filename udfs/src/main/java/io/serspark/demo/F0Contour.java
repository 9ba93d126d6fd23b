package io.serspark.demo;

/**
 * An intonation contour in the semitone domain: a level, a linear declination over the utterance
 * and Gaussian pitch accents (the superpositional model of Fujisaki, simplified). Pulses read F0
 * from it at their onsets.
 */
public final class F0Contour {
  private final double referenceHz;
  private final double levelSt;
  private final double declinationSt;
  private final double startS;
  private final double endS;
  private final double[] accentTimesS;
  private final double[] accentSizesSt;
  private final double accentWidthS;

  /**
   * @param referenceHz F0 that 0 semitones stands for (the speaker's base F0)
   * @param levelSt contour level in semitones re {@code referenceHz}, at the middle of the phrase
   * @param declinationSt fall from {@code startS} to {@code endS} (positive = falling)
   * @param accentTimesS centres of the pitch accents
   * @param accentSizesSt heights of the accents (semitones), one per centre
   * @param accentWidthS Gaussian width (1/e half-width) of every accent
   */
  public F0Contour(
      double referenceHz,
      double levelSt,
      double declinationSt,
      double startS,
      double endS,
      double[] accentTimesS,
      double[] accentSizesSt,
      double accentWidthS) {
    if (accentTimesS.length != accentSizesSt.length) {
      throw new IllegalArgumentException("one accent size per accent time");
    }
    if (!(referenceHz > 0) || !(endS > startS) || !(accentWidthS > 0)) {
      throw new IllegalArgumentException(
          "need referenceHz > 0, endS > startS and accentWidthS > 0");
    }
    this.referenceHz = referenceHz;
    this.levelSt = levelSt;
    this.declinationSt = declinationSt;
    this.startS = startS;
    this.endS = endS;
    this.accentTimesS = accentTimesS.clone();
    this.accentSizesSt = accentSizesSt.clone();
    this.accentWidthS = accentWidthS;
  }

  /**
   * A flat contour at {@code f0Hz}: no declination, no accents (for tests with an exactly known
   * F0).
   */
  public static F0Contour flat(double f0Hz) {
    return new F0Contour(f0Hz, 0.0, 0.0, 0.0, 1.0, new double[0], new double[0], 1.0);
  }

  /** Semitones re the reference at time {@code tS}. */
  public double semitonesAt(double tS) {
    double mid = 0.5 * (startS + endS);
    double st = levelSt - declinationSt * (tS - mid) / (endS - startS);
    for (int k = 0; k < accentTimesS.length; k++) {
      double z = (tS - accentTimesS[k]) / accentWidthS;
      st += accentSizesSt[k] * StrictMath.exp(-z * z);
    }
    return st;
  }

  public double f0HzAt(double tS) {
    return referenceHz * StrictMath.pow(2.0, semitonesAt(tS) / 12.0);
  }
}
