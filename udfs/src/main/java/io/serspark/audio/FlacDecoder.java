package io.serspark.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/**
 * FLAC through jflac-codec. jflac keeps all decoding state in the {@link FLACDecoder} instance (its only statics are
 * constant tables), so one decoder per file is safe on parallel executor threads. jflac silently skips frames that
 * fail their CRC; we count them and refuse the file instead, so a damaged file never becomes a shorter utterance.
 */
final class FlacDecoder {
  private static final String C = "FLAC";

  private FlacDecoder() {}

  static DecodedAudio decode(byte[] b) throws AudioRejected {
    try {
      FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(b));
      decoder.readMetadata();
      StreamInfo info = decoder.getStreamInfo();
      if (info == null) throw HeaderLimits.truncatedHeader(C, b.length, "before the STREAMINFO block");
      int channels = info.getChannels();
      int bits = info.getBitsPerSample();
      HeaderLimits.checkChannels(C, channels);
      HeaderLimits.checkRate(C, info.getSampleRate());
      long declared = info.getTotalSamples();
      if (declared > HeaderLimits.MAX_CHUNK_BYTES) {
        throw AudioRejected.decode("the FLAC header declares " + declared + " samples per channel, too many to hold",
            "total_samples=" + declared);
      }
      float[] mono = new float[(int) Math.max(declared, 4096)];
      int count = 0;
      double scale = 1.0 / (1L << (bits - 1)) / channels;
      Frame frame;
      while ((frame = decoder.readNextFrame()) != null) {
        int block = frame.header.blockSize;
        if (count + (long) block > HeaderLimits.MAX_CHUNK_BYTES) {
          throw AudioRejected.decode("the FLAC stream holds more samples than can be held", "frames>" + count);
        }
        if (count + block > mono.length) mono = java.util.Arrays.copyOf(mono, Math.max(count + block, mono.length * 2));
        var data = decoder.getChannelData();
        for (int i = 0; i < block; i++) {
          long sum = 0;
          for (int c = 0; c < channels; c++) sum += data[c].getOutput()[i];
          mono[count + i] = (float) (sum * scale);
        }
        count += block;
      }
      if (decoder.getBadFrames() > 0) {
        throw AudioRejected.decode("the FLAC stream is damaged: " + decoder.getBadFrames()
            + " frame(s) failed to decode or failed their checksum", "bad_frames=" + decoder.getBadFrames());
      }
      if (declared > 0 && count < declared) {
        throw AudioRejected.decode("the FLAC audio data is truncated: the header declares " + declared
            + " samples per channel but only " + count + " are present", "declared=" + declared + " present=" + count);
      }
      int frames = declared > 0 ? (int) declared : count;
      if (frames == 0) throw HeaderLimits.noSamples(C);
      if (mono.length != frames) mono = java.util.Arrays.copyOf(mono, frames);
      return new DecodedAudio(mono, "flac", "flac", info.getSampleRate(), channels, bits, frames, true);
    } catch (IOException | RuntimeException e) {
      throw AudioRejected.decode("the FLAC stream could not be decoded", e.getClass().getSimpleName() + ": "
          + e.getMessage());
    }
  }
}
