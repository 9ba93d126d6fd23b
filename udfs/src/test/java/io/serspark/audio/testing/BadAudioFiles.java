package io.serspark.audio.testing;

import io.serspark.audio.AudioRejected.Stage;
import io.serspark.audio.WavWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A catalogue of broken audio files, one per way a file can be bad, for tests that check every bad
 * file lands in quarantine with the right stage. Names say the kind; all bytes are generated
 * (deterministically), nothing is read.
 */
public final class BadAudioFiles {
  private static final Map<String, Stage> STAGES = new LinkedHashMap<>();
  private static final Map<String, byte[]> FILES = new LinkedHashMap<>();

  static {
    add("empty", Stage.READ, new byte[0]);
    add("random_bytes", Stage.DETECT, random(4096));
    add(
        "text_file",
        Stage.DETECT,
        "speaker,emotion\n03,anger\n".getBytes(StandardCharsets.US_ASCII));
    add(
        "riff_not_wave",
        Stage.DETECT,
        concat(ascii("RIFF"), le32(100), ascii("AVI "), new byte[100]));
    add(
        "id3_tag_without_audio",
        Stage.DETECT,
        concat(ascii("ID3"), new byte[] {4, 0, 0, 0, 0, 0, 10}, new byte[10], random(64)));
    add("wav_truncated_header", Stage.DECODE, java.util.Arrays.copyOf(goodWav(), 30));
    add("wav_header_only_no_data_chunk", Stage.DECODE, java.util.Arrays.copyOf(goodWav(), 36));
    add("wav_truncated_data", Stage.DECODE, java.util.Arrays.copyOf(goodWav(), 44 + 1000));
    add(
        "wav_unsupported_codec_ima_adpcm",
        Stage.DECODE,
        wav(0x0011, 1, 16000, 4, 256, new byte[256], 0));
    add(
        "wav_unsupported_extensible_subformat",
        Stage.DECODE,
        extensibleWav(
            new byte[] {
              0x01,
              0x00,
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
              0x72
            }));
    add("wav_zero_channels", Stage.DECODE, wav(1, 0, 16000, 16, 2, new byte[200], 0));
    add("wav_sample_rate_zero", Stage.DECODE, wav(1, 1, 0, 16, 2, new byte[200], 0));
    add("wav_sample_rate_absurd", Stage.DECODE, wav(1, 1, 1_000_000_000, 16, 2, new byte[200], 0));
    add("wav_block_align_inconsistent", Stage.DECODE, wav(1, 2, 16000, 16, 2, new byte[200], 0));
    add(
        "wav_chunk_size_over_2gb",
        Stage.DECODE,
        wav(1, 1, 16000, 16, 2, new byte[200], 0xFFFFFFF0));
    add("wav_float_nan", Stage.DECODE, floatWav(Float.NaN));
    add("wav_float_infinity", Stage.DECODE, floatWav(Float.POSITIVE_INFINITY));
    add("wav_no_samples", Stage.DECODE, wav(1, 1, 16000, 16, 2, new byte[0], 0));
    add("wav_shorter_than_one_sample", Stage.DECODE, wav(1, 2, 16000, 16, 4, new byte[3], 0));
    add("wav_unsupported_bit_depth", Stage.DECODE, wav(1, 1, 16000, 12, 2, new byte[200], 0));
    add(
        "wav_sample_rate_without_small_ratio",
        Stage.RESAMPLE,
        wav(1, 1, 200_003, 16, 2, new byte[200], 0));
    // headers whose rate would make the resampler allocate gigabytes (1 Hz: 16 000 outputs per
    // input sample) or
    // turn 64 KB into a 4 000-second utterance (8 Hz): refused by the sample-rate floor before
    // anything is allocated
    add("wav_sample_rate_1hz_60kb", Stage.DECODE, wav(1, 1, 1, 16, 2, tone(30_000), 0));
    add("wav_sample_rate_3hz_60kb", Stage.DECODE, wav(1, 1, 3, 16, 2, tone(30_000), 0));
    add("wav_sample_rate_8hz_64kb", Stage.DECODE, wav(1, 1, 8, 16, 2, tone(32_000), 0));
    add("aiff_sample_rate_1hz", Stage.DECODE, aiff(1, 30_000));
    add("wav_sample_rate_7999hz", Stage.DECODE, wav(1, 1, 7_999, 16, 2, tone(8_000), 0));
    add("aiff_truncated_header", Stage.DECODE, java.util.Arrays.copyOf(goodAiff(), 20));
    add(
        "aiff_truncated_data",
        Stage.DECODE,
        java.util.Arrays.copyOf(goodAiff(), goodAiff().length - 300));
    add("aifc_unsupported_compression", Stage.DECODE, aifc("ima4"));
    add("flac_magic_then_garbage", Stage.DECODE, concat(ascii("fLaC"), random(200)));
  }

  private BadAudioFiles() {}

