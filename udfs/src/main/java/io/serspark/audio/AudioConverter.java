package io.serspark.audio;

import java.util.HashMap;
import java.util.Map;

/**
 * Decodes any supported file's bytes (WAV, AIFF, AIFF-C, FLAC, MP3; detected from the bytes, never
 * the name) to 16 kHz mono int16: channels averaged, resampled with {@link Resampler}, re-quantised
 * to 16 bits and clipped. 16 kHz 16-bit input comes out bit-exact; 16 kHz input of more bits is
 * rounded half-to-even.
 *
 * <p>Re-quantisation after resampling adds TPDF dither of ±1 LSB (two uniforms on ±0.5 LSB), as SoX
 * does by default: without it, quiet passages collapse onto a few integer levels and the spectral
 * features of near-silent frames (MFCC variation, unvoiced spectral slopes) follow the quantisation
 * pattern instead of the signal — RAVDESS through our resampler then disagrees with openSMILE on
 * SoX's output for mfcc2/3 stddevNorm and slopeUV500-1500 (Spearman 0.74–0.80; with dither
 * 0.91–0.99). The dither is seeded from the decoded audio, so the same audio always gives the same
 * samples.
 *
 * <p>One instance per thread or partition: it caches one resampler per source rate (not
 * thread-safe).
 */
public final class AudioConverter {
  public static final int TARGET_RATE_HZ = 16_000;

  /**
   * Coefficients kept across files (64 MB). A corpus has a handful of rates (48 kHz: 311 floats);
   * odd rates such as 44101 Hz need millions, so the cap keeps a partition of odd files from
   * holding hundreds of MB.
   */
  private static final long MAX_CACHED_FLOATS = 16_000_000;

  private final Map<Integer, Resampler> resamplers = new HashMap<>();
  private final UtteranceLimits limits;
  private long cachedFloats;

  /** A converter with {@link UtteranceLimits#DEFAULT}. */
  public AudioConverter() {
    this(UtteranceLimits.DEFAULT);
  }

  public AudioConverter(UtteranceLimits limits) {
    this.limits = limits;
  }

  public UtteranceLimits limits() {
    return limits;
  }

  /**
   * Never throws anything but {@link AudioRejected} for a file's contents: a decoder bug, a stack
   * overflow in a decoder or an allocation the heap cannot hold is the file's refusal (with the
   * error as detail), not the end of the partition. The fuzz tests call {@link #convertUnguarded}
   * so that such a failure is a finding there.
   */
  public ConvertedAudio convert(byte[] fileBytes) throws AudioRejected {
    try {
      return convertUnguarded(fileBytes);
    } catch (RuntimeException | StackOverflowError e) {
      // Bad data must never stop an ingest partition; MutatedFilesTest keeps this path unused in
      // practice.
      throw AudioRejected.decode(
          "the file could not be decoded (the decoder failed on its contents)", e.toString());
    } catch (OutOfMemoryError e) {
      // The limits bound every allocation we make from a header; this is what is left (a library's
      // own buffers).
      throw AudioRejected.decode(
          "the file could not be decoded: decoding it needed more memory than this executor "
              + "has ("
              + fileBytes.length
              + " bytes in)",
          e.toString());
    }
  }

  /**
   * The refusal of a file too large to read whole ({@code fileBytes} over 2 GiB), from its first
   * bytes: a WAV says how long it is, so the reason gives its duration and the limit it breaks
   * instead of calling it corrupt.
   */
  public AudioRejected tooLarge(byte[] head, long fileBytes) {
    try {
      if (Container.detect(head).container() == Container.WAV) {
        WavDecoder.Header h = WavDecoder.header(head);
        AudioRejected overLimit =
            new DecodeBudget(limits, fileBytes).check("WAV", h.frames(), h.rateHz());
        return overLimit != null
            ? overLimit
            : HeaderLimits.tooLargeToDecode("WAV", h.dataBytes(), h.frames() / (double) h.rateHz());
      }
    } catch (AudioRejected notWav) {
      // fall through to the plain size limit
    }
    return new AudioRejected(
        AudioRejected.Stage.READ,
        String.format(
            java.util.Locale.ROOT,
            "the file is %.1f GB, "
                + "more than the 2 GiB a file may have: files are read and decoded whole, in one array",
            fileBytes / 1e9),
        fileBytes + " bytes");
  }

