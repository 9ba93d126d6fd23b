package io.serspark.audio;

import java.nio.charset.StandardCharsets;

/**
 * AIFF and AIFF-C: big-endian signed PCM (any size up to 32 bits, left-justified in whole bytes),
 * and the AIFC compression types NONE/twos, sowt (little-endian), fl32, fl64, alaw and ulaw. Chunks
 * are padded to even sizes.
 */
final class AiffDecoder {
  private AiffDecoder() {}

  static DecodedAudio decode(byte[] b, boolean aifc, DecodeBudget budget) throws AudioRejected {
    String c = aifc ? "AIFF-C" : "AIFF";
    int n = b.length;
    if (n < 12) throw HeaderLimits.truncatedHeader(c, n, "inside the 12-byte FORM header");
    int pos = 12;
    boolean haveComm = false;
    int channels = 0;
    long frames = 0;
    int sampleSize = 0;
    int rate = 0;
    SampleFormat format = null;
    while (true) {
      if (pos + 8 > n) {
        throw HeaderLimits.truncatedHeader(
            c, n, haveComm ? "before the 'SSND' chunk" : "before the 'COMM' chunk");
      }
      String id = new String(b, pos, 4, StandardCharsets.ISO_8859_1);
      long size = be32(b, pos + 4) & 0xffffffffL;
      HeaderLimits.checkChunkSize(c, id, size, pos);
      int body = pos + 8;
      if (id.equals("COMM")) {
        int need = aifc ? 22 : 18;
        if (size < need)
          throw AudioRejected.decode(
              "the "
                  + c
                  + " 'COMM' chunk is "
                  + size
                  + " bytes, shorter than the "
                  + need
                  + " it needs",
              "COMM size=" + size);
        if (body + need > n) throw HeaderLimits.truncatedHeader(c, n, "inside the 'COMM' chunk");
        channels = (short) be16(b, body);
        frames = be32(b, body + 2) & 0xffffffffL;
        sampleSize = (short) be16(b, body + 6);
        double rateField = extended80(b, body + 8);
        HeaderLimits.checkChannels(c, channels);
        if (!(rateField >= HeaderLimits.MIN_SAMPLE_RATE_HZ
            && rateField <= HeaderLimits.MAX_SAMPLE_RATE_HZ)) {
          HeaderLimits.checkRate(c, Double.isNaN(rateField) ? 0 : (long) rateField);
        }
        // Old Mac rates like 22254.5454 Hz are not integers; the resampler needs an integer rate.
        rate = (int) Math.round(rateField);
        String compression =
            aifc ? new String(b, body + 18, 4, StandardCharsets.ISO_8859_1) : "NONE";
        format = formatFor(c, compression, sampleSize);
        if (format == SampleFormat.ALAW || format == SampleFormat.MULAW) sampleSize = 8;
        if (format.isFloat()) sampleSize = format.bytesPerSample * 8;
        haveComm = true;
      } else if (id.equals("SSND")) {
        if (!haveComm)
          throw AudioRejected.decode(
              "the " + c + " file has its 'SSND' chunk before the 'COMM' chunk",
              "SSND at byte " + pos);
        if (body + 8 > n)
          throw HeaderLimits.truncatedHeader(c, n, "inside the 'SSND' chunk header");
        long offset = be32(b, body) & 0xffffffffL;
        if (offset > size - 8)
          throw AudioRejected.decode(
              "the " + c + " 'SSND' chunk's data offset (" + offset + ") points past the chunk",
              "offset=" + offset + " size=" + size);
        if (frames == 0) throw HeaderLimits.noSamples(c);
        int blockAlign = channels * format.bytesPerSample;
        long declared = frames * blockAlign;
        long start = body + 8 + offset;
        long present = Math.max(0, Math.min(n - start, size - 8 - offset));
        if (declared > present) throw HeaderLimits.truncatedData(c, declared, present);
        if (declared > HeaderLimits.MAX_CHUNK_BYTES) {
          HeaderLimits.checkChunkSize(c, "SSND", declared, pos);
        }
        budget.admit(c, frames, rate);
        float[] mono = format.toMono(b, (int) start, (int) frames, channels);
        return new DecodedAudio(
            mono, aifc ? "aifc" : "aiff", format.codec, rate, channels, sampleSize, frames, true);
      }
      long next = body + size + (size & 1);
      if (next > n) {
        throw HeaderLimits.truncatedHeader(
            c, n, "inside the '" + HeaderLimits.printable(id) + "' chunk, before the 'SSND' chunk");
      }
      pos = (int) next;
    }
  }

  private static SampleFormat formatFor(String c, String compression, int sampleSize)
      throws AudioRejected {
    switch (compression) {
      case "NONE":
      case "twos":
        switch ((sampleSize + 7) / 8) {
          case 1:
            return SampleFormat.S8;
          case 2:
            return SampleFormat.S16BE;
          case 3:
            return SampleFormat.S24BE;
          case 4:
            return SampleFormat.S32BE;
          default:
            throw AudioRejected.decode(
                "the "
                    + c
                    + " file uses "
                    + sampleSize
                    + "-bit samples; 1 to 32 bits are supported",
                "sample_size=" + sampleSize);
        }
      case "sowt":
        switch ((sampleSize + 7) / 8) {
          case 2:
            return SampleFormat.S16LE;
          case 3:
            return SampleFormat.S24LE;
          case 4:
            return SampleFormat.S32LE;
          default:
            throw AudioRejected.decode(
                "the "
                    + c
                    + " file uses 'sowt' with "
                    + sampleSize
                    + "-bit samples; 16, 24 and 32 bits are supported",
                "sample_size=" + sampleSize);
        }
      case "fl32":
      case "FL32":
        return SampleFormat.F32BE;
      case "fl64":
      case "FL64":
        return SampleFormat.F64BE;
      case "alaw":
      case "ALAW":
        return SampleFormat.ALAW;
      case "ulaw":
      case "ULAW":
        return SampleFormat.MULAW;
      default:
        throw AudioRejected.decode(
            "the "
                + c
                + " file uses an unsupported compression type '"
                + HeaderLimits.printable(compression)
                + "'; supported are NONE, twos, sowt, fl32, fl64, alaw, ulaw",
            "compression type '" + HeaderLimits.printable(compression) + "'");
    }
  }

  /** IEEE 754 80-bit extended (the AIFF sample-rate field) to double. */
  static double extended80(byte[] b, int p) {
    int se = be16(b, p);
    long mantissa = 0;
    for (int i = 0; i < 8; i++) mantissa = (mantissa << 8) | (b[p + 2 + i] & 0xff);
    int exponent = se & 0x7fff;
    if (exponent == 0 && mantissa == 0) return 0;
    if (exponent == 0x7fff) return Double.NaN;
    double m =
        (mantissa >>> 11) * 0x1p-52
            + (mantissa & 0x7ff) * 0x1p-63; // mantissa / 2^63, both parts exact
    double v = Math.scalb(m, exponent - 16383);
    return (se & 0x8000) != 0 ? -v : v;
  }

  static int be16(byte[] b, int p) {
    return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
  }

  static int be32(byte[] b, int p) {
    return b[p] << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
  }
}
