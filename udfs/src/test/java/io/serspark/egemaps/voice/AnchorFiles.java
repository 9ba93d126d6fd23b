package io.serspark.egemaps.voice;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Locates {@code shared/} and reads the small reference files the voice tests use. */
final class AnchorFiles {
  private AnchorFiles() {}

  /**
   * The project root's sibling {@code shared/} folder (system property {@code serspark.root} wins).
   */
  static Path shared() {
    String root = System.getProperty("serspark.root");
    if (root != null) {
      return Path.of(root).resolve("shared");
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isDirectory(p.resolve("shared/corpora"))) {
        return p.resolve("shared");
      }
      p = p.getParent();
    }
    throw new IllegalStateException(
        "no shared/corpora found above "
            + Path.of("").toAbsolutePath()
            + "; set -Dserspark.root=<folder containing shared/>");
  }

  static Path anchors() {
    return shared().resolve("anchors/opensmile-egemaps");
  }

  /** 16-bit PCM mono WAV → samples / 32767 (openSMILE's scaling). */
  static float[] readWav(Path wav) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
      throw new IOException(wav + ": not a RIFF/WAVE file");
    }
    int pos = 12;
    int channels = 0;
    int bits = 0;
    while (pos + 8 <= b.limit()) {
      int id = b.getInt(pos);
      int size = b.getInt(pos + 4);
      if (id == 0x20746D66) { // "fmt "
        channels = b.getShort(pos + 10);
        bits = b.getShort(pos + 22);
      } else if (id == 0x61746164) { // "data"
        if (channels != 1 || bits != 16) {
          throw new IOException(
              wav + ": need 16-bit mono PCM, got " + channels + " ch " + bits + " bit");
        }
        int n = Math.min(size, b.limit() - pos - 8) / 2;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
          x[i] = (float) b.getShort(pos + 8 + 2 * i) / 32767.0f;
        }
        return x;
      }
      pos += 8 + size + (size & 1);
    }
    throw new IOException(wav + ": no data chunk");
  }

  /** A numeric CSV with a header row: returns header and rows. */
  static List<String[]> readCsv(Path csv) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(csv)) {
      if (!line.isBlank()) {
        rows.add(line.split(","));
      }
    }
    return rows;
  }
}
