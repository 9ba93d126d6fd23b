package io.serspark.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tiny encoders made by scripts/make_tiny_encoder.py and their Python reference files. */
final class TinyModels {
  static final String LENGTHS = "tiny-ssl-lengths";
  static final String GROUP_NORM = "tiny-ssl-groupnorm";

  private TinyModels() {}

  static Path file(String name) {
    try {
      return Path.of(TinyModels.class.getResource("/models/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path model(String model) {
    return file(model + ".pt");
  }

  static float[] floats(String name) {
    try {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file(name))).order(ByteOrder.LITTLE_ENDIAN);
      float[] out = new float[b.remaining() / 4];
      b.asFloatBuffer().get(out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** key=value lines of {@code <model>.ref.txt}. */
  static Map<String, String> reference(String model) {
    try {
      Map<String, String> m = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file(model + ".ref.txt"))) {
        if (line.startsWith("#") || !line.contains("=")) continue;
        m.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int[] ints(String csv) {
    String[] p = csv.split(",");
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) out[i] = Integer.parseInt(p[i].trim());
    return out;
  }

  static double[] doubles(String csv) {
    String[] p = csv.split(",");
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) out[i] = Double.parseDouble(p[i].trim());
    return out;
  }

  /** A speech-like test waveform, deterministic, quantised like the utterances table's PCM16. */
  static float[] waveform(int n, long seed) {
    java.util.Random r = new java.util.Random(seed);
    float[] x = new float[n];
    double phase = 0;
    double f0 = 100 + 25 * (seed % 7);
    for (int i = 0; i < n; i++) {
      double t = i / 16000.0;
      phase += 2 * Math.PI * (f0 + 10 * Math.sin(2 * Math.PI * 2.5 * t)) / 16000.0;
      double v = 0.25 * Math.sin(phase) + 0.1 * Math.sin(2 * phase + 0.5) + 0.03 * r.nextGaussian();
      v *= 0.5 + 0.5 * Math.sin(2 * Math.PI * 0.7 * t + seed); // syllable-like loudness changes
      x[i] = Math.round(v * 32767.0) / 32768f;
    }
    return x;
  }
}
