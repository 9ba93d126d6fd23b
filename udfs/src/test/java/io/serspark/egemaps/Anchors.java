package io.serspark.egemaps;

import io.serspark.audio.AudioConverter;
import io.serspark.audio.AudioRejected;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test access to {@code shared/anchors/opensmile-egemaps} and {@code shared/corpora} (read-only).
 */
final class Anchors {
  private Anchors() {}

  /**
   * The folder that holds {@code shared/}: system property serspark.root, else walk up from the
   * cwd.
   */
  static Path root() {
    String prop = System.getProperty("serspark.root");
    if (prop != null) return Path.of(prop);
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isDirectory(p.resolve("shared/corpora"))) return p;
      if (Files.isDirectory(p.resolveSibling("shared").resolve("corpora"))) return p.getParent();
      p = p.getParent();
    }
    throw new IllegalStateException(
        "cannot find shared/corpora above "
            + Path.of("").toAbsolutePath()
            + "; set -Dserspark.root");
  }

  static Path egemaps() {
    return root().resolve("shared/anchors/opensmile-egemaps");
  }

  static Path emodbWav(String name) {
    return root().resolve("shared/corpora/emodb/wav").resolve(name + ".wav");
  }

  /** A comma-separated numeric table: header names and columns. */
  record Table(List<String> header, List<String> firstColumn, double[][] columns) {
    int rows() {
      return firstColumn.size();
    }

    double[] column(String name) {
      int i = header.indexOf(name);
      if (i < 0) throw new IllegalArgumentException("no column " + name + " in " + header);
      return columns[i];
    }

    float[] floats(int column, int rows) {
      float[] f = new float[rows];
      for (int r = 0; r < rows; r++) f[r] = (float) columns[column][r];
      return f;
    }
  }

  /** Reads a CSV whose first column may be text (file names); all other columns numeric. */
  static Table csv(Path path) {
    try {
      List<String> lines = Files.readAllLines(path);
      List<String> header = List.of(lines.get(0).split(","));
      List<String> first = new ArrayList<>();
      double[][] cols = new double[header.size()][lines.size() - 1];
      for (int r = 1; r < lines.size(); r++) {
        String[] f = lines.get(r).split(",");
        first.add(f[0]);
        for (int c = 0; c < f.length; c++) {
          cols[c][r - 1] = c == 0 && !looksNumeric(f[0]) ? Double.NaN : Double.parseDouble(f[c]);
        }
      }
      return new Table(header, first, cols);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean looksNumeric(String s) {
    return !s.isEmpty()
        && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')
        && !s.contains("/");
  }

  /** openSMILE's functionals rows keyed by file (e.g. {@code wav/03a01Fa.wav}), 88 values each. */
  static Map<String, double[]> functionals(String csvName) {
    Table t = csv(egemaps().resolve(csvName));
    Map<String, double[]> rows = new LinkedHashMap<>();
    for (int r = 0; r < t.rows(); r++) {
      double[] v = new double[t.header().size() - 1];
      for (int c = 1; c < t.header().size(); c++) v[c - 1] = t.columns()[c][r];
      rows.put(t.firstColumn().get(r), v);
    }
    return rows;
  }

  /**
   * 16-bit PCM samples of a WAV file, read by the ingest decoders (bit-exact for the anchors' 16
   * kHz mono 16-bit files).
   */
  static short[] wav(Path path) {
    try {
      return new AudioConverter().convert(Files.readAllBytes(path)).pcm16();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (AudioRejected e) {
      throw new IllegalStateException(path + ": " + e.getMessage(), e);
    }
  }
}
