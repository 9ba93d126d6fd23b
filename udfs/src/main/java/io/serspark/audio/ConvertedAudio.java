package io.serspark.audio;

/**
 * One file after conversion: 16 kHz mono int16 samples plus what the source was.
 *
 * @param pcm16 the samples at {@link AudioConverter#TARGET_RATE_HZ}, mono
 * @param container {@code wav}, {@code aiff}, {@code aifc}, {@code flac} or {@code mp3}
 * @param codec ffmpeg-style codec name, e.g. {@code pcm_s16le}, {@code pcm_s24be}, {@code alaw},
 *     {@code flac}, {@code mp3}
 * @param sourceSampleRateHz the rate stored in the file
 * @param sourceChannels channels before down-mixing
 * @param sourceBits bits per sample in the file; 0 where not meaningful (MP3)
 * @param sourceFrames sample frames decoded from the source (per channel), after any encoder
 *     delay/padding trim
 * @param encoderDelayTrimmed true when the samples are the encoder's input exactly (always for PCM
 *     and FLAC; for MP3 only when a LAME/Xing tag gave the delay and padding and they were removed)
 */
public record ConvertedAudio(
    short[] pcm16,
    String container,
    String codec,
    int sourceSampleRateHz,
    int sourceChannels,
    int sourceBits,
    long sourceFrames,
    boolean encoderDelayTrimmed) {

  public double durationS() {
    return pcm16.length / (double) AudioConverter.TARGET_RATE_HZ;
  }

  /** The bytes stored in the utterances table's {@code pcm16} column: little-endian int16. */
  public byte[] pcm16LittleEndian() {
    byte[] out = new byte[pcm16.length * 2];
    for (int i = 0; i < pcm16.length; i++) {
      short s = pcm16[i];
      out[2 * i] = (byte) s;
      out[2 * i + 1] = (byte) (s >> 8);
    }
    return out;
  }
}
