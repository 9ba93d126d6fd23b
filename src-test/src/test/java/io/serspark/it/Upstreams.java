package io.serspark.it;

import io.serspark.embed.bench.TorchReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real wav2vec2/HuBERT architectures for tests, built by scripts/export_upstream.py with Debian's
 * python3-torchaudio under src-test/target/upstreams (never committed: hundreds of MB at full
 * depth), and PyTorch's own reference outputs from scripts/torch_reference.py. CI installs
 * python3-torchaudio (.ci/run); without it these tests fail with the install line, they do not
 * skip.
 */
final class Upstreams {
  /**
   * Transformer layers kept in the test variants: same widths and feature encoder, a fraction of
   * the depth.
   */
  static final int LAYERS_KEPT = 2;

  private static final Map<String, Path> BUILT = new HashMap<>();

  private Upstreams() {}

  static Path dir() throws IOException {
    return Files.createDirectories(TestData.root().resolve("src-test/target/upstreams"));
  }

  /** The reduced-depth random-init variant of {@code arch} (seed 0), built once per test JVM. */
  static synchronized Path reduced(String arch) throws Exception {
    Path model = BUILT.get(arch);
    if (model == null) {
      model = dir().resolve(arch + "-" + LAYERS_KEPT + "l.pt");
      exportUpstream(
          "--arch",
          arch,
          "--random-init",
          "--seed",
          "0",
          "--layers-kept",
          String.valueOf(LAYERS_KEPT),
          "--out",
          model.toString());
      BUILT.put(arch, model);
    }
    return model;
  }

  /** Runs scripts/export_upstream.py; returns its output, failing on a non-zero exit. */
  static String exportUpstream(String... args) throws Exception {
    Result r = python("scripts/export_upstream.py", List.of(args));
    if (r.exit != 0)
      throw new AssertionError(
          "export_upstream.py " + String.join(" ", args) + " failed:\n" + r.output);
    return r.output;
  }

  /** PyTorch's hidden states [hidden states, frames, dim] of each wav, one at a time, unpadded. */
  static List<TorchReference> torchReference(Path model, List<Path> wavs) throws Exception {
    Path out = dir().resolve(model.getFileName() + ".reference");
    List<String> args =
        new ArrayList<>(List.of("--model", model.toString(), "--out-dir", out.toString()));
    for (Path w : wavs) args.add(w.toString());
    Result r = python("scripts/torch_reference.py", args);
    if (r.exit != 0) throw new AssertionError("torch_reference.py failed:\n" + r.output);
    return TorchReference.read(out);
  }

  record Result(int exit, String output) {}

  /**
   * Debian's python (python3-torch, python3-torchaudio); the pyenv python3 on PATH has no torch.
   */
  static Result python(String script, List<String> args) throws Exception {
    String python = System.getProperty("serspark.python", "/usr/bin/python3");
    List<String> cmd = new ArrayList<>(List.of(python, TestData.root().resolve(script).toString()));
    cmd.addAll(args);
    Path log = Files.createTempFile(dir(), "python", ".log");
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError(
          python
              + " cannot be started ("
              + e.getMessage()
              + "): install python3-torchaudio "
              + "(apt-get install python3-torch python3-torchaudio, as .ci/run does)",
          e);
    }
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " ran over 10 minutes");
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    if (out.contains("No module named 'torch")) {
      throw new AssertionError(
          python
              + " has no torch/torchaudio: apt-get install python3-torch python3-torchaudio "
              + "(as .ci/run does)\n"
              + out);
    }
    return new Result(p.exitValue(), out);
  }
}
