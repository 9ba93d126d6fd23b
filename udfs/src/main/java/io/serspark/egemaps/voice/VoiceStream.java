package io.serspark.egemaps.voice;

import io.serspark.egemaps.EgemapsConfig;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The 60 ms stream of openSMILE's eGeMAPS v02 ({@code egemapsv02_lldsetF}) at 16 kHz: F0 (SHS +
 * Viterbi, semitones re 27.5 Hz), jitter, shimmer, ACF-HNR, harmonic differences, and LPC formants
 * with their harmonic amplitudes, per frame and unsmoothed.
 *
 * <p>Chain, as in {@code GeMAPSv01b_core.lld.conf.inc}: 60 ms frames every 10 ms → Gaussian window
 * (σ = 0.4) → FFT (1024) magnitude → octave-scale spectrum → subharmonic summation (6 candidates) →
 * Viterbi smoothing → energy gate (RMS of the windowed frame must exceed 0.001) → F0;
 * jitter/shimmer from the waveform with that F0; harmonics and HNR from the same magnitude
 * spectrum; formants from the 20 ms Hamming frame with the same index (openSMILE's chain by
 * default, or the textbook estimator: {@link FormantTracker}).
 *
 * <p>Not thread-safe: one instance per thread. FFT plans, windows and tables are built once in the
 * constructor; per-input arrays grow as needed and are reused.
 */
public final class VoiceStream {
  // openSMILE's settings live in EgemapsConfig; these are the 60 ms stream's names for them
  private static final double FS = EgemapsConfig.SAMPLE_RATE_HZ;
  private static final int FRAME = EgemapsConfig.FRAME60;
  private static final int HOP = EgemapsConfig.HOP;
  private static final int FRAME20 = EgemapsConfig.FRAME20;
  private static final int N_FORMANTS = FormantEstimator.N_FORMANTS;
  private static final int NFFT = EgemapsConfig.FFT60;
  private static final int NBINS = NFFT / 2 + 1;
  private static final double SIGMA = EgemapsConfig.GAUSS_SIGMA60;
  private static final double ENERGY_GATE = EgemapsConfig.F0_ENERGY_GATE;
  private static final int VITERBI_BUFFER = EgemapsConfig.VITERBI_BUFFER;
  private static final float VOICING_CUTOFF = EgemapsConfig.VOICING_CUTOFF;

  private final double[] gauss = new double[FRAME];
  private final DoubleFFT_1D fft = new DoubleFFT_1D(NFFT);
  private final double[] fftBuf = new double[NFFT];
  private final OctaveScaleSpectrum octave;
  private final ShsPitchCandidates shs;
  private final ViterbiPitchSmoother viterbi;
  private final PeriodPerturbation perturbation = new PeriodPerturbation(FS, FRAME, HOP);
  private final HarmonicFeatures harmonics = new HarmonicFeatures(NBINS, FS / NFFT);
  private final FormantEstimator formants;
  private final float[] octaveSpec = new float[NBINS];

  private float[] mags = new float[0];
  private float[] rms = new float[0];
  private float[] candF0 = new float[0];
  private float[] candVoicing = new float[0];
  private float[] formantFreq = new float[0];
  private float[] formantBw = new float[0];

  /** eGeMAPS v02 settings, 16 kHz input, openSMILE's formant chain. */
  public VoiceStream() {
    this(FormantTracker.OPENSMILE);
  }

  /**
   * eGeMAPS v02 settings, 16 kHz input, with the given formant estimator (all other LLDs are
   * openSMILE's).
   */
  public VoiceStream(FormantTracker formantTracker) {
    if (formantTracker == null) {
      throw new IllegalArgumentException("VoiceStream: formantTracker must not be null");
    }
    formants = FormantEstimator.of(formantTracker, FS, FRAME20);
    for (int i = 0; i < FRAME; i++) {
      double t = (i - (FRAME - 1.0) / 2.0) / (SIGMA * (FRAME - 1.0) / 2.0);
      gauss[i] = Math.exp(-0.5 * t * t);
    }
    octave = new OctaveScaleSpectrum(NBINS, FS / NFFT, EgemapsConfig.OCTAVE_SCALE_MIN_HZ);
    shs =
        new ShsPitchCandidates(
            octave,
            NBINS,
            EgemapsConfig.SHS_HARMONICS,
            EgemapsConfig.SHS_COMPRESSION,
            EgemapsConfig.F0_MIN_HZ,
            EgemapsConfig.F0_MAX_HZ);
    viterbi =
        new ViterbiPitchSmoother(ShsPitchCandidates.N_CANDIDATES, VITERBI_BUFFER, VOICING_CUTOFF);
  }

  /** Number of 60 ms frames for an input of {@code nSamples} samples. */
  public static int frameCount(int nSamples) {
    return nSamples < FRAME ? 0 : (nSamples - FRAME) / HOP + 1;
  }

