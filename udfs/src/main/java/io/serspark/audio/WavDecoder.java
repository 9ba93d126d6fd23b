package io.serspark.audio;

import java.util.Locale;

/**
 * RIFF/WAVE: PCM 8/16/24/32-bit, IEEE float 32/64, A-law, mu-law, and WAVE_FORMAT_EXTENSIBLE
 * wrapping any of these. Unknown chunks are skipped (RAVDESS has an 'FLLR' chunk before 'data');
 * odd-sized chunks are followed by a pad byte. The RIFF size field is not trusted (many writers get
 * it wrong); chunk walking is bounded by the real file size.
 */
final class WavDecoder {
  private static final String C = "WAV";
  static final int TAG_PCM = 0x0001;
  static final int TAG_FLOAT = 0x0003;
  static final int TAG_ALAW = 0x0006;
  static final int TAG_MULAW = 0x0007;
  static final int TAG_EXTENSIBLE = 0xFFFE;

  /**
   * The 14 bytes after the format tag in every KSDATAFORMAT_SUBTYPE GUID derived from a WAVE format
   * tag.
   */
  private static final byte[] GUID_TAIL = {
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

  private WavDecoder() {}

  /**
   * What the chunks before the samples say: the format and where the 'data' chunk's samples lie.
   */
  record Header(
      SampleFormat format, int channels, int rateHz, int bits, int dataOffset, long dataBytes) {
    int blockAlign() {
      return channels * format.bytesPerSample;
    }

    long frames() {
      return dataBytes / blockAlign();
    }
  }

  static DecodedAudio decode(byte[] b, DecodeBudget budget) throws AudioRejected {
    Header h = header(b);
    long frames = h.frames();
    long present = b.length - h.dataOffset();
    if (h.dataBytes() > present) throw HeaderLimits.truncatedData(C, h.dataBytes(), present);
    if (frames == 0) throw HeaderLimits.noSamples(C);
    budget.admit(C, frames, h.rateHz());
    float[] mono = h.format().toMono(b, h.dataOffset(), (int) frames, h.channels());
    return new DecodedAudio(
        mono, "wav", h.format().codec, h.rateHz(), h.channels(), h.bits(), frames, true);
  }

  /**
   * Walks the chunks up to 'data' and checks the format; reads nothing of the samples, so the first
   * kilobytes of a file are enough (how a file too large to read whole is described).
   */
  static Header header(byte[] b) throws AudioRejected {
    int n = b.length;
    if (n < 12) throw HeaderLimits.truncatedHeader(C, n, "inside the 12-byte RIFF header");
    int pos = 12;
    boolean haveFmt = false;
    SampleFormat format = null;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    while (true) {
      if (pos + 8 > n) {
        throw HeaderLimits.truncatedHeader(
            C, n, haveFmt ? "before the 'data' chunk" : "before the 'fmt ' chunk");
      }
      String id = new String(b, pos, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      long size = le32(b, pos + 4) & 0xffffffffL;
      int body = pos + 8;
      if (id.equals("data")) {
        if (!haveFmt)
          throw AudioRejected.decode(
              "the WAV file has its 'data' chunk before any 'fmt ' chunk", "data at byte " + pos);
        return new Header(format, channels, rate, bits, body, size);
      }
      HeaderLimits.checkChunkSize(C, id, size, pos);
      if (id.equals("fmt ")) {
        if (size < 16)
          throw AudioRejected.decode(
              "the WAV 'fmt ' chunk is "
                  + size
                  + " bytes, shorter than the 16 bytes every WAV format needs",
              "fmt size=" + size);
        if (body + 16 > n) throw HeaderLimits.truncatedHeader(C, n, "inside the 'fmt ' chunk");
        int tag = le16(b, body);
        channels = le16(b, body + 2);
        long rateField = le32(b, body + 4) & 0xffffffffL;
        int blockAlign = le16(b, body + 12);
        bits = le16(b, body + 14);
        HeaderLimits.checkChannels(C, channels);
        HeaderLimits.checkRate(C, rateField);
        rate = (int) rateField;
        int effectiveTag = tag;
        if (tag == TAG_EXTENSIBLE) {
          if (size < 40 || body + 40 > n) {
            throw HeaderLimits.truncatedHeader(
                C, n, "inside the WAVE_FORMAT_EXTENSIBLE part of the 'fmt ' chunk");
          }
          int subTag = le16(b, body + 24);
          for (int i = 0; i < GUID_TAIL.length; i++) {
            if (b[body + 26 + i] != GUID_TAIL[i]) {
              throw new AudioRejected(
                  AudioRejected.Stage.DECODE,
                  "the WAV file uses an unsupported codec (an extensible sub-format that is not PCM, float, A-law"
                      + " or mu-law)",
                  "sub-format GUID " + guid(b, body + 24));
            }
          }
          effectiveTag = subTag;
        }
        format = formatFor(effectiveTag, bits);
        int expectedAlign = channels * format.bytesPerSample;
        if (blockAlign != expectedAlign) {
          throw AudioRejected.decode(
              "the WAV header is inconsistent: block align is "
                  + blockAlign
                  + " bytes but "
                  + channels
                  + " channel(s) of "
                  + bits
                  + "-bit samples need "
                  + expectedAlign,
              "block_align=" + blockAlign + " channels=" + channels + " bits=" + bits);
        }
        if (format == SampleFormat.ALAW || format == SampleFormat.MULAW) bits = 8;
        haveFmt = true;
      }
      long next = body + size + (size & 1);
      if (next > n) {
        throw HeaderLimits.truncatedHeader(
            C, n, "inside the '" + HeaderLimits.printable(id) + "' chunk, before the 'data' chunk");
      }
      pos = (int) next;
    }
  }

  private static SampleFormat formatFor(int tag, int bits) throws AudioRejected {
    switch (tag) {
      case TAG_PCM:
        switch (bits) {
          case 8:
            return SampleFormat.U8;
          case 16:
            return SampleFormat.S16LE;
          case 24:
            return SampleFormat.S24LE;
          case 32:
            return SampleFormat.S32LE;
          default:
            throw AudioRejected.decode(
                "the WAV file uses "
                    + bits
                    + "-bit integer PCM; only 8, 16, 24 and 32 bits are supported",
                "bits_per_sample=" + bits);
        }
      case TAG_FLOAT:
        if (bits == 32) return SampleFormat.F32LE;
        if (bits == 64) return SampleFormat.F64LE;
        throw AudioRejected.decode(
            "the WAV file uses " + bits + "-bit floating point; only 32 and 64 are valid",
            "bits_per_sample=" + bits);
      case TAG_ALAW:
        return SampleFormat.ALAW;
      case TAG_MULAW:
        return SampleFormat.MULAW;
      default:
        throw AudioRejected.decode(
            "the WAV file uses an unsupported codec ("
                + codecName(tag)
                + "); supported are PCM, IEEE float, A-law and mu-law",
            String.format(Locale.ROOT, "format tag 0x%04X", tag));
    }
  }

  private static String codecName(int tag) {
    switch (tag) {
      case 0x0002:
        return "Microsoft ADPCM";
      case 0x0011:
        return "IMA ADPCM";
      case 0x0031:
        return "GSM 6.10";
      case 0x0050:
        return "MPEG audio";
      case 0x0055:
        return "MP3";
      case 0x0000:
        return "unknown format 0";
      default:
        return String.format(Locale.ROOT, "format tag 0x%04X", tag);
    }
  }

  private static String guid(byte[] b, int p) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 16; i++) s.append(String.format(Locale.ROOT, "%02x", b[p + i] & 0xff));
    return s.toString();
  }

  static int le16(byte[] b, int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
  }

  static int le32(byte[] b, int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | b[p + 3] << 24;
  }
}
