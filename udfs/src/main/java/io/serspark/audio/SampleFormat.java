package io.serspark.audio;

/**
 * The sample encodings PCM containers (WAV, AIFF/AIFC) carry, and how to turn interleaved frames of
 * them into mono floats. Integer formats are scaled by 2^-(bits-1) so that 16-bit input maps back
 * to the same int16 exactly.
 */
enum SampleFormat {
  U8("pcm_u8", 1),
  S8("pcm_s8", 1),
  S16LE("pcm_s16le", 2),
  S16BE("pcm_s16be", 2),
  S24LE("pcm_s24le", 3),
  S24BE("pcm_s24be", 3),
  S32LE("pcm_s32le", 4),
  S32BE("pcm_s32be", 4),
  F32LE("pcm_f32le", 4),
  F32BE("pcm_f32be", 4),
  F64LE("pcm_f64le", 8),
  F64BE("pcm_f64be", 8),
  ALAW("alaw", 1),
  MULAW("mulaw", 1);

  final String codec;
  final int bytesPerSample;

  SampleFormat(String codec, int bytesPerSample) {
    this.codec = codec;
    this.bytesPerSample = bytesPerSample;
  }

  boolean isFloat() {
    return this == F32LE || this == F32BE || this == F64LE || this == F64BE;
  }

  private static final float[] ALAW_TABLE = new float[256];
  private static final float[] MULAW_TABLE = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      ALAW_TABLE[i] = alawToLinear(i) / 32768f;
      MULAW_TABLE[i] = mulawToLinear(i) / 32768f;
    }
  }

  /**
   * ITU-T G.711 A-law expansion (the same values as SoX and ffmpeg: 13-bit magnitude scaled to 16
   * bits).
   */
  static int alawToLinear(int a) {
    a ^= 0x55;
    int t = (a & 0x0f) << 4;
    int seg = (a & 0x70) >> 4;
    if (seg == 0) t += 8;
    else if (seg == 1) t += 0x108;
    else t = (t + 0x108) << (seg - 1);
    return (a & 0x80) != 0 ? t : -t;
  }

  /** ITU-T G.711 mu-law expansion. */
  static int mulawToLinear(int u) {
    u = ~u & 0xff;
    int t = ((u & 0x0f) << 3) + 0x84;
    t <<= (u & 0x70) >> 4;
    return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
  }

  /**
   * Mean of the channels of {@code frames} interleaved frames starting at {@code offset}. Float
   * sources are returned as they are (NaN/Inf included: the caller decides).
   */
  float[] toMono(byte[] b, int offset, int frames, int channels) {
    float[] out = new float[frames];
    int bps = bytesPerSample;
    int p = offset;
    if (channels == 1 && this == S16LE) { // the corpus hot path
      for (int i = 0; i < frames; i++, p += 2) {
        out[i] = (short) ((b[p] & 0xff) | (b[p + 1] << 8)) * (1f / 32768f);
      }
      return out;
    }
    float inv = 1f / channels;
    for (int i = 0; i < frames; i++) {
      double sum = 0;
      for (int c = 0; c < channels; c++, p += bps) sum += sample(b, p);
      out[i] = (float) (channels == 1 ? sum : sum * inv);
    }
    return out;
  }

  /** One sample as a double in [-1, 1] (floats unbounded). */
  double sample(byte[] b, int p) {
    switch (this) {
      case U8:
        return ((b[p] & 0xff) - 128) / 128.0;
      case S8:
        return b[p] / 128.0;
      case S16LE:
        return (short) ((b[p] & 0xff) | (b[p + 1] << 8)) / 32768.0;
      case S16BE:
        return (short) ((b[p + 1] & 0xff) | (b[p] << 8)) / 32768.0;
      case S24LE:
        return ((b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | b[p + 2] << 16) / 8388608.0;
      case S24BE:
        return ((b[p + 2] & 0xff) | (b[p + 1] & 0xff) << 8 | b[p] << 16) / 8388608.0;
      case S32LE:
        return le32(b, p) / 2147483648.0;
      case S32BE:
        return be32(b, p) / 2147483648.0;
      case F32LE:
        return Float.intBitsToFloat(le32(b, p));
      case F32BE:
        return Float.intBitsToFloat(be32(b, p));
      case F64LE:
        return Double.longBitsToDouble((le32(b, p) & 0xffffffffL) | ((long) le32(b, p + 4) << 32));
      case F64BE:
        return Double.longBitsToDouble(((long) be32(b, p) << 32) | (be32(b, p + 4) & 0xffffffffL));
      case ALAW:
        return ALAW_TABLE[b[p] & 0xff];
      case MULAW:
        return MULAW_TABLE[b[p] & 0xff];
      default:
        throw new AssertionError(this);
    }
  }

  private static int le32(byte[] b, int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | b[p + 3] << 24;
  }

  private static int be32(byte[] b, int p) {
    return (b[p + 3] & 0xff) | (b[p + 2] & 0xff) << 8 | (b[p + 1] & 0xff) << 16 | b[p] << 24;
  }
}