  /** x = int16 samples / 32767.0 (openSMILE's scaling), 16 kHz mono. */
  public VoiceLlds compute(float[] x) {
    if (x == null) {
      throw new IllegalArgumentException("VoiceStream.compute: samples must not be null");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Float.isFinite(x[i])) {
        throw new IllegalArgumentException(
            "VoiceStream.compute: sample "
                + i
                + " is "
                + x[i]
                + "; expected finite int16/32767 values");
      }
    }
    int n = frameCount(x.length);
    float[][] out = new float[VoiceLlds.NAMES.size()][n];
    float[] f0Hz = new float[n];
    float[] vp = new float[n];
    if (n == 0) {
      return new VoiceLlds(0, out, f0Hz, vp, 0);
    }
    ensureCapacity(n);
    int nc = ShsPitchCandidates.N_CANDIDATES;
    for (int t = 0; t < n; t++) {
      magnitudeSpectrum(x, t * HOP, t);
      octave.apply(slice(t), octaveSpec);
      shs.detect(octaveSpec);
      System.arraycopy(shs.f0, 0, candF0, t * nc, nc);
      System.arraycopy(shs.voicing, 0, candVoicing, t * nc, nc);
      formants.compute(x, t * HOP);
      System.arraycopy(formants.frequency, 0, formantFreq, t * N_FORMANTS, N_FORMANTS);
      System.arraycopy(formants.bandwidth, 0, formantBw, t * N_FORMANTS, N_FORMANTS);
    }
    viterbi.run(candF0, candVoicing, n);
    perturbation.reset();
    float[] frameFormants = new float[N_FORMANTS];
    for (int t = 0; t < n; t++) {
      int s = viterbi.state[t];
      float f0 = s < nc ? candF0[t * nc + s] : 0f;
      float v = s < nc ? candVoicing[t * nc + s] : candVoicing[t * nc];
      if (!(rms[t] > ENERGY_GATE)) {
        f0 = 0f;
        v = 0f;
      }
      f0Hz[t] = f0;
      vp[t] = v;
      out[VoiceLlds.F0_SEMITONE][t] = semitones(f0);
      perturbation.next(x, t, f0);
      out[VoiceLlds.JITTER_LOCAL][t] = perturbation.jitterLocal;
      out[VoiceLlds.SHIMMER_LOCAL_DB][t] = perturbation.shimmerLocalDb;
      System.arraycopy(formantFreq, t * N_FORMANTS, frameFormants, 0, N_FORMANTS);
      harmonics.compute(f0, slice(t), frameFormants, N_FORMANTS);
      out[VoiceLlds.HNR_DB_ACF][t] = harmonics.hnrDb;
      out[VoiceLlds.H1_H2][t] = harmonics.h1h2;
      out[VoiceLlds.H1_A3][t] = harmonics.h1a3;
      for (int f = 0; f < 3; f++) {
        out[VoiceLlds.F1_FREQUENCY + 3 * f][t] = formantFreq[t * N_FORMANTS + f];
        out[VoiceLlds.F1_BANDWIDTH + 3 * f][t] = formantBw[t * N_FORMANTS + f];
        out[VoiceLlds.F1_AMPLITUDE + 3 * f][t] = harmonics.formantAmplitude[f];
      }
    }
    return new VoiceLlds(n, out, f0Hz, vp, viterbi.released);
  }

  private final float[] sliceBuf = new float[NBINS];

  private float[] slice(int t) {
    System.arraycopy(mags, t * NBINS, sliceBuf, 0, NBINS);
    return sliceBuf;
  }

  /** openSMILE's F0finalLog: 12·log2(f/27.5); frequencies up to 29.136 Hz give 1, unvoiced 0. */
  static float semitones(float f0) {
    if (f0 > 29.136f) {
      return (float) (12.0 * Math.log(f0 / 27.5f) / Math.log(2.0));
    } else if (f0 > 0f) {
      return 1f;
    }
    return 0f;
  }

  private void ensureCapacity(int n) {
    int nc = ShsPitchCandidates.N_CANDIDATES;
    if (rms.length < n) {
      int cap = Math.max(n, rms.length * 3 / 2);
      mags = new float[cap * NBINS];
      rms = new float[cap];
      candF0 = new float[cap * nc];
      candVoicing = new float[cap * nc];
      formantFreq = new float[cap * N_FORMANTS];
      formantBw = new float[cap * N_FORMANTS];
    }
  }

  /** Gaussian-windowed frame → RMS and |FFT| into mags[t]. */
  private void magnitudeSpectrum(float[] x, int start, int t) {
    double sumSq = 0;
    int pad = (NFFT - FRAME) / 2;
    java.util.Arrays.fill(fftBuf, 0.0);
    for (int i = 0; i < FRAME; i++) {
      float w = (float) (x[start + i] * gauss[i]);
      sumSq += (double) w * w;
      fftBuf[pad + i] = w;
    }
    rms[t] = (float) Math.sqrt(sumSq / FRAME);
    fft.realForward(fftBuf);
    int o = t * NBINS;
    mags[o] = (float) Math.abs(fftBuf[0]);
    for (int k = 1; k < NBINS - 1; k++) {
      double re = fftBuf[2 * k];
      double im = fftBuf[2 * k + 1];
      mags[o + k] = (float) Math.sqrt(re * re + im * im);
    }
    // openSMILE stores the Nyquist bin's real part as is (sign included)
    mags[o + NBINS - 1] = (float) fftBuf[1];
  }
}
