package io.serspark.embed.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.serspark.config.ConfigException;
import io.serspark.embed.ModelSpec;
import java.nio.file.Path;

/**
 * The arithmetic of a wav2vec2/HuBERT forward, counted from the architecture that
 * scripts/export_upstream.py writes into serspark.json ("architecture"): multiply-adds of the
 * convolutional feature encoder, the feature projection, the positional convolution and every
 * transformer layer (Q/K/V/out projections, attention scores and their weighted sum, feed-forward),
 * 2 FLOPs each. Norms, activations and softmax are left out (under 1 % of the total). wav2vec2-base
 * on 1 s of 16 kHz audio: 4.90 GFLOP in the conv stack, 13.8 in all.
 */
public record UpstreamFlops(
    int[][] convLayers,
    int embedDim,
    int ffnDim,
    int layers,
    int posConvKernel,
    int posConvGroups) {

  /** Reads the architecture of a model exported by scripts/export_upstream.py. */
  public static UpstreamFlops read(Path model) {
    JsonObject meta = JsonParser.parseString(ModelSpec.metadataJson(model)).getAsJsonObject();
    if (!meta.has("architecture")) {
      throw new ConfigException(
          "--model "
              + model
              + ": serspark.json has no \"architecture\" to count FLOPs from "
              + "(models made by scripts/export_upstream.py have it)");
    }
    return parse(meta.getAsJsonObject("architecture"));
  }

  static UpstreamFlops parse(JsonObject a) {
    JsonArray convs = a.getAsJsonArray("conv_layers");
    int[][] conv = new int[convs.size()][];
    for (int i = 0; i < conv.length; i++) {
      JsonArray c = convs.get(i).getAsJsonArray(); // [out channels, kernel, stride]
      conv[i] = new int[] {c.get(0).getAsInt(), c.get(1).getAsInt(), c.get(2).getAsInt()};
    }
    return new UpstreamFlops(
        conv,
        a.get("embed_dim").getAsInt(),
        a.get("ffn_dim").getAsInt(),
        a.get("layers").getAsInt(),
        a.get("pos_conv_kernel").getAsInt(),
        a.get("pos_conv_groups").getAsInt());
  }

  /** FLOPs of the convolutional feature encoder on one input of {@code samples}. */
  public double convStack(long samples) {
    double flops = 0;
    long t = samples;
    int in = 1;
    for (int[] c : convLayers) {
      t = (t - c[1]) / c[2] + 1;
      if (t < 1) return flops;
      flops += 2.0 * in * c[0] * c[1] * t;
      in = c[0];
    }
    return flops;
  }

  /** Frames the feature encoder makes of {@code samples}. */
  public long frames(long samples) {
    long t = samples;
    for (int[] c : convLayers) t = Math.max(0, (t - c[1]) / c[2] + 1);
    return t;
  }

  /**
   * FLOPs of everything after the conv stack for one input of {@code samples}: projection,
   * positions, layers.
   */
  public double transformer(long samples) {
    double f = frames(samples);
    double d = embedDim;
    double projection = 2.0 * convLayers[convLayers.length - 1][0] * d * f;
    double positions = 2.0 * (d / posConvGroups) * d * posConvKernel * f;
    double perLayer =
        8.0 * d * d * f // Q, K, V and output projections
            + 4.0 * f * f * d // scores Q K^T and their weighted sum of V, over all heads
            + 4.0 * d * ffnDim * f; // feed-forward in and out
    return projection + positions + layers * perLayer;
  }

  /**
   * FLOPs of one forward of an input of {@code samples} (as one batch item; padding is not
   * counted).
   */
  public double forward(long samples) {
    return convStack(samples) + transformer(samples);
  }
}
