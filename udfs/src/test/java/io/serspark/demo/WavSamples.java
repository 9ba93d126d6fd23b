package io.serspark.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test-side RIFF/WAVE reader that walks every chunk and checks the header fields, independent of
 * the writer, so a writer bug cannot hide behind a reader that shares it.
 */
record WavSamples(
    int sampleRateHz,
    int channels,
    int bits,
    int byteRate,
    int blockAlign,
    double[] samples,
    String comment) {

  static WavSamples read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (!tag(b).equals("RIFF")) throw new IOException(file + ": no RIFF tag");
    int riffSize = b.getInt();
    if (riffSize != b.capacity() - 8)
      throw new IOException(file + ": RIFF size " + riffSize + " != file size - 8");
    if (!tag(b).equals("WAVE")) throw new IOException(file + ": not WAVE");
    int rate = -1;
    int channels = -1;
    int bits = -1;
    int byteRate = -1;
    int blockAlign = -1;
    double[] samples = null;
    String comment = null;
    while (b.remaining() >= 8) {
      String id = tag(b);
      int size = b.getInt();
      int start = b.position();
      switch (id) {
        case "fmt " -> {
          if (b.getShort() != 1) throw new IOException(file + ": not PCM");
          channels = b.getShort();
          rate = b.getInt();
          byteRate = b.getInt();
          blockAlign = b.getShort();
          bits = b.getShort();
        }
        case "data" -> {
          samples = new double[size / 2];
          for (int i = 0; i < samples.length; i++) samples[i] = b.getShort() / 32768.0;
        }
        case "LIST" -> {
          if (!tag(b).equals("INFO")) break;
          while (b.position() < start + size) {
            String sub = tag(b);
            int subSize = b.getInt();
            byte[] text = new byte[subSize];
            b.get(text);
            if (sub.equals("ICMT"))
              comment = new String(text, StandardCharsets.US_ASCII).replace("\0", "");
            if ((subSize & 1) == 1) b.get();
          }
        }
        default -> {}
      }
      b.position(start + size + (size & 1));
    }
    if (samples == null || rate < 0) throw new IOException(file + ": missing fmt or data chunk");
    return new WavSamples(rate, channels, bits, byteRate, blockAlign, samples, comment);
  }

  private static String tag(ByteBuffer b) {
    byte[] t = new byte[4];
    b.get(t);
    return new String(t, StandardCharsets.US_ASCII);
  }
}
