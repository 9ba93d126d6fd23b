package io.serspark.egemaps.voice;

import io.serspark.audio.AudioConverter;
import io.serspark.audio.AudioRejected;
import java.io.IOException;
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

  /**
   * A 16 kHz 16-bit mono WAV, read by the ingest decoders (bit-exact for such files) → samples /
   * 32767 (openSMILE's scaling).
   */
  static float[] readWav(Path wav) throws IOException {
    short[] pcm;
    try {
      pcm = new AudioConverter().convert(Files.readAllBytes(wav)).pcm16();
    } catch (AudioRejected e) {
      throw new IOException(wav + ": " + e.getMessage(), e);
    }
    float[] x = new float[pcm.length];
    for (int i = 0; i < x.length; i++) x[i] = (float) pcm[i] / 32767.0f;
    return x;
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