  /** Every bad file, name → bytes, in a stable order. */
  public static Map<String, byte[]> all() {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    FILES.forEach((k, v) -> copy.put(k, v.clone()));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * The stage at which {@code io.serspark.audio.AudioConverter} must refuse the file called {@code
   * name}.
   */
  public static Stage expectedStage(String name) {
    Stage s = STAGES.get(name);
    if (s == null)
      throw new IllegalArgumentException(
          "no bad file called '" + name + "'; known: " + STAGES.keySet());
    return s;
  }

  private static void add(String name, Stage stage, byte[] bytes) {
    STAGES.put(name, stage);
    FILES.put(name, bytes);
  }

  /** 0.1 s of a 440 Hz tone, 16 kHz mono 16-bit: the healthy file the truncations start from. */
  private static byte[] goodWav() {
    short[] s = new short[1600];
    for (int i = 0; i < s.length; i++)
      s[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
    return WavWriter.mono16k(s);
  }

  private static byte[] wav(
      int tag, int channels, int rate, int bits, int blockAlign, byte[] data, int dataSize) {
    return concat(
        ascii("RIFF"),
        le32(36 + data.length),
        ascii("WAVE"),
        ascii("fmt "),
        le32(16),
        le16(tag),
        le16(channels),
        le32(rate),
        le32(rate * blockAlign),
        le16(blockAlign),
        le16(bits),
        ascii("data"),
        le32(dataSize != 0 ? dataSize : data.length),
        data);
  }

  private static byte[] extensibleWav(byte[] guid) {
    return concat(
        ascii("RIFF"),
        le32(60 + 200),
        ascii("WAVE"),
        ascii("fmt "),
        le32(40),
        le16(0xFFFE),
        le16(1),
        le32(16000),
        le32(32000),
        le16(2),
        le16(16),
        le16(22),
        le16(16),
        le32(4),
        guid,
        ascii("data"),
        le32(200),
        new byte[200]);
  }

  private static byte[] floatWav(float bad) {
    byte[] data = new byte[400];
    for (int i = 0; i < 100; i++) {
      int bits = Float.floatToIntBits(i == 57 ? bad : 0.25f);
      System.arraycopy(le32(bits), 0, data, 4 * i, 4);
    }
    return wav(3, 1, 16000, 32, 4, data, 0);
  }

  /**
   * {@code frames} of a 440 Hz tone at 16 kHz as little-endian int16: plausible samples under a
   * hostile header.
   */
  private static byte[] tone(int frames) {
    byte[] data = new byte[frames * 2];
    for (int i = 0; i < frames; i++) {
      short s = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
      data[2 * i] = (byte) s;
      data[2 * i + 1] = (byte) (s >> 8);
    }
    return data;
  }

  private static byte[] goodAiff() {
    return aiff(16000, 1600);
  }

  private static byte[] aiff(int rateHz, int frames) {
    byte[] data = new byte[frames * 2];
    for (int i = 0; i < frames; i++) {
      short s = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
      data[2 * i] = (byte) (s >> 8);
      data[2 * i + 1] = (byte) s;
    }
    byte[] comm = concat(be16(1), be32(frames), be16(16), extended(rateHz));
    byte[] ssnd = concat(be32(0), be32(0), data);
    return concat(
        ascii("FORM"),
        be32(4 + 8 + comm.length + 8 + ssnd.length),
        ascii("AIFF"),
        ascii("COMM"),
        be32(comm.length),
        comm,
        ascii("SSND"),
        be32(ssnd.length),
        ssnd);
  }

  private static byte[] aifc(String compression) {
    byte[] comm =
        concat(
            be16(1), be32(100), be16(16), extended(16000), ascii(compression), new byte[] {0, 0});
    byte[] ssnd = concat(be32(0), be32(0), new byte[200]);
    return concat(
        ascii("FORM"),
        be32(4 + 8 + comm.length + 8 + ssnd.length),
        ascii("AIFC"),
        ascii("COMM"),
        be32(comm.length),
        comm,
        ascii("SSND"),
        be32(ssnd.length),
        ssnd);
  }

  /** A positive integer as an IEEE 754 80-bit extended (the AIFF sample-rate field). */
  public static byte[] extended(int value) {
    int exponent = 16383 + 31 - Integer.numberOfLeadingZeros(value);
    long mantissa = (long) value << (63 - (31 - Integer.numberOfLeadingZeros(value)));
    return concat(be16(exponent), be32((int) (mantissa >>> 32)), be32((int) mantissa));
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(20260101L + n).nextBytes(b);
    b[0] = 0x13; // never a sync byte or a magic letter, whatever the seed gives
    return b;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] le16(int v) {
    return new byte[] {(byte) v, (byte) (v >> 8)};
  }

  private static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
  }

  private static byte[] be16(int v) {
    return new byte[] {(byte) (v >> 8), (byte) v};
  }

  private static byte[] be32(int v) {
    return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }
}
