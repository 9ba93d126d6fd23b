package io.serspark.audio;

/** Canonical 44-byte-header PCM16 WAV files, e.g. for demo corpora and tests. */
public final class WavWriter {
  private WavWriter() {}

  /**
   * Interleaved int16 samples ({@code samples.length} a multiple of {@code channels}) as WAV bytes.
   */
  public static byte[] pcm16(short[] samples, int channels, int sampleRateHz) {
    if (channels < 1 || samples.length % channels != 0) {
      throw new IllegalArgumentException(
          samples.length + " samples do not fill " + channels + " channel(s)");
    }
    if (sampleRateHz <= 0)
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRateHz);
    int dataBytes = samples.length * 2;
    byte[] b = new byte[44 + dataBytes];
    putAscii(b, 0, "RIFF");
    putLe32(b, 4, 36 + dataBytes);
    putAscii(b, 8, "WAVE");
    putAscii(b, 12, "fmt ");
    putLe32(b, 16, 16);
    putLe16(b, 20, 1);
    putLe16(b, 22, channels);
    putLe32(b, 24, sampleRateHz);
    putLe32(b, 28, sampleRateHz * channels * 2);
    putLe16(b, 32, channels * 2);
    putLe16(b, 34, 16);
    putAscii(b, 36, "data");
    putLe32(b, 40, dataBytes);
    for (int i = 0; i < samples.length; i++) putLe16(b, 44 + 2 * i, samples[i]);
    return b;
  }

  /** Interleaved float samples in [-1, 1], rounded half-to-even to int16 and clipped. */
  public static byte[] pcm16(float[] samples, int channels, int sampleRateHz) {
    return pcm16(AudioConverter.toPcm16(samples), channels, sampleRateHz);
  }

  /** Mono 16 kHz, the utterances table's format. */
  public static byte[] mono16k(short[] samples) {
    return pcm16(samples, 1, AudioConverter.TARGET_RATE_HZ);
  }

  static void putAscii(byte[] b, int p, String s) {
    for (int i = 0; i < s.length(); i++) b[p + i] = (byte) s.charAt(i);
  }

  static void putLe16(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >> 8);
  }

  static void putLe32(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >> 8);
    b[p + 2] = (byte) (v >> 16);
    b[p + 3] = (byte) (v >> 24);
  }
}
