package io.serspark.embed;

/**
 * The utterances table's audio (16 kHz mono int16 little-endian) as the float waveform models take,
 * in [-1, 1).
 */
public final class Pcm16 {
  private Pcm16() {}

  public static float[] toFloat(byte[] pcm) {
    if (pcm.length % 2 != 0)
      throw new IllegalArgumentException("PCM16 data has an odd byte count: " + pcm.length);
    float[] out = new float[pcm.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8)) / 32768f;
    }
    return out;
  }
}
