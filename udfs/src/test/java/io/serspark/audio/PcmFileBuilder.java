package io.serspark.audio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes WAV and AIFF/AIFC test files in every sample encoding, from one known int16 signal. */
final class PcmFileBuilder {
  private PcmFileBuilder() {}

  /**
   * A deterministic multi-channel test signal: channel c is a sine of (300 + 250c) Hz with a small
   * ramp.
   */
  static short[][] signal(int channels, int frames) {
    short[][] s = new short[channels][frames];
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < frames; i++) {
        double v =
            20000 * Math.sin(2 * Math.PI * (300 + 250 * c) * i / 16000.0) + (i % 97) * 7 - 300 * c;
        s[c][i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
      }
    }
    s[0][0] = Short.MIN_VALUE; // the extremes must survive every encoding
    if (frames > 1) s[0][1] = Short.MAX_VALUE;
    return s;
  }

  /** Expected mono mean at float precision, then int16 as the converter rounds it. */
  static short[] expectedMono(short[][] s) {
    float[] mono = new float[s[0].length];
    for (int i = 0; i < mono.length; i++) {
      double sum = 0;
      for (short[] ch : s) sum += ch[i] / 32768.0;
      mono[i] = (float) (s.length == 1 ? sum : sum * (1f / s.length));
    }
    return AudioConverter.toPcm16(mono);
  }

  /**
   * Bytes of one sample in {@code format}, from an int16 value (wider formats shift it up,
   * exactly).
   */
  static byte[] encode(SampleFormat f, short v) {
    switch (f) {
      case U8:
        return new byte[] {(byte) ((v >> 8) + 128)};
      case S8:
        return new byte[] {(byte) (v >> 8)};
      case S16LE:
        return le(v, 2);
      case S16BE:
        return be(v, 2);
      case S24LE:
        return le(v << 8, 3);
      case S24BE:
        return be(v << 8, 3);
      case S32LE:
        return le(v << 16, 4);
      case S32BE:
        return be(v << 16, 4);
      case F32LE:
        return le(Float.floatToIntBits(v / 32768f), 4);
      case F32BE:
        return be(Float.floatToIntBits(v / 32768f), 4);
      case F64LE:
        return leLong(Double.doubleToLongBits(v / 32768.0));
      case F64BE:
        return beLong(Double.doubleToLongBits(v / 32768.0));
      default:
        throw new IllegalArgumentException(f + " is not a linear format");
    }
  }

  static byte[] interleave(SampleFormat f, short[][] s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s[0].length; i++) for (short[] ch : s) out.writeBytes(encode(f, ch[i]));
    return out.toByteArray();
  }

  /**
   * A WAV with the given fmt body, optional extra chunks before data (each padded to even size).
   */
  static byte[] wav(byte[] fmtBody, byte[] data, byte[]... extraChunks) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ascii("WAVE"));
    body.writeBytes(chunkLe("fmt ", fmtBody));
    for (byte[] c : extraChunks) body.writeBytes(c);
    body.writeBytes(chunkLe("data", data));
    byte[] b = body.toByteArray();
    return concat(ascii("RIFF"), le(b.length, 4), b);
  }

  static byte[] fmt(int tag, int channels, int rate, int bits, int blockAlign) {
    return concat(
        le(tag, 2),
        le(channels, 2),
        le(rate, 4),
        le(rate * blockAlign, 4),
        le(blockAlign, 2),
        le(bits, 2));
  }

  /** WAVE_FORMAT_EXTENSIBLE fmt body around a standard sub-format tag. */
  static byte[] fmtExtensible(int subTag, int channels, int rate, int bits, int validBits) {
    byte[] guidTail = {
      0x00,
      0x00,
      0x00,
      0x00,
      0x10,
      0x00,
      (byte) 0x80,
      0x00,
      0x00,
      (byte) 0xAA,
      0x00,
      0x38,
      (byte) 0x9B,
      0x71
    };
    int blockAlign = channels * bits / 8;
    return concat(
        fmt(0xFFFE, channels, rate, bits, blockAlign),
        le(22, 2),
        le(validBits, 2),
        le(3, 4),
        le(subTag, 2),
        guidTail);
  }

  static byte[] chunkLe(String id, byte[] body) {
    return concat(
        ascii(id), le(body.length, 4), body, (body.length & 1) == 1 ? new byte[1] : new byte[0]);
  }

  static byte[] chunkBe(String id, byte[] body) {
    return concat(
        ascii(id), be(body.length, 4), body, (body.length & 1) == 1 ? new byte[1] : new byte[0]);
  }

  /**
   * AIFF (compression null) or AIFC; {@code ssndOffset} bytes of junk precede the samples inside
   * SSND.
   */
  static byte[] aiff(
      String compression,
      int channels,
      int frames,
      int sampleSize,
      int rate,
      byte[] data,
      int ssndOffset,
      byte[]... extraChunks) {
    boolean aifc = compression != null;
    byte[] comm =
        concat(
            be(channels, 2),
            be(frames, 4),
            be(sampleSize, 2),
            io.serspark.audio.testing.BadAudioFiles.extended(rate),
            aifc ? concat(ascii(compression), new byte[] {3, 'x', 'y', 'z'}) : new byte[0]);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ascii(aifc ? "AIFC" : "AIFF"));
    if (aifc) body.writeBytes(chunkBe("FVER", be(0xA2805140, 4)));
    body.writeBytes(chunkBe("COMM", comm));
    for (byte[] c : extraChunks) body.writeBytes(c);
    body.writeBytes(
        chunkBe("SSND", concat(be(ssndOffset, 4), be(0, 4), new byte[ssndOffset], data)));
    byte[] b = body.toByteArray();
    return concat(ascii("FORM"), be(b.length, 4), b);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] le(int v, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) (v >> (8 * i));
    return b;
  }

  static byte[] be(int v, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[n - 1 - i] = (byte) (v >> (8 * i));
    return b;
  }

  static byte[] leLong(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) b[i] = (byte) (v >> (8 * i));
    return b;
  }

  static byte[] beLong(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) b[7 - i] = (byte) (v >> (8 * i));
    return b;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }
}
