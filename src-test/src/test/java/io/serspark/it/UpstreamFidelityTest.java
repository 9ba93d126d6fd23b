package io.serspark.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.bench.AudioFolder;
import io.serspark.embed.DeviceChoice;
import io.serspark.embed.Embedder;
import io.serspark.embed.ModelInput;
import io.serspark.embed.ModelRunner;
import io.serspark.embed.ModelSpec;
import io.serspark.embed.Pooling;
import io.serspark.embed.UtteranceEmbedding;
import io.serspark.embed.bench.TorchReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real upstream architectures (two base, one large; reduced depth: their full widths and feature
 * encoders, 2 of their 12/24 transformer layers) computed by DJL's libtorch 2.7.1 inside the
 * embedder equal PyTorch's own output (Debian torch 1.13 running the same TorchScript file), hidden
 * state by hidden state, on real EmoDB utterances of unequal length; the `lengths` models give the
 * same embeddings batched as one at a time.
 */
class UpstreamFidelityTest {
  /** max |DJL - PyTorch| / max |PyTorch| per hidden state (issue 22). */
  static final double RELATIVE_TOLERANCE = 1e-4;

  /** 1.23 s, 1.43 s, 1.90 s: unequal lengths, short enough for Debian torch's generic BLAS. */
  static final List<String> UTTERANCES = List.of("12a02Ac.wav", "14a02Nc.wav", "03a01Fa.wav");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "wav2vec2_base, waveform, 768",
    "hubert_base, waveform, 768",
    "wav2vec2_large_lv60k, lengths, 1024"
  })
  void everyHiddenStateMatchesPyTorchAndBatchingChangesNothing(String arch, String input, int dim)
      throws Exception {
    Path model = Upstreams.reduced(arch);
    ModelSpec spec = ModelSpec.read(model);
    assertEquals(input, spec.input().key(), arch + ": contract input kind");
    assertEquals(
        Upstreams.LAYERS_KEPT + 1,
        spec.hiddenStates(),
        arch + ": transformer input + every kept layer");
    assertEquals(dim, spec.dim(), arch + ": hidden size");
    List<Path> paths =
        UTTERANCES.stream().map(u -> TestData.emodb().resolve("wav").resolve(u)).toList();
    List<float[]> wavs = new ArrayList<>();
    for (Path p : paths) wavs.add(AudioFolder.waveform(p));
    List<TorchReference> refs = Upstreams.torchReference(model, paths);

    double worstFrames = 0;
    double worstPooled = 0;
    try (ModelRunner runner = ModelRunner.open(model, spec, DeviceChoice.CPU)) {
      for (int u = 0; u < wavs.size(); u++) {
        double[] rel = refs.get(u).compare(runner); // fails on a frame count that differs
        for (int l = 0; l < rel.length; l++) {
          worstFrames = Math.max(worstFrames, rel[l]);
          assertTrue(
              rel[l] <= RELATIVE_TOLERANCE,
              String.format(
                  Locale.ROOT,
                  "%s %s hidden state %d: max |DJL - PyTorch| / max |PyTorch| = %.2e > %.0e",
                  arch,
                  UTTERANCES.get(u),
                  l,
                  rel[l],
                  RELATIVE_TOLERANCE));
        }
      }

      // the embedder's way: lengths models put the three unequal utterances in one padded batch
      int[] layers = IntStream.range(0, spec.hiddenStates()).toArray();
      Embedder embedder =
          new Embedder(spec, layers, List.of(Pooling.MEAN), 320_000, 16_000, 960_000);
      List<UtteranceEmbedding> pooled = embedder.embed(wavs, runner);
      assertEquals(
          spec.input() == ModelInput.LENGTHS ? 1 : wavs.size(),
          embedder.batchesRun(),
          arch
              + ": batches (lengths models batch unequal lengths; waveform models run them one at a time)");
      if (spec.input() == ModelInput.LENGTHS)
        assertTrue(embedder.paddingFraction() > 0.1, "the batch was padded");
      for (int u = 0; u < wavs.size(); u++) {
        for (int l = 0; l < spec.hiddenStates(); l++) {
          float[] expected = framesMean(refs.get(u), l, dim);
          double rel =
              TorchReference.relativeDiff(
                  pooled.get(u).vector(l, Pooling.MEAN), 0, expected, 0, dim);
          worstPooled = Math.max(worstPooled, rel);
          assertTrue(
              rel <= RELATIVE_TOLERANCE,
              String.format(
                  Locale.ROOT,
                  "%s %s hidden state %d, mean pooled by "
                      + "the embedder (%d batch(es)) vs PyTorch one at a time: %.2e > %.0e",
                  arch,
                  UTTERANCES.get(u),
                  l,
                  embedder.batchesRun(),
                  rel,
                  RELATIVE_TOLERANCE));
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s (%d layers kept): DJL vs PyTorch, worst hidden state %.2e relative; "
            + "embedder's mean pooling (%s) vs PyTorch one at a time %.2e%n",
        arch,
        Upstreams.LAYERS_KEPT,
        worstFrames,
        spec.input() == ModelInput.LENGTHS ? "one padded batch" : "one at a time",
        worstPooled);
  }

  @Test
  void aStateDictCheckpointExportsTheSameNetworkAndAWrongOneIsRefused() throws Exception {
    Path dir = Upstreams.dir();
    Path random = dir.resolve("hubert_base-roundtrip-random.pt");
    Path state = dir.resolve("hubert_base-roundtrip.state.pt");
    Path fromCheckpoint = dir.resolve("hubert_base-roundtrip-checkpoint.pt");
    Upstreams.exportUpstream(
        "--arch",
        "hubert_base",
        "--random-init",
        "--seed",
        "7",
        "--layers-kept",
        "1",
        "--save-state-dict",
        state.toString(),
        "--out",
        random.toString());
    Upstreams.exportUpstream(
        "--arch",
        "hubert_base",
        "--checkpoint",
        state.toString(),
        "--layers-kept",
        "1",
        "--out",
        fromCheckpoint.toString());
    ModelSpec a = ModelSpec.read(random);
    ModelSpec b = ModelSpec.read(fromCheckpoint);
    float[] w = AudioFolder.waveform(TestData.emodb().resolve("wav").resolve(UTTERANCES.get(0)));
    float[] ha;
    float[] hb;
    try (ModelRunner ra = ModelRunner.open(random, a, DeviceChoice.CPU)) {
      ha = ra.encode(w, 1, w.length, new int[] {w.length}).hidden();
    }
    try (ModelRunner rb = ModelRunner.open(fromCheckpoint, b, DeviceChoice.CPU)) {
      hb = rb.encode(w, 1, w.length, new int[] {w.length}).hidden();
    }
    assertArrayEquals(
        ha, hb, "random-init export vs the export of its saved state dict: identical outputs");

    // the same weights under an architecture they do not fit: one message, no file
    Path wrong = dir.resolve("lv60k-from-hubert-base.pt");
    Upstreams.Result r =
        Upstreams.python(
            "scripts/export_upstream.py",
            List.of(
                "--arch",
                "wav2vec2_large_lv60k",
                "--checkpoint",
                state.toString(),
                "--out",
                wrong.toString()));
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("does not fit --arch wav2vec2_large_lv60k"), r.output());
    assertTrue(
        !wrong.toFile().exists(), "no model file written for a checkpoint that does not fit");
  }

  /**
   * Mean over the frames of hidden state {@code layer} of a [layers, frames, dim] reference, in
   * double.
   */
  static float[] framesMean(TorchReference ref, int layer, int dim) {
    double[] sum = new double[dim];
    int base = layer * ref.frames() * dim;
    for (int f = 0; f < ref.frames(); f++) {
      for (int d = 0; d < dim; d++) sum[d] += ref.hidden()[base + f * dim + d];
    }
    float[] mean = new float[dim];
    for (int d = 0; d < dim; d++) mean[d] = (float) (sum[d] / ref.frames());
    return mean;
  }
}
