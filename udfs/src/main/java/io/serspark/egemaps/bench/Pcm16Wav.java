package io.serspark.egemaps.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Minimal reader for 16-bit PCM RIFF/WAVE files (the benchmark's and tests' input); channels are
 * averaged.
 */
public final class Pcm16Wav {
  private Pcm16Wav() {}

  public static short[] read(Path path) throws IOException {
    byte[] b = Files.readAllBytes(path);
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    if (b.length < 12 || !new String(b, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")) {
      throw new IOException(path + ": not a RIFF/WAVE file");
    }
    int channels = 1;
    int bits = 16;
    int pos = 12;
    while (pos + 8 <= b.length) {
      String id = new String(b, pos, 4, StandardCharsets.US_ASCII);
      int size = bb.getInt(pos + 4);
      if (id.equals("fmt ")) {
        channels = bb.getShort(pos + 10);
        bits = bb.getShort(pos + 22);
      } else if (id.equals("data")) {
        if (bits != 16)
          throw new IOException(path + ": " + bits + "-bit samples, expected 16-bit PCM");
        int n = Math.min(size, b.length - pos - 8) / 2 / channels;
        short[] x = new short[n];
        for (int i = 0; i < n; i++) {
          int sum = 0;
          for (int c = 0; c < channels; c++) sum += bb.getShort(pos + 8 + 2 * (i * channels + c));
          x[i] = (short) (sum / channels);
        }
        return x;
      }
      pos += 8 + size + (size & 1);
    }
    throw new IOException(path + ": no data chunk");
  }
}