  /**
   * {@link #convert} without the safety net, so tests see any decoder bug as the exception it is.
   */
  ConvertedAudio convertUnguarded(byte[] fileBytes) throws AudioRejected {
    if (fileBytes == null)
      throw new AudioRejected(AudioRejected.Stage.READ, "the file could not be read", "null");
    Container.Detected detected = Container.detect(fileBytes);
    DecodeBudget budget = new DecodeBudget(limits, fileBytes.length);
    DecodedAudio decoded;
    switch (detected.container()) {
      case WAV:
        decoded = WavDecoder.decode(fileBytes, budget);
        break;
      case AIFF:
        decoded = AiffDecoder.decode(fileBytes, false, budget);
        break;
      case AIFC:
        decoded = AiffDecoder.decode(fileBytes, true, budget);
        break;
      case FLAC:
        decoded = FlacDecoder.decode(fileBytes, detected.offset(), budget);
        break;
      case MP3:
        decoded = Mp3Decoder.decode(fileBytes, detected.offset(), budget);
        break;
      default:
        throw new AssertionError(detected);
    }
    float[] mono = decoded.mono();
    for (int i = 0; i < mono.length; i++) {
      if (!Float.isFinite(mono[i])) {
        throw AudioRejected.decode(
            "the samples contain NaN or infinite values, which no audio can have",
            "first at frame " + i + " (" + mono[i] + ")");
      }
    }
    float[] at16k =
        decoded.sampleRateHz() == TARGET_RATE_HZ
            ? mono
            : resampler(decoded.sampleRateHz()).process(mono);
    if (at16k.length == 0) {
      throw new AudioRejected(
          AudioRejected.Stage.RESAMPLE,
          "the audio is shorter than one sample at 16 kHz",
          "source_frames=" + decoded.frames() + " source_rate=" + decoded.sampleRateHz());
    }
    boolean requantise = decoded.sampleRateHz() != TARGET_RATE_HZ;
    short[] pcm =
        requantise
            ? toPcm16Dithered(at16k, ditherSeed(mono, decoded.sampleRateHz()))
            : toPcm16(at16k);
    return new ConvertedAudio(
        pcm,
        decoded.container(),
        decoded.codec(),
        decoded.sampleRateHz(),
        decoded.channels(),
        decoded.bits(),
        decoded.frames(),
        decoded.encoderDelayTrimmed());
  }

  private Resampler resampler(int rateHz) throws AudioRejected {
    Resampler r = resamplers.get(rateHz);
    if (r != null) return r;
    if (!Resampler.supports(rateHz, TARGET_RATE_HZ)) {
      int g = Resampler.gcd(rateHz, TARGET_RATE_HZ);
      throw new AudioRejected(
          AudioRejected.Stage.RESAMPLE,
          "the sample rate "
              + rateHz
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

  /** ±1 LSB TPDF dither before rounding (see the class comment); deterministic for a given seed. */
  static short[] toPcm16Dithered(float[] x, long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    short[] out = new short[x.length];
    for (int i = 0; i < x.length; i++) {
      double tpdf = random.nextDouble() + random.nextDouble() - 1.0;
      double v = Math.rint(x[i] * 32768.0 + tpdf);
      out[i] = (short) Math.max(-32768.0, Math.min(32767.0, v));
    }
    return out;
  }

  /**
   * Seeded by the decoded audio, not the file bytes: the same audio in another container or with
   * other tags gets the same samples.
   */
  static long ditherSeed(float[] mono, int rateHz) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4096);
    for (float v : mono) {
      if (!buf.hasRemaining()) {
        crc.update(buf.flip());
        buf.clear();
      }
      buf.putInt(Float.floatToIntBits(v));
    }
    crc.update(buf.flip());
    return crc.getValue() ^ ((long) mono.length << 32) ^ ((long) rateHz << 48);
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
