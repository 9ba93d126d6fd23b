package io.serspark.embed;

/**
 * What the model returned for one batch: hidden states [layers, batch, frames, dim] row-major, and
 * the number of valid (not padding) frames of each batch item.
 */
public record EncoderOutput(
    float[] hidden, int layers, int batch, int frames, int dim, int[] validFrames) {}
