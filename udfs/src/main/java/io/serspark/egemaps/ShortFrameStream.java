package io.serspark.egemaps;

/**
 * The 20 ms stream of eGeMAPS v02 (openSMILE's "gemapsv01b_frame25", which is really 20 ms): per
 * frame the ten unsmoothed LLDs Loudness, alphaRatio, hammarbergIndex, slope0-500, slope500-1500,
 * spectralFlux, mfcc1–4 from the Hamming-windowed FFT magnitude, and the mean square of the
 * unwindowed frame (input of Leq).
 *
 * <p>Not thread-safe; FFT plan, window and filter banks are built once.
 */
final class ShortFrameStream {
  /** Unsmoothed LLDs in openSMILE's lldsetE order, and the per-frame energy. */
  record Frames(int count, float[][] llds, float[] energy) {
    /**
     * Frames {@code first} .. {@code first + n - 1}: what a window of the input starting at frame
     * {@code first} holds.
     */
    Frames window(int first, int n) {
      int m = Math.max(0, Math.min(n, count - first));
      float[][] l = new float[llds.length][];
      for (int k = 0; k < llds.length; k++)
        l[k] = java.util.Arrays.copyOfRange(llds[k], first, first + m);
      return new Frames(m, l, java.util.Arrays.copyOfRange(energy, first, first + m));
    }
  }

  static final int LLDS = 10;
  static final int LOUDNESS = 0;
  static final int SPECTRAL_FIRST = 1; // alphaRatio, hammarberg, slope0-500, slope500-1500, flux
  static final int FLUX = 5;
  static final int MFCC_FIRST = 6;

  private final PowerSpectrum spectrum;
  private final MelFilterbank audMel;
  private final MelFilterbank mfccMel;
  private final Loudness loudness;
  private final Mfcc mfcc;
  private final SpectralShape shape;
  private final float[] mag;
  private final float[] bands = new float[EgemapsConfig.MEL_BANDS];
  private final float[] frame = new float[LLDS];

  ShortFrameStream() {
    int n = EgemapsConfig.FRAME20;
    int fftLength = EgemapsConfig.FFT20;
    spectrum = new PowerSpectrum(n, fftLength, PowerSpectrum.hamming(n));
    int bins = spectrum.bins();
    double binHz = (double) EgemapsConfig.SAMPLE_RATE_HZ / fftLength;
    audMel =
        new MelFilterbank(
            EgemapsConfig.MEL_BANDS,
            EgemapsConfig.MEL_LO_HZ,
            EgemapsConfig.MEL_HI_HZ,
            bins,
            binHz,
            false);
    mfccMel =
        new MelFilterbank(
            EgemapsConfig.MEL_BANDS,
            EgemapsConfig.MEL_LO_HZ,
            EgemapsConfig.MEL_HI_HZ,
            bins,
            binHz,
            true);
    loudness = new Loudness(audMel.centreHz());
    mfcc =
        new Mfcc(
            EgemapsConfig.MEL_BANDS,
            EgemapsConfig.MFCC_FIRST,
            EgemapsConfig.MFCC_LAST,
            EgemapsConfig.MFCC_LIFTER);
    shape = new SpectralShape(bins, binHz);
    mag = new float[bins];
  }

  Frames compute(float[] x) {
    int n = EgemapsConfig.frames(x.length, EgemapsConfig.FRAME20);
    float[][] llds = new float[LLDS][n];
    float[] energy = new float[n];
    shape.reset();
    for (int t = 0; t < n; t++) {
      int start = t * EgemapsConfig.HOP;
      spectrum.magnitude(x, start, mag);
      audMel.apply(mag, bands);
      frame[LOUDNESS] = loudness.of(bands);
      shape.apply(mag, frame, SPECTRAL_FIRST);
      mfccMel.apply(mag, bands);
      mfcc.apply(bands, frame, MFCC_FIRST);
      for (int i = 0; i < LLDS; i++) llds[i][t] = frame[i];
      energy[t] = meanSquare(x, start, EgemapsConfig.FRAME20);
    }
    return new Frames(n, llds, energy);
  }

  /** cEnergy with energy2 = 1: mean of x² over the unwindowed frame. */
  static float meanSquare(float[] x, int start, int length) {
    double sum = 0.0;
    for (int i = start; i < start + length; i++) sum += (double) x[i] * x[i];
    return (float) (sum / length);
  }
}
