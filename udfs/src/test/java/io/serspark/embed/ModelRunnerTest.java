package io.serspark.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java side (DJL, libtorch 2.7.1) runs the same network as Python (torch 1.13) on the same
 * inputs.
 */
class ModelRunnerTest {

  @ParameterizedTest
  @ValueSource(strings = {TinyModels.LENGTHS, TinyModels.GROUP_NORM})
  void hiddenStatesMatchPythonWithin1e5(String name) {
    Map<String, String> ref = TinyModels.reference(name);
    ModelSpec spec = ModelSpec.read(TinyModels.model(name));
    assertEquals(
        ref.get("sha256"),
        spec.sha256(),
        "sha256 of the committed model vs the one the script recorded");
    int[] shape = TinyModels.ints(ref.get("input_shape"));
    float[] wav = TinyModels.floats(name + ".ref-input.f32");
    float[] expected = TinyModels.floats(name + ".ref-output.f32");
    int[] lengths = TinyModels.ints(ref.get("input_lengths"));
    try (ModelRunner runner = ModelRunner.open(TinyModels.model(name), spec, DeviceChoice.CPU)) {
      assertEquals("cpu", runner.device());
      EncoderOutput out = runner.encode(wav, shape[0], shape[1], lengths);
      assertArrayEquals(
          TinyModels.ints(ref.get("output_shape")),
          new int[] {out.layers(), out.batch(), out.frames(), out.dim()},
          "output shape [L,B,F,D]");
      assertArrayEquals(
          TinyModels.ints(ref.get("frame_lengths")), out.validFrames(), "valid frames per item");
      double maxDiff = 0;
      for (int i = 0; i < expected.length; i++)
        maxDiff = Math.max(maxDiff, Math.abs(expected[i] - out.hidden()[i]));
      assertTrue(
          maxDiff <= 1e-5,
          name + ": max |Java - Python| over " + expected.length + " values = " + maxDiff);
    }
  }
}
