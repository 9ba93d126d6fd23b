package io.serspark.demo;

import java.util.Random;

/**
 * "Records" a rendered utterance with a {@link RecordingProfile}: the microphone's band, the level,
 * additive room noise at the profile's SNR, and 16-bit quantisation. Levels are RMS in dB re full
 * scale 1.0 (int16 32768); the speech level is the active level, i.e. the RMS over the voiced
 * samples (glottal-pulse spans).
 */
final class RecordingChain {
  /** Peaks are kept at or below -1 dBFS: a louder take is turned down rather than clipped. */
  static final double PEAK_LIMIT = StrictMath.pow(10.0, -1.0 / 20.0);

  private final RecordingProfile profile;

  RecordingChain(RecordingProfile profile) {
    this.profile = profile;
  }

  /** The recorded file and the levels it realised. */
  record Recorded(
      short[] pcm, double activeLevelDbfs, double noiseLevelDbfs, double limiterReductionDb) {}

  Recorded record(SyntheticVoice.Rendering rendering, double targetActiveLevelDbfs, long seed) {
    if (rendering.sampleRateHz() != profile.sampleRateHz()) {
      throw new IllegalArgumentException(
          "rendering at "
              + rendering.sampleRateHz()
              + " Hz for a "
              + profile.sampleRateHz()
              + " Hz profile");
    }
    int fs = profile.sampleRateHz();
    double[] speech = rendering.samples().clone();
    if (profile.highpassHz() > 0) highpass(speech, profile.highpassHz(), fs);
    if (profile.lowpassHz() > 0) lowpass(speech, profile.lowpassHz(), fs);

    double rms = SyntheticVoice.rms(speech, rendering.voiced());
    double gain = StrictMath.pow(10.0, targetActiveLevelDbfs / 20.0) / rms;
    double peak = 0.0;
    for (double v : speech) peak = Math.max(peak, Math.abs(v));
    double reduction = 1.0;
    if (peak * gain > PEAK_LIMIT) {
      reduction = PEAK_LIMIT / (peak * gain);
      gain *= reduction;
    }
    double activeRms = rms * gain;

    Random rng = new Random(seed);
    double[] noise = new double[speech.length];
    double a =
        profile.noiseCornerHz() > 0
            ? StrictMath.exp(-2.0 * Math.PI * profile.noiseCornerHz() / fs)
            : 0.0;
    double y = 0.0;
    double sum = 0.0;
    for (int i = 0; i < noise.length; i++) {
      y = (1.0 - a) * rng.nextGaussian() + a * y;
      noise[i] = y;
      sum += y * y;
    }
    double noiseRms = activeRms * StrictMath.pow(10.0, -profile.snrDb() / 20.0);
    double noiseGain = noiseRms / Math.sqrt(sum / noise.length);

    short[] pcm = new short[speech.length];
    for (int i = 0; i < pcm.length; i++) {
      long q = Math.round((gain * speech[i] + noiseGain * noise[i]) * 32768.0);
      pcm[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, q));
    }
    return new Recorded(pcm, db(activeRms), db(noiseRms), -db(reduction));
  }

  static double db(double rms) {
    return 20.0 * StrictMath.log10(rms);
  }

  private static void highpass(double[] x, double cornerHz, int fs) {
    double a = StrictMath.exp(-2.0 * Math.PI * cornerHz / fs);
    double previousIn = 0.0;
    double y = 0.0;
    for (int i = 0; i < x.length; i++) {
      y = a * (y + x[i] - previousIn);
      previousIn = x[i];
      x[i] = y;
    }
  }

  /** Second-order Butterworth low-pass (RBJ audio-EQ cookbook, Q = 1/sqrt 2). */
  private static void lowpass(double[] x, double cornerHz, int fs) {
    double w = 2.0 * Math.PI * cornerHz / fs;
    double alpha = StrictMath.sin(w) / Math.sqrt(2.0);
    double cos = StrictMath.cos(w);
    double a0 = 1.0 + alpha;
    double b0 = (1.0 - cos) / 2.0 / a0;
    double b1 = (1.0 - cos) / a0;
    double b2 = b0;
    double a1 = -2.0 * cos / a0;
    double a2 = (1.0 - alpha) / a0;
    double x1 = 0;
    double x2 = 0;
    double y1 = 0;
    double y2 = 0;
    for (int i = 0; i < x.length; i++) {
      double y = b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = x[i];
      y2 = y1;
      y1 = y;
      x[i] = y;
    }
  }
}
