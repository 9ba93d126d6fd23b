package io.serspark.embed;

/**
 * A piece of utterance {@code item} fed to the model: {@code length} samples from {@code start},
 * zero-extended to {@code inputLength} when the utterance is shorter than the model's receptive
 * field ({@code min_samples}).
 */
public record Segment(int item, int start, int length, int inputLength) {
  public Segment {
    if (length < 1 || inputLength < length || start < 0) {
      throw new IllegalArgumentException(
          "bad segment " + item + "@" + start + "+" + length + "/" + inputLength);
    }
  }
}
