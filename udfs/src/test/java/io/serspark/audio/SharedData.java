package io.serspark.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read-only corpora and anchors in ../shared, found from the working directory or
 * -Dserspark.root.
 */
final class SharedData {
  private SharedData() {}

  static Path shared() {
    String root = System.getProperty("serspark.root");
    if (root != null) return Path.of(root).toAbsolutePath().getParent().resolve("shared");
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (p.getParent() != null && Files.isDirectory(p.getParent().resolve("shared/corpora"))) {
        return p.getParent().resolve("shared");
      }
    }
    throw new IllegalStateException(
        "../shared/corpora not found above " + Path.of("").toAbsolutePath());
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] fixture(String name) {
    try (var in = SharedData.class.getResourceAsStream("/audio/" + name)) {
      if (in == null) throw new IllegalStateException("missing test resource /audio/" + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The int16 samples of a canonical or chunked 16-bit PCM WAV, parsed independently of the code
   * under test.
   */
  static short[] pcm16Of(byte[] wav) {
    int p = 12;
    while (!(wav[p] == 'd' && wav[p + 1] == 'a' && wav[p + 2] == 't' && wav[p + 3] == 'a')) {
      int size =
          (wav[p + 4] & 0xff)
              | (wav[p + 5] & 0xff) << 8
              | (wav[p + 6] & 0xff) << 16
              | wav[p + 7] << 24;
      p += 8 + size + (size & 1);
    }
    int size =
        (wav[p + 4] & 0xff)
            | (wav[p + 5] & 0xff) << 8
            | (wav[p + 6] & 0xff) << 16
            | wav[p + 7] << 24;
    short[] s = new short[size / 2];
    for (int i = 0; i < s.length; i++)
      s[i] = (short) ((wav[p + 8 + 2 * i] & 0xff) | (wav[p + 9 + 2 * i] << 8));
    return s;
  }
}
