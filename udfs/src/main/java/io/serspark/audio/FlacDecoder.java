package io.serspark.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/**
 * FLAC through jflac-codec. jflac keeps all decoding state in the {@link FLACDecoder} instance (its
 * only statics are constant tables), so one decoder per file is safe on parallel executor threads.
 *
 * <p>jflac 1.5.2 does not check a frame's CRC-16 footer (a flipped byte decodes to wrong samples
 * without complaint) and skips frames it cannot parse. We check every frame's CRC-16 ourselves and
 * refuse the file on any damage, so a corrupt file never becomes a different or shorter utterance.
 *
 * <p>jflac also trusts every length in the metadata blocks (a damaged VORBIS_COMMENT length kept it
 * busy for ten seconds on a 2 KB file). We walk the metadata ourselves, check STREAMINFO, and hand
 * jflac only "fLaC", STREAMINFO and the audio frames: tags, pictures and seek tables are never
 * parsed.
 */
final class FlacDecoder {
  private static final String C = "FLAC";

  private FlacDecoder() {}

  static DecodedAudio decode(byte[] file, int magicOffset, DecodeBudget budget)
      throws AudioRejected {
    byte[] b = streamInfoAndFrames(file, magicOffset);
    try {
      FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(b));
      decoder.addFrameListener(new RefuseDamagedFrames());
      decoder.readMetadata();
      long frameStart = decoder.getTotalBytesRead();
      StreamInfo info = decoder.getStreamInfo();
      if (info == null)
        throw HeaderLimits.truncatedHeader(C, b.length, "before the STREAMINFO block");
      int channels = info.getChannels();
      int bits = info.getBitsPerSample();
      HeaderLimits.checkChannels(C, channels);
      HeaderLimits.checkRate(C, info.getSampleRate());
      long declared = info.getTotalSamples();
      if (declared > HeaderLimits.MAX_CHUNK_BYTES) {
        throw AudioRejected.decode(
            "the FLAC header declares " + declared + " samples per channel, too many to hold",
            "total_samples=" + declared);
      }
      int rate = info.getSampleRate();
      if (declared > 0) budget.admit(C, declared, rate);
      float[] mono =
          new float[(int) Math.min(Math.max(declared, 4096), 1 << 20)]; // grows; a header can lie
      int count = 0;
      double scale = 1.0 / (1L << (bits - 1)) / channels;
      Frame frame;
      while ((frame = decoder.readNextFrame()) != null) {
        int block = frame.header.blockSize;
        long frameEnd = decoder.getTotalBytesRead();
        checkCrc16(b, frameStart, frameEnd);
        frameStart = frameEnd;
        if (count + (long) block > HeaderLimits.MAX_CHUNK_BYTES) {
          throw AudioRejected.decode(
              "the FLAC stream holds more samples than can be held", "frames>" + count);
        }
        budget.admit(
            C, count + (long) block, rate); // constant subframes make tiny frames of many samples
        if (count + block > mono.length)
          mono = java.util.Arrays.copyOf(mono, Math.max(count + block, mono.length * 2));
        var data = decoder.getChannelData();
        for (int i = 0; i < block; i++) {
          long sum = 0;
          for (int c = 0; c < channels; c++) sum += data[c].getOutput()[i];
          mono[count + i] = (float) (sum * scale);
        }
        count += block;
      }
      if (decoder.getBadFrames() > 0) {
        throw AudioRejected.decode(
            "the FLAC stream is damaged: "
                + decoder.getBadFrames()
                + " frame(s) failed to decode or failed their checksum",
            "bad_frames=" + decoder.getBadFrames());
      }
      if (declared > 0 && count < declared) {
        throw AudioRejected.decode(
            "the FLAC audio data is truncated: the header declares "
                + declared
                + " samples per channel but only "
                + count
                + " are present",
            "declared=" + declared + " present=" + count);
      }
      int frames = declared > 0 ? (int) declared : count;
      if (frames == 0) throw HeaderLimits.noSamples(C);
      if (mono.length != frames) mono = java.util.Arrays.copyOf(mono, frames);
      return new DecodedAudio(
          mono, "flac", "flac", info.getSampleRate(), channels, bits, frames, true);
    } catch (DamagedFrame e) {
      throw AudioRejected.decode(
          "the FLAC stream is damaged: a frame failed to decode", e.getMessage());
    } catch (IOException | RuntimeException e) {
      throw AudioRejected.decode(
          "the FLAC stream could not be decoded",
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * Ends jflac's decoding at the first damaged frame. jflac 1.5.2's {@code readNextFrame} retries
   * after a frame that fails to decode, and on some damaged headers it finds the same sync code
   * again without consuming input: it loops forever (found by {@code AudioFuzzTest#flac}; {@code
   * FlacHangFindingTest}). It reports every such failure to its listeners before retrying, and
   * catches only its own checked exceptions, so an unchecked exception from here is the one way
   * out. We refuse a damaged file anyway, so the first failure decides. A lost sync is not a
   * failure here: its search consumes input and ends at the end of the stream.
   */
  private static final class RefuseDamagedFrames implements org.jflac.FrameListener {
    @Override
    public void processMetadata(org.jflac.metadata.Metadata metadata) {}

    @Override
    public void processFrame(Frame frame) {}

    @Override
    public void processError(String message) {
      if (message != null && message.contains("LOST_SYNC")) return;
      throw new DamagedFrame(message);
    }
  }

  /** Unchecked on purpose: jflac's retry loop catches its own checked exceptions only. */
  private static final class DamagedFrame extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DamagedFrame(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * "fLaC" + STREAMINFO (flagged as the last block) + the frames, after checking every block header
   * fits.
   */
  private static byte[] streamInfoAndFrames(byte[] b, int start) throws AudioRejected {
    int p = start + 4;
    int streamInfo = -1;
    while (true) {
      if (p + 4 > b.length)
        throw HeaderLimits.truncatedHeader(C, b.length, "inside the metadata blocks");
      boolean last = (b[p] & 0x80) != 0;
      int type = b[p] & 0x7f;
      int length = (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
      if (p + 4L + length > b.length) {
        throw HeaderLimits.truncatedHeader(
            C, b.length, "inside metadata block type " + type + " (" + length + " bytes declared)");
      }
      if (type == 0) {
        if (streamInfo >= 0 || length != 34) {
          throw AudioRejected.decode(
              "the FLAC header is corrupt: STREAMINFO must be one 34-byte block",
              "STREAMINFO length " + length);
        }
        streamInfo = p + 4;
      } else if (streamInfo < 0) {
        throw AudioRejected.decode(
            "the FLAC header is corrupt: it does not start with STREAMINFO",
            "first block type " + type);
      } else if (type == 127) {
        throw AudioRejected.decode("the FLAC header is corrupt: invalid metadata block type 127");
      }
      p += 4 + length;
      if (last) break;
    }
    int minBlock = (b[streamInfo] & 0xff) << 8 | (b[streamInfo + 1] & 0xff);
    int maxBlock = (b[streamInfo + 2] & 0xff) << 8 | (b[streamInfo + 3] & 0xff);
    int rate =
        (b[streamInfo + 10] & 0xff) << 12
            | (b[streamInfo + 11] & 0xff) << 4
            | (b[streamInfo + 12] & 0xf0) >> 4;
    int bits = (((b[streamInfo + 12] & 0x01) << 4) | ((b[streamInfo + 13] & 0xf0) >> 4)) + 1;
    if (minBlock < 16 || maxBlock < minBlock) {
      throw AudioRejected.decode(
          "the FLAC header is corrupt: block sizes "
              + minBlock
              + ".."
              + maxBlock
              + " are outside 16..65535",
          "min_block=" + minBlock + " max_block=" + maxBlock);
    }
    HeaderLimits.checkRate(C, rate);
    if (bits < 4)
      throw AudioRejected.decode(
          "the FLAC header gives " + bits + " bits per sample (4 to 32 are valid)");
    byte[] out = new byte[8 + 34 + b.length - p];
    System.arraycopy(b, start, out, 0, 4);
    out[4] = (byte) 0x80; // STREAMINFO, last block
    out[7] = 34;
    System.arraycopy(b, streamInfo, out, 8, 34);
    System.arraycopy(b, p, out, 42, b.length - p);
    return out;
  }

  /**
   * CRC-16 (polynomial 0x8005, init 0) over a frame, from its sync code to the 2-byte footer, must
   * match.
   */
  private static void checkCrc16(byte[] b, long start, long end) throws AudioRejected {
    int p = (int) start;
    // jflac skips anything before the next sync code (0xFFF8 / 0xFFF9); so do we.
    while (p + 1 < end && !((b[p] & 0xff) == 0xFF && ((b[p + 1] & 0xfe) == 0xF8))) p++;
    if (end - p < 4 || end > b.length) {
      throw AudioRejected.decode(
          "the FLAC stream is damaged: a frame could not be located",
          "frame bytes " + start + ".." + end);
    }
    int crc = 0;
    for (int i = p; i < end - 2; i++)
      crc = ((crc << 8) ^ CRC16[((crc >> 8) ^ b[i]) & 0xff]) & 0xffff;
    int stored = (b[(int) end - 2] & 0xff) << 8 | (b[(int) end - 1] & 0xff);
    if (crc != stored) {
      throw AudioRejected.decode(
          "the FLAC stream is damaged: a frame fails its checksum",
          String.format(
              java.util.Locale.ROOT,
              "CRC-16 %04x != stored %04x, frame at byte %d",
              crc,
              stored,
              p));
    }
  }

  private static final int[] CRC16 = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int c = i << 8;
      for (int k = 0; k < 8; k++) c = (c & 0x8000) != 0 ? (c << 1) ^ 0x8005 : c << 1;
      CRC16[i] = c & 0xffff;
    }
  }
}
