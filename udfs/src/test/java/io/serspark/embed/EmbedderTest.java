package io.serspark.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An utterance's embedding must not depend on what it was batched with: for every utterance of a
 * mixed-length set (shorter than the receptive field, ordinary, and longer than a window), the
 * batched path equals embedding it alone within 1e-4, for both kinds of model.
 */
class EmbedderTest {
  private static final List<Pooling> BOTH = List.of(Pooling.MEAN, Pooling.STD);
  private static final int WINDOW = 48_000; // 3 s, so that the long ones are windowed
  private static final int OVERLAP = 8_000;

  @Test
  void lengthsModelBatchedEqualsOneAtATime() {
    int[] lengths = {300, 345, 4000, 11234, 16000, 23456, 23457, 48000, 90000, 131_111};
    assertBatchedEqualsSingle(TinyModels.LENGTHS, lengths, 200_000, 0.25);
  }

  @Test
  void groupNormModelBatchedEqualsOneAtATime() {
    // equal lengths appear in real corpora (fixed-length clips, windows of long utterances)
    int[] lengths = {4000, 4000, 11234, 11234, 11234, 300, 16000, 90000, 48000, 131_111};
    double padding = assertBatchedEqualsSingle(TinyModels.GROUP_NORM, lengths, 200_000, 0.0);
    assertEquals(0.0, padding, "a mask-less model is never fed padding");
  }

  @Test
  void paddingChangesTheGroupNormModelSoTheEqualLengthRuleMatters() {
    ModelSpec spec = ModelSpec.read(TinyModels.model(TinyModels.GROUP_NORM));
    float[] x = TinyModels.waveform(4000, 3);
    try (ModelRunner runner =
        ModelRunner.open(TinyModels.model(TinyModels.GROUP_NORM), spec, DeviceChoice.CPU)) {
      EncoderOutput alone = runner.encode(x, 1, 4000, new int[] {4000});
      float[] padded = new float[11234];
      System.arraycopy(x, 0, padded, 0, 4000);
      EncoderOutput inBatch = runner.encode(padded, 1, 11234, new int[] {4000});
      double maxDiff = 0;
      for (int l = 0; l < alone.layers(); l++) {
        for (int f = 0; f < alone.frames(); f++) {
          for (int d = 0; d < alone.dim(); d++) {
            float a = alone.hidden()[(l * alone.frames() + f) * alone.dim() + d];
            float b = inBatch.hidden()[(l * inBatch.frames() + f) * inBatch.dim() + d];
            maxDiff = Math.max(maxDiff, Math.abs(a - b));
          }
        }
      }
      assertTrue(
          maxDiff > 0.1,
          "zero padding should change a group-norm encoder's frames; max diff " + maxDiff);
    }
  }

  @Test
  void pooledLastLayerMatchesPythonOneAtATime() {
    for (String name : List.of(TinyModels.LENGTHS, TinyModels.GROUP_NORM)) {
      Map<String, String> ref = TinyModels.reference(name);
      int[] shape = TinyModels.ints(ref.get("input_shape"));
      int[] lengths = TinyModels.ints(ref.get("pooled_lengths"));
      float[] batch = TinyModels.floats(name + ".ref-input.f32");
      List<float[]> wavs = new ArrayList<>();
      for (int i = 0; i < lengths.length; i++) {
        float[] w = new float[lengths[i]];
        System.arraycopy(batch, i * shape[1], w, 0, lengths[i]);
        wavs.add(w);
      }
      ModelSpec spec = ModelSpec.read(TinyModels.model(name));
      int last = spec.hiddenStates() - 1;
      Embedder embedder = new Embedder(spec, new int[] {last}, BOTH, 320_000, 16_000, 1_000_000);
      try (ModelRunner runner = ModelRunner.open(TinyModels.model(name), spec, DeviceChoice.CPU)) {
        List<UtteranceEmbedding> out = embedder.embed(wavs, runner);
        for (int i = 0; i < lengths.length; i++) {
          assertClose(
              TinyModels.doubles(ref.get("last_layer_mean_" + i)),
              out.get(i).vector(last, Pooling.MEAN),
              1e-5,
              name + " utterance " + i + " mean");
          assertClose(
              TinyModels.doubles(ref.get("last_layer_std_" + i)),
              out.get(i).vector(last, Pooling.STD),
              1e-5,
              name + " utterance " + i + " std");
        }
      }
    }
  }

  /** Returns the padding fraction of the batched run. */
  private static double assertBatchedEqualsSingle(
      String name, int[] lengths, long budget, double maxPadding) {
    ModelSpec spec = ModelSpec.read(TinyModels.model(name));
    int[] layers = LayerSelection.parse("all").resolve(spec.hiddenStates());
    List<float[]> wavs = new ArrayList<>();
    for (int i = 0; i < lengths.length; i++) wavs.add(TinyModels.waveform(lengths[i], i));
    Embedder batched = new Embedder(spec, layers, BOTH, WINDOW, OVERLAP, budget);
    try (ModelRunner runner = ModelRunner.open(TinyModels.model(name), spec, DeviceChoice.CPU)) {
      List<UtteranceEmbedding> together = batched.embed(wavs, runner);
      assertTrue(
          batched.batchesRun() < lengths.length,
          name
              + ": the batched path ran "
              + batched.batchesRun()
              + " batches for "
              + lengths.length
              + " utterances, so it did not batch");
      assertTrue(
          batched.paddingFraction() <= maxPadding, name + ": padding " + batched.paddingFraction());
      for (int i = 0; i < lengths.length; i++) {
        Embedder single =
            new Embedder(spec, layers, BOTH, WINDOW, OVERLAP, 1); // budget 1: batches of one
        UtteranceEmbedding alone = single.embed(List.of(wavs.get(i)), runner).get(0);
        assertEquals(alone.frames(), together.get(i).frames(), "frames pooled for utterance " + i);
        assertTrue(
            i != 8 || alone.windows() == 3 || name.equals(TinyModels.GROUP_NORM),
            "90000 samples = 3 windows");
        for (int l : layers) {
          for (Pooling p : BOTH) {
            float[] a = alone.vector(l, p);
            float[] b = together.get(i).vector(l, p);
            double[] ad = new double[a.length];
            for (int d = 0; d < a.length; d++) ad[d] = a[d];
            assertClose(
                ad,
                b,
                1e-4,
                name + " utterance " + i + " (" + lengths[i] + " samples) layer " + l + " " + p);
          }
        }
      }
      return batched.paddingFraction();
    }
  }

  private static void assertClose(double[] expected, float[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what + ": dimension");
    double maxDiff = 0;
    for (int d = 0; d < expected.length; d++)
      maxDiff = Math.max(maxDiff, Math.abs(expected[d] - actual[d]));
    assertTrue(maxDiff <= tol, what + ": max |diff| " + maxDiff + " > " + tol);
  }
}
