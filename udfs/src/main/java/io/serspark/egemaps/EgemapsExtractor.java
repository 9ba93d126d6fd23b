package io.serspark.egemaps;

import io.serspark.egemaps.voice.FormantTracker;
import io.serspark.egemaps.voice.VoiceLlds;
import io.serspark.egemaps.voice.VoiceStream;
import java.util.Arrays;

/**
 * eGeMAPS v02 (88 functionals, 25 LLDs) of 16 kHz mono 16-bit PCM, numerically faithful to
 * openSMILE 3.0.x's {@code eGeMAPSv02.conf}: the 20 ms stream ({@link ShortFrameStream}), the 60 ms
 * voice stream ({@link VoiceStream}), 3-frame smoothing, voiced/unvoiced masking as in openSMILE's
 * functionals path, and the functionals ({@link EgemapsFunctionals}).
 *
 * <p>Not thread-safe: use one instance per partition or thread. FFT plans, windows and filter banks
 * are built once.
 */
public final class EgemapsExtractor {
  private final ShortFrameStream shortFrames = new ShortFrameStream();
  private final VoiceStream voice;
  private final EgemapsFunctionals functionals = new EgemapsFunctionals();

  // The two streams of the last input: a job that wants functionals and LLDs of one utterance calls
  // extract and
  // extractLlds with the same samples, which then costs one analysis, not two. Keyed by content,
  // not identity.
  private short[] lastInput;
  private ShortFrameStream.Frames lastShort;
  private VoiceLlds lastVoice;

  /** eGeMAPS v02 exactly as openSMILE computes it. */
  public EgemapsExtractor() {
    this(FormantTracker.OPENSMILE);
  }

  /**
   * eGeMAPS v02 with the given formant estimator: {@link FormantTracker#ACCURATE} changes the 18
   * formant functionals (F1–F3 frequency, bandwidth, amplitude) and the two of H1−A3 (A3 is the
   * harmonic at F3), nothing else.
   */
  public EgemapsExtractor(FormantTracker formantTracker) {
    voice = new VoiceStream(formantTracker);
  }

  public EgemapsResult extract(short[] pcm16At16kHz) {
    requireInput(pcm16At16kHz);
    float[] nan = new float[EgemapsNames.FUNCTIONALS.size()];
    Arrays.fill(nan, Float.NaN);
    if (pcm16At16kHz.length < EgemapsConfig.MIN_SAMPLES)
      return new EgemapsResult(EgemapsResult.TOO_SHORT, nan);
    analyse(pcm16At16kHz);
    FunctionalInputs inputs = FunctionalInputsAssembly.of(lastShort, lastVoice);
    float[] values = functionals.compute(inputs);
    return UndefinedValues.apply(statusOf(pcm16At16kHz, inputs), values, inputs);
  }

  /**
   * The functionals of windows of {@code windowSamples} every {@code hopSamples} (both multiples of
   * the 10 ms hop), starting at 0, as long as a window fits; an input shorter than one window is
   * one window (= {@link #extract}). The input is analysed once: each window's functionals are
   * computed from the frames of the whole-file analysis that lie inside it, so a long recording is
   * not decoded or analysed again per window. A window's frames are those openSMILE would compute
   * on the cut audio, except that the pitch tracker's smoothing has seen the audio before the
   * window (its Viterbi path is the whole file's).
   */
  public java.util.List<EgemapsResult> extractWindows(
      short[] pcm16At16kHz, int windowSamples, int hopSamples) {
    requireInput(pcm16At16kHz);
    if (windowSamples % EgemapsConfig.HOP != 0
        || hopSamples % EgemapsConfig.HOP != 0
        || hopSamples <= 0
        || windowSamples < EgemapsConfig.MIN_SAMPLES) {
      throw new IllegalArgumentException(
          "EgemapsExtractor: window ("
              + windowSamples
              + ") and hop ("
              + hopSamples
              + ") must be positive multiples of "
              + EgemapsConfig.HOP
              + " samples (10 ms), the window at least "
              + EgemapsConfig.MIN_SAMPLES);
    }
    if (pcm16At16kHz.length <= windowSamples) return java.util.List.of(extract(pcm16At16kHz));
    analyse(pcm16At16kHz);
    int n20 = EgemapsConfig.frames(windowSamples, EgemapsConfig.FRAME20),
        n60 = VoiceStream.frameCount(windowSamples);
    java.util.List<EgemapsResult> out = new java.util.ArrayList<>();
    for (int start = 0; start + windowSamples <= pcm16At16kHz.length; start += hopSamples) {
      int first = start / EgemapsConfig.HOP;
      FunctionalInputs inputs =
          FunctionalInputsAssembly.of(lastShort.window(first, n20), lastVoice.window(first, n60));
      float[] values = functionals.compute(inputs);
      out.add(
          UndefinedValues.apply(
              statusOf(pcm16At16kHz, start, start + windowSamples, inputs), values, inputs));
    }
    return out;
  }

  public EgemapsLlds extractLlds(short[] pcm16At16kHz) {
    requireInput(pcm16At16kHz);
    int n60 = VoiceStream.frameCount(pcm16At16kHz.length);
    if (n60 == 0) return new EgemapsLlds(0, new float[0], new float[EgemapsNames.LLDS.size()][0]);
    analyse(pcm16At16kHz);
    ShortFrameStream.Frames e = lastShort;
    VoiceLlds f = lastVoice;
    int rows = n60 + 1; // = min(n20 + 1, n60 + 1): the joined smoothed levels, extra frame included
    float[][] values = new float[EgemapsNames.LLDS.size()][];
    int i = 0;
    for (float[] lld : e.llds())
      values[i++] = Arrays.copyOf(ContourSmoother.sma3(lld, e.count()), rows);
    for (int k = 0; k < VoiceLlds.NAMES.size(); k++) {
      values[i++] = Arrays.copyOf(ContourSmoother.sma3nz(f.lld(k), n60), rows);
    }
    float[] time = new float[rows];
    for (int t = 0; t < rows; t++)
      time[t] = (float) (t * (double) EgemapsConfig.HOP / EgemapsConfig.SAMPLE_RATE_HZ);
    return new EgemapsLlds(rows, time, values);
  }

  private void analyse(short[] pcm) {
    if (lastInput != null && Arrays.equals(lastInput, pcm)) return;
    float[] x = scale(pcm);
    lastShort = shortFrames.compute(x);
    lastVoice = voice.compute(x);
    lastInput = pcm.clone();
  }

  private static void requireInput(short[] pcm) {
    if (pcm == null)
      throw new IllegalArgumentException("EgemapsExtractor: pcm16At16kHz must not be null");
  }

  /** openSMILE's cWaveSource: int16 / 32767. */
  static float[] scale(short[] pcm) {
    float[] x = new float[pcm.length];
    for (int i = 0; i < pcm.length; i++) x[i] = (float) (pcm[i] / EgemapsConfig.PCM16_SCALE);
    return x;
  }

  private static String statusOf(short[] pcm, FunctionalInputs inputs) {
    return statusOf(pcm, 0, pcm.length, inputs);
  }

  private static String statusOf(short[] pcm, int from, int to, FunctionalInputs inputs) {
    boolean silent = true;
    for (int i = from; i < to; i++) {
      if (pcm[i] != 0) {
        silent = false;
        break;
      }
    }
    if (silent) return EgemapsResult.SILENT;
    for (float v : inputs.f0()) if (v != 0f) return EgemapsResult.OK;
    return EgemapsResult.NO_VOICED_FRAMES;
  }
}
