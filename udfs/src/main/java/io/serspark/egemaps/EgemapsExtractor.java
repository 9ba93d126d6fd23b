package io.serspark.egemaps;

import io.serspark.egemaps.voice.VoiceLlds;
import io.serspark.egemaps.voice.VoiceStream;
import java.util.Arrays;

/**
 * eGeMAPS v02 (88 functionals, 25 LLDs) of 16 kHz mono 16-bit PCM, numerically faithful to openSMILE 3.0.x's
 * {@code eGeMAPSv02.conf}: the 20 ms stream ({@link ShortFrameStream}), the 60 ms voice stream
 * ({@link VoiceStream}), 3-frame smoothing, voiced/unvoiced masking as in openSMILE's functionals path, and the
 * functionals ({@link EgemapsFunctionals}).
 *
 * <p>Not thread-safe: use one instance per partition or thread. FFT plans, windows and filter banks are built once.
 */
public final class EgemapsExtractor {
  private final ShortFrameStream shortFrames = new ShortFrameStream();
  private final VoiceStream voice = new VoiceStream();
  private final EgemapsFunctionals functionals = new EgemapsFunctionals();

  public EgemapsExtractor() {}

  public EgemapsResult extract(short[] pcm16At16kHz) {
    requireInput(pcm16At16kHz);
    float[] nan = new float[EgemapsNames.FUNCTIONALS.size()];
    Arrays.fill(nan, Float.NaN);
    if (pcm16At16kHz.length < EgemapsConfig.MIN_SAMPLES) return new EgemapsResult(EgemapsResult.TOO_SHORT, nan);
    float[] x = scale(pcm16At16kHz);
    ShortFrameStream.Frames e = shortFrames.compute(x);
    VoiceLlds f = voice.compute(x);
    FunctionalInputs inputs = FunctionalInputsAssembly.of(e, f);
    float[] values = functionals.compute(inputs);
    return UndefinedValues.apply(statusOf(pcm16At16kHz, inputs), values, inputs);
  }

  public EgemapsLlds extractLlds(short[] pcm16At16kHz) {
    requireInput(pcm16At16kHz);
    float[] x = scale(pcm16At16kHz);
    int n60 = VoiceStream.frameCount(x.length);
    if (n60 == 0) return new EgemapsLlds(0, new float[0], new float[EgemapsNames.LLDS.size()][0]);
    ShortFrameStream.Frames e = shortFrames.compute(x);
    VoiceLlds f = voice.compute(x);
    int rows = n60 + 1; // = min(n20 + 1, n60 + 1): the joined smoothed levels, extra frame included
    float[][] values = new float[EgemapsNames.LLDS.size()][];
    int i = 0;
    for (float[] lld : e.llds()) values[i++] = Arrays.copyOf(ContourSmoother.sma3(lld, e.count()), rows);
    for (int k = 0; k < VoiceLlds.NAMES.size(); k++) {
      values[i++] = Arrays.copyOf(ContourSmoother.sma3nz(f.lld(k), n60), rows);
    }
    float[] time = new float[rows];
    for (int t = 0; t < rows; t++) time[t] = (float) (t * (double) EgemapsConfig.HOP / EgemapsConfig.SAMPLE_RATE_HZ);
    return new EgemapsLlds(rows, time, values);
  }

  private static void requireInput(short[] pcm) {
    if (pcm == null) throw new IllegalArgumentException("EgemapsExtractor: pcm16At16kHz must not be null");
  }

  /** openSMILE's cWaveSource: int16 / 32767. */
  static float[] scale(short[] pcm) {
    float[] x = new float[pcm.length];
    for (int i = 0; i < pcm.length; i++) x[i] = (float) (pcm[i] / EgemapsConfig.PCM16_SCALE);
    return x;
  }

  private static String statusOf(short[] pcm, FunctionalInputs inputs) {
    boolean silent = true;
    for (short s : pcm) {
      if (s != 0) {
        silent = false;
        break;
      }
    }
    if (silent) return EgemapsResult.SILENT;
    for (float v : inputs.f0()) if (v != 0f) return EgemapsResult.OK;
    return EgemapsResult.NO_VOICED_FRAMES;
  }
}
