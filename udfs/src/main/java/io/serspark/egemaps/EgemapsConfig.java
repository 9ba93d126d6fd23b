package io.serspark.egemaps;

/**
 * Every frame size, hop, band edge and floor of eGeMAPS v02 in one place, with the values openSMILE
 * 3.0.x uses at 16 kHz ({@code config/egemaps/v02/eGeMAPSv02.conf} and the GeMAPS v01b includes).
 *
 * <p>Frame and hop lengths are rounded to whole samples as openSMILE's cFramer does; all
 * functionals normalise time with the nominal {@link #FRAME_PERIOD_S} (openSMILE's input period),
 * not the rounded hop.
 */
public final class EgemapsConfig {
  private EgemapsConfig() {}

  public static final int SAMPLE_RATE_HZ = 16_000;

  /** openSMILE's cWaveSource scales 16-bit PCM by 1/32767, not 1/32768. */
  public static final double PCM16_SCALE = 32767.0;

  /**
   * Nominal frame period used by every time-normalised functional (segments/s, slopes, peaks/s).
   */
  public static final double FRAME_PERIOD_S = 0.01;

  public static final int HOP = (int) Math.round(0.010 * SAMPLE_RATE_HZ);

  /** "frame25" of GeMAPS v01b is really 20 ms (frameSize = 0.020). */
  public static final int FRAME20 = (int) Math.round(0.020 * SAMPLE_RATE_HZ);

  public static final int FRAME60 = (int) Math.round(0.060 * SAMPLE_RATE_HZ);

  /** FFT length of the 20 ms stream: the next power of two above the frame (320 → 512). */
  public static final int FFT20 = Integer.highestOneBit(FRAME20 - 1) << 1;

  /** Mel filter banks (loudness and MFCC): 26 bands, 20–8000 Hz. */
  public static final int MEL_BANDS = 26;

  public static final double MEL_LO_HZ = 20.0;
  public static final double MEL_HI_HZ = 8000.0;

  /** cPlp: band power floor before the equal-loudness weighting and the 0.33 compression. */
  public static final double AUD_MEL_FLOOR = 9.3e-10;

  public static final double AUD_COMPRESSION = 0.33;

  /** MFCC: first..last coefficient, cepstral liftering. */
  public static final int MFCC_FIRST = 1;

  public static final int MFCC_LAST = 4;
  public static final double MFCC_LIFTER = 22.0;

  /** cSpectral frequency range for flux, alpha ratio and Hammarberg. */
  public static final double SPECTRAL_LO_HZ = 0.0;

  public static final double SPECTRAL_HI_HZ = 5000.0;
  public static final double ALPHA_SPLIT_HZ = 1000.0;
  public static final double HAMMARBERG_SPLIT_HZ = 2000.0;
  public static final double[][] SLOPE_BANDS_HZ = {{0.0, 500.0}, {500.0, 1500.0}};

  /** Smoothing window of every LLD (sma3 / sma3nz). */
  public static final int SMA_WINDOW = 3;

  /**
   * cValbasedSelector threshold: a frame is voiced when its unsmoothed F0 (semitones) exceeds this.
   */
  public static final double VOICED_THRESHOLD = 1e-6;

  /** Peaks2 relative threshold (of the contour range). */
  public static final float PEAKS_REL_THRESH = 0.1f;

  /**
   * Segments (voiced / unvoiced runs on the smoothed F0): minimum segment and pause lengths in
   * frames.
   */
  public static final int SEG_MIN_FRAMES = 3;

  public static final int PAUSE_MIN_FRAMES = 2;
  public static final int MAX_SEGMENTS = 1000;

  /** Leq: cVectorOperation dBp log floor. */
  public static final double LEQ_FLOOR = 1e-12;

  /**
   * The 60 ms stream ({@code gemapsv01b_frame60}): FFT length, the next power of two above the
   * frame (960 → 1024).
   */
  public static final int FFT60 = Integer.highestOneBit(FRAME60 - 1) << 1;

  /** cWindower {@code winFunc=gauss, sigma=0.4} of the 60 ms frames. */
  public static final double GAUSS_SIGMA60 = 0.4;

  /**
   * Energy gate of F0: a frame is unvoiced unless the RMS of its windowed 60 ms frame exceeds this
   * ({@code cValbasedSelector} on {@code pcm_RMSenergy}).
   */
  public static final double F0_ENERGY_GATE = 0.001;

  /** cSpecScale: the octave-scale spectrum SHS works on starts at this frequency. */
  public static final double OCTAVE_SCALE_MIN_HZ = 25.0;

  /** cPitchShs {@code nHarmonics}. */
  public static final int SHS_HARMONICS = 15;

  /** cPitchShs {@code compressionFactor}: harmonic h is weighted by this to the power h - 1. */
  public static final float SHS_COMPRESSION = 0.85f;

  /** cPitchShs {@code minPitch} and {@code maxPitch}. */
  public static final double F0_MIN_HZ = 55.0;

  public static final double F0_MAX_HZ = 1000.0;

  /** cPitchShs {@code voicingCutoff}. */
  public static final float VOICING_CUTOFF = 0.70f;

  /** cPitchSmootherViterbi {@code bufferLength} (frames). */
  public static final int VITERBI_BUFFER = 40;

  /** Fewer samples than one 60 ms frame: openSMILE writes no functionals row. */
  public static final int MIN_SAMPLES = FRAME60;

  public static int frames(int nSamples, int frameLength) {
    return nSamples < frameLength ? 0 : (nSamples - frameLength) / HOP + 1;
  }
}
