package io.serspark.embed.bench;

import io.serspark.bench.AudioFolder;
import io.serspark.embed.DeviceChoice;
import io.serspark.embed.EncoderOutput;
import io.serspark.embed.ModelRunner;
import io.serspark.embed.ModelSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PyTorch's own hidden states of utterances, one at a time, as scripts/torch_reference.py writes
 * them ({@code reference.txt}: {@code <i> <samples> <frames> <wav path>} per line; {@code <i>.f32}:
 * [hidden states, frames, dim] float32 LE), and the comparison DJL's output must pass (issue 22:
 * max |DJL - PyTorch| / max |PyTorch| per hidden state). Used by UpstreamFidelityTest on
 * reduced-depth models and by {@link #main} at full size.
 *
 * <pre>
 * /usr/bin/python3 scripts/torch_reference.py --model M.pt --out-dir D a.wav b.wav ...
 * java -Dai.djl.offline=true -cp bench/target/classes:$(cat bench/target/cp.txt) io.serspark.embed.bench.TorchReference M.pt D
 * </pre>
 */
public record TorchReference(Path wav, int samples, int frames, float[] hidden) {

  public static List<TorchReference> read(Path dir) throws IOException {
    List<TorchReference> refs = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("reference.txt"))) {
      String[] f = line.trim().split(" ", 4);
      ByteBuffer b =
          ByteBuffer.wrap(Files.readAllBytes(dir.resolve(f[0] + ".f32")))
              .order(ByteOrder.LITTLE_ENDIAN);
      float[] hidden = new float[b.remaining() / 4];
      b.asFloatBuffer().get(hidden);
      refs.add(
          new TorchReference(
              Path.of(f[3]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), hidden));
    }
    return refs;
  }

  /** max |a - b| / max |b| over n values from the offsets. */
  public static double relativeDiff(float[] a, int aFrom, float[] b, int bFrom, int n) {
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < n; i++) {
      diff = Math.max(diff, Math.abs(a[aFrom + i] - b[bFrom + i]));
      scale = Math.max(scale, Math.abs(b[bFrom + i]));
    }
    return diff / scale;
  }

  /**
   * DJL's hidden states of this utterance (one at a time, unpadded) against PyTorch's: the relative
   * difference of each hidden state; a frame count that differs is an error.
   */
  public double[] compare(ModelRunner runner) throws IOException {
    float[] w = AudioFolder.waveform(wav);
    if (w.length != samples) {
      throw new IllegalStateException(
          wav + ": Java reads " + w.length + " samples, PyTorch read " + samples);
    }
    EncoderOutput out = runner.encode(w, 1, w.length, new int[] {w.length});
    if (out.validFrames()[0] != frames) {
      throw new IllegalStateException(
          wav + ": DJL gives " + out.validFrames()[0] + " frames, PyTorch " + frames);
    }
    int per = frames * out.dim();
    double[] rel = new double[out.layers()];
    for (int l = 0; l < rel.length; l++)
      rel[l] = relativeDiff(out.hidden(), l * per, hidden, l * per, per);
    return rel;
  }

  /** Prints the worst relative difference per hidden state over the references of a folder. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println(
          "usage: TorchReference <model.pt> <folder written by scripts/torch_reference.py>");
      System.exit(2);
    }
    Path model = Path.of(args[0]);
    ModelSpec spec = ModelSpec.read(model);
    List<TorchReference> refs = read(Path.of(args[1]));
    double[] worst = new double[spec.hiddenStates()];
    try (ModelRunner runner = ModelRunner.open(model, spec, DeviceChoice.CPU)) {
      for (TorchReference r : refs) {
        double[] rel = r.compare(runner);
        for (int l = 0; l < worst.length; l++) worst[l] = Math.max(worst[l], rel[l]);
      }
    }
    StringBuilder s = new StringBuilder();
    double max = 0;
    for (double v : worst) {
      s.append(String.format(Locale.ROOT, " %.1e", v));
      max = Math.max(max, v);
    }
    System.out.printf(
        Locale.ROOT,
        "%s, %d utterances: max |DJL - PyTorch| / max |PyTorch| per hidden state 0..%d:%s; "
            + "worst %.2e (target 1e-4: %s)%n",
        model.getFileName(),
        refs.size(),
        worst.length - 1,
        s,
        max,
        max <= 1e-4 ? "met" : "NOT met");
  }
}
