package io.serspark.embed;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.serspark.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A TorchScript encoder and its contract (docs/embeddings.md): the file's sha256 and what its
 * {@code serspark.json} (a TorchScript extra file, {@code torch.jit.save(m, p,
 * _extra_files={"serspark.json": ...})}) says about inputs and outputs. Read from the zip directly,
 * so the contract is known before libtorch is loaded.
 */
public record ModelSpec(
    String sha256,
    ModelInput input,
    int hiddenStates,
    int dim,
    int minSamples,
    boolean frameLengthsOutput,
    int sampleRateHz)
    implements Serializable {

  public static final String CONTRACT = "serspark-embed/1";
  static final String METADATA = "serspark.json";

  /**
   * wav2vec2's conv feature encoder sees 400 samples per frame; a default when serspark.json does
   * not say.
   */
  static final int DEFAULT_MIN_SAMPLES = 400;

  /**
   * Reads the contract of a local TorchScript file; every problem is a ConfigException naming the
   * file.
   */
  public static ModelSpec read(Path model) {
    return parse(metadataJson(model), model.toString(), sha256(model));
  }

  /**
   * What a model's {@code serspark.json} says about its weights, e.g. {@code random-init seed 0} or
   * {@code checkpoint x.pth (sha256 ...)} as {@code scripts/export_upstream.py} writes it; null
   * when it does not say.
   */
  public static String weights(Path model) {
    JsonElement w;
    try {
      w = JsonParser.parseString(metadataJson(model)).getAsJsonObject().get("weights");
    } catch (RuntimeException e) {
      throw new ConfigException(
          "model " + model + ": " + METADATA + " is not a JSON object: " + e.getMessage(), e);
    }
    return w == null || !w.isJsonPrimitive() ? null : w.getAsString();
  }

  /**
   * The {@code serspark.json} text of a local TorchScript file, read from the zip without loading
   * libtorch.
   */
  public static String metadataJson(Path model) {
    if (!Files.isRegularFile(model)) {
      throw new ConfigException("--model " + model + " does not exist or is not a file");
    }
    try (ZipFile zip = new ZipFile(model.toFile())) {
      ZipEntry meta =
          zip.stream()
              .filter(e -> e.getName().endsWith("/extra/" + METADATA))
              .findFirst()
              .orElse(null);
      if (meta == null) {
        throw new ConfigException(
            "--model "
                + model
                + " has no extra/"
                + METADATA
                + " describing its inputs and "
                + "outputs: export it with scripts/export_upstream.py or scripts/export_hf_encoder.py (or "
                + "torch.jit.save(..., _extra_files=...), see docs/embeddings.md)");
      }
      try (InputStream in = zip.getInputStream(meta)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new ConfigException(
          "--model "
              + model
              + " is not a TorchScript file (not a zip archive: "
              + e.getMessage()
              + ")",
          e);
    }
  }

  static ModelSpec parse(String json, String model, String sha256) {
    JsonObject o;
    try {
      o = JsonParser.parseString(json).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new ConfigException(
          "model " + model + ": " + METADATA + " is not a JSON object: " + e.getMessage(), e);
    }
    String contract = string(o, "contract", model);
    if (!CONTRACT.equals(contract)) {
      throw new ConfigException(
          "model "
              + model
              + " follows contract '"
              + contract
              + "', serspark reads '"
              + CONTRACT
              + "' (see docs/embeddings.md)");
    }
    ModelInput input = ModelInput.of(string(o, "input", model), model);
    int rate = integer(o, "sample_rate_hz", model);
    if (rate != 16_000) {
      throw new ConfigException(
          "model " + model + " expects " + rate + " Hz audio; the utterances table is 16 kHz");
    }
    boolean frameLengths = false;
    JsonElement outputs = o.get("outputs");
    if (outputs != null && outputs.isJsonArray()) {
      for (JsonElement e : outputs.getAsJsonArray())
        frameLengths |= "frame_lengths".equals(e.getAsString());
    }
    if (input.paddingInvariant() && !frameLengths) {
      throw new ConfigException(
          "model "
              + model
              + " takes "
              + input.key()
              + " but does not return frame_lengths: "
              + "serspark needs them to pool only the valid frames of padded inputs (see docs/embeddings.md)");
    }
    int hidden = integer(o, "hidden_states", model);
    int dim = integer(o, "dim", model);
    int min = o.has("min_samples") ? integer(o, "min_samples", model) : DEFAULT_MIN_SAMPLES;
    if (hidden < 1 || dim < 1 || min < 1) {
      throw new ConfigException(
          "model "
              + model
              + ": hidden_states, dim and min_samples must be positive in "
              + METADATA);
    }
    return new ModelSpec(sha256, input, hidden, dim, min, frameLengths, rate);
  }

  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new ConfigException("--model " + file + " cannot be read: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String string(JsonObject o, String key, String model) {
    JsonElement e = o.get(key);
    if (e == null || !e.isJsonPrimitive()) {
      throw new ConfigException(
          "model " + model + ": " + METADATA + " lacks \"" + key + "\" (see docs/embeddings.md)");
    }
    return e.getAsString();
  }

  private static int integer(JsonObject o, String key, String model) {
    try {
      return Integer.parseInt(string(o, key, model));
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "model " + model + ": \"" + key + "\" in " + METADATA + " is not an integer", e);
    }
  }
}
