package io.serspark.embed;

/**
 * Runs one padded batch through an encoder. {@link ModelRunner} is the real one; tests may stand
 * in.
 */
public interface BatchEncoder {
  /**
   * @param wav {@code batch × samples} float32 row-major, each row zero-padded after its length
   * @param lengths the true length of each row, in samples
   */
  EncoderOutput encode(float[] wav, int batch, int samples, int[] lengths);
}
