package io.serspark.audio;

import java.util.HashMap;
import java.util.Map;

/**
 * Decodes any supported file's bytes (WAV, AIFF, AIFF-C, FLAC, MP3; detected from the bytes, never the name) to
 * 16 kHz mono int16: channels averaged, resampled with {@link Resampler}, rounded half-to-even and clipped, no
 * dither, so the same bytes always give the same samples. 16 kHz 16-bit mono input comes out bit-exact.
 *
 * <p>One instance per thread or partition: it caches one resampler per source rate (not thread-safe).
 */
public final class AudioConverter {
  public static final int TARGET_RATE_HZ = 16_000;
  /**
   * Coefficients kept across files (64 MB). A corpus has a handful of rates (48 kHz: 311 floats); odd rates such as
   * 44101 Hz need millions, so the cap keeps a partition of odd files from holding hundreds of MB.
   */
  private static final long MAX_CACHED_FLOATS = 16_000_000;

  private final Map<Integer, Resampler> resamplers = new HashMap<>();
  private long cachedFloats;

  public AudioConverter() {}

  public ConvertedAudio convert(byte[] fileBytes) throws AudioRejected {
    if (fileBytes == null) throw new AudioRejected(AudioRejected.Stage.READ, "the file could not be read", "null");
    Container.Detected detected = Container.detect(fileBytes);
    DecodedAudio decoded;
    switch (detected.container()) {
      case WAV: decoded = WavDecoder.decode(fileBytes); break;
      case AIFF: decoded = AiffDecoder.decode(fileBytes, false); break;
      case AIFC: decoded = AiffDecoder.decode(fileBytes, true); break;
      case FLAC: decoded = FlacDecoder.decode(fileBytes); break;
      case MP3: decoded = Mp3Decoder.decode(fileBytes, detected.offset()); break;
      default: throw new AssertionError(detected);
    }
    float[] mono = decoded.mono();
    for (int i = 0; i < mono.length; i++) {
      if (!Float.isFinite(mono[i])) {
        throw AudioRejected.decode("the samples contain NaN or infinite values, which no audio can have",
            "first at frame " + i + " (" + mono[i] + ")");
      }
    }
    float[] at16k = decoded.sampleRateHz() == TARGET_RATE_HZ ? mono : resampler(decoded.sampleRateHz()).process(mono);
    if (at16k.length == 0) {
      throw new AudioRejected(AudioRejected.Stage.RESAMPLE, "the audio is shorter than one sample at 16 kHz",
          "source_frames=" + decoded.frames() + " source_rate=" + decoded.sampleRateHz());
    }
    return new ConvertedAudio(toPcm16(at16k), decoded.container(), decoded.codec(), decoded.sampleRateHz(),
        decoded.channels(), decoded.bits(), decoded.frames(), decoded.encoderDelayTrimmed());
  }

  private Resampler resampler(int rateHz) throws AudioRejected {
    Resampler r = resamplers.get(rateHz);
    if (r != null) return r;
    if (!Resampler.supports(rateHz, TARGET_RATE_HZ)) {
      int g = Resampler.gcd(rateHz, TARGET_RATE_HZ);
      throw new AudioRejected(AudioRejected.Stage.RESAMPLE, "the sample rate " + rateHz
          + " Hz has no small ratio to 16 kHz, so it cannot be resampled exactly",
          "ratio " + (TARGET_RATE_HZ / g) + "/" + (rateHz / g));
    }
    r = new Resampler(rateHz, TARGET_RATE_HZ);
    if (cachedFloats + r.tableFloats() > MAX_CACHED_FLOATS) {
      resamplers.clear();
      cachedFloats = 0;
    }
    resamplers.put(rateHz, r);
    cachedFloats += r.tableFloats();
    return r;
  }

  /** Full scale ±1.0 → ±32768, rounded half-to-even, clipped to the int16 range. */
  static short[] toPcm16(float[] x) {
    short[] out = new short[x.length];
    for (int i = 0; i < x.length; i++) {
      float v = (float) Math.rint(x[i] * 32768f);
      out[i] = (short) Math.max(-32768f, Math.min(32767f, v));
    }
    return out;
  }
}
