package io.serspark.audio;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The project's one WAV writer: canonical 44-byte-header PCM16 files (demo corpora, tests), the
 * format the decoders in this package read back bit-exact.
 */
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

  /**
   * Mono samples followed by a {@code LIST/INFO} chunk whose {@code ICMT} holds {@code comment}
   * (ASCII). The comment comes after the data, as many recorders put it, so readers that stop at
   * {@code data} never see it and readers that walk the chunks must skip it.
   */
  public static byte[] pcm16WithComment(short[] samples, int sampleRateHz, String comment) {
    byte[] text = (comment + "\0").getBytes(StandardCharsets.US_ASCII);
    int listSize = 4 + 8 + text.length + (text.length & 1); // "INFO", the ICMT header, padded text
    byte[] wav = pcm16(samples, 1, sampleRateHz);
    byte[] b = Arrays.copyOf(wav, wav.length + 8 + listSize); // the pad byte stays 0
    int p = wav.length;
    putAscii(b, p, "LIST");
    putLe32(b, p + 4, listSize);
    putAscii(b, p + 8, "INFO");
    putAscii(b, p + 12, "ICMT");
    putLe32(b, p + 16, text.length);
    System.arraycopy(text, 0, b, p + 20, text.length);
    putLe32(b, 4, b.length - 8); // the RIFF size now covers the LIST chunk
    return b;
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
