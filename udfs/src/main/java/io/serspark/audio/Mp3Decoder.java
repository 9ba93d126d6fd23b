package io.serspark.audio;

import java.io.ByteArrayInputStream;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.SampleBuffer;

/**
 * MPEG audio (layer III, also I/II) through JLayer, with LAME gapless trimming.
 *
 * <p>Thread safety: JLayer fills two static tables lazily and without locking the first time a
 * decoder decodes a frame ({@code LayerIIIDecoder.reorder_table}, {@code SynthesisFilter.d/d16}); a
 * second thread can see them half built. Every decoder's first frame (and first frame of any new
 * layer) therefore runs under one lock, which also publishes the finished tables to every thread
 * that decodes later.
 */
final class Mp3Decoder {
  private static final String C = "MP3";
  private static final Object JLAYER_TABLES = new Object();

  /** mpg123/LAME's decoder delay: the synthesis filterbank's 528 samples plus 1. */
  static final int DECODER_DELAY = 529;

  /**
   * JLayer scales its output by 32700 (not 32768); dividing by the same gives back the encoder's
   * level.
   */
  private static final float JLAYER_SCALE = 32700f;

  private Mp3Decoder() {}

  static DecodedAudio decode(byte[] b, int firstFrame, DecodeBudget budget) throws AudioRejected {
    MpegFrameHeader first = MpegFrameHeader.parse(b, firstFrame);
    if (first == null) throw AudioRejected.decode("the MP3 stream has no valid first frame header");
    LameTag tag = LameTag.find(b, firstFrame, first);
    int channels = first.mono() ? 1 : 2;
    int rate = first.sampleRateHz();
    String codec = first.layer() == 3 ? "mp3" : "mp" + first.layer();
    float[] mono = new float[1 << 16];
    int count = 0;
    long frameCount = 0;
    try {
      Bitstream stream = new Bitstream(new ByteArrayInputStream(b));
      Decoder decoder = new Decoder();
      Header h;
      boolean skipTagFrame = tag != null;
      int lastLayer = -1;
      while ((h = stream.readFrame()) != null) {
        SampleBuffer out;
        // JLayer builds a layer's decoder (and those tables) on the first frame of that layer.
        if (h.layer() != lastLayer) {
          lastLayer = h.layer();
          synchronized (JLAYER_TABLES) {
            out = (SampleBuffer) decoder.decodeFrame(h, stream);
          }
        } else {
          out = (SampleBuffer) decoder.decodeFrame(h, stream);
        }
        stream.closeFrame();
        frameCount++;
        if (skipTagFrame) { // the Xing/Info frame carries the tag, not audio
          skipTagFrame = false;
          continue;
        }
        int outChannels = out.getChannelCount();
        int samples = out.getBufferLength() / outChannels;
        budget.admit(C, count + (long) samples, rate);
        if (count + samples > mono.length)
          mono = java.util.Arrays.copyOf(mono, Math.max(count + samples, mono.length * 2));
        short[] s = out.getBuffer();
        if (outChannels == 1) {
          for (int i = 0; i < samples; i++) mono[count + i] = s[i] * (1f / JLAYER_SCALE);
        } else {
          for (int i = 0; i < samples; i++) {
            mono[count + i] = (s[2 * i] + s[2 * i + 1]) * (0.5f / JLAYER_SCALE);
          }
        }
        count += samples;
      }
    } catch (JavaLayerException | RuntimeException e) {
      throw AudioRejected.decode(
          "the MP3 stream could not be decoded (frame " + frameCount + ")",
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    boolean trimmed = false;
    int start = 0;
    int end = count;
    if (tag != null && tag.frames() > 0) {
      long audioFrames =
          tag.frames(); // LAME's count excludes the tag frame (checked against lame 3.100 output)
      long decodedFrames = frameCount - 1;
      if (decodedFrames < audioFrames) {
        throw AudioRejected.decode(
            "the MP3 audio data is truncated: its Xing/Info tag declares "
                + audioFrames
                + " audio frames but only "
                + decodedFrames
                + " are present",
            "declared_frames=" + audioFrames + " present_frames=" + decodedFrames);
      }
      if (tag.hasLame()) {
        long total = audioFrames * first.samplesPerFrame() - tag.encoderDelay() - tag.padding();
        int skip = tag.encoderDelay() + DECODER_DELAY;
        if (total > 0 && skip + total <= count) {
          start = skip;
          end = (int) (skip + total);
          trimmed = true;
        }
      }
    }
    if (end - start <= 0) throw HeaderLimits.noSamples(C);
    float[] result = java.util.Arrays.copyOfRange(mono, start, end);
    return new DecodedAudio(result, "mp3", codec, rate, channels, 0, result.length, trimmed);
  }
}
