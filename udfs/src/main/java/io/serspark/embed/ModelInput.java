package io.serspark.embed;

import io.serspark.config.ConfigException;

/**
 * What a model takes besides the padded waveform batch, as its {@code serspark.json} says.
 *
 * <p>It decides how batches may be built: a model that is told the true lengths (or a mask) ignores
 * the zero padding, so utterances of different lengths can share a batch; a model that only sees
 * the waveform may not (wav2vec2-base / WavLM-base normalise the first conv layer over the whole
 * time axis — zero padding changes every frame), so its batches hold equal-length inputs only.
 */
public enum ModelInput {
  /** forward(wav float32 [B,S], lengths int64 [B]). */
  LENGTHS("lengths"),
  /**
   * forward(wav float32 [B,S], attention_mask int64 [B,S], 1 = sample, 0 = padding), as Hugging
   * Face.
   */
  ATTENTION_MASK("attention_mask"),
  /** forward(wav float32 [B,S]): no way to tell padding from signal. */
  WAVEFORM("waveform");

  private final String key;

  ModelInput(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /**
   * True when zero padding cannot change the valid frames, so unequal lengths may share a batch.
   */
  public boolean paddingInvariant() {
    return this != WAVEFORM;
  }

  static ModelInput of(String key, String model) {
    for (ModelInput m : values()) if (m.key.equals(key)) return m;
    throw new ConfigException(
        "model "
            + model
            + ": serspark.json says input '"
            + key
            + "'; expected one of lengths, attention_mask, waveform (see docs/embeddings.md)");
  }
}
