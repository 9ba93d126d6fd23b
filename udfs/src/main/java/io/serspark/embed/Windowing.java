package io.serspark.embed;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts long utterances into windows a model can take (self-attention cost grows with the square of
 * the length, and SSL encoders were trained on clips of a few seconds to tens of seconds). An
 * utterance up to one window long is one segment; a longer one gets windows every {@code window -
 * overlap} samples, and a last window that ends at the utterance's end, so every window has the
 * full length (equal lengths batch together even for mask-less models, and no window is a fragment
 * too short to say anything).
 */
public final class Windowing {
  private final int windowSamples;
  private final int hopSamples;
  private final int minSamples;

  public Windowing(int windowSamples, int overlapSamples, int minSamples) {
    if (windowSamples < minSamples) {
      throw new IllegalArgumentException(
          "window " + windowSamples + " is shorter than the model's minimum input " + minSamples);
    }
    if (overlapSamples < 0 || overlapSamples >= windowSamples) {
      throw new IllegalArgumentException(
          "overlap " + overlapSamples + " must be in [0, window " + windowSamples + ")");
    }
    this.windowSamples = windowSamples;
    this.hopSamples = windowSamples - overlapSamples;
    this.minSamples = minSamples;
  }

  /** The segments of utterance {@code item} with {@code numSamples} samples, in time order. */
  public List<Segment> cut(int item, int numSamples) {
    if (numSamples < 1) throw new IllegalArgumentException("utterance " + item + " has no samples");
    List<Segment> out = new ArrayList<>();
    if (numSamples <= windowSamples) {
      out.add(new Segment(item, 0, numSamples, Math.max(numSamples, minSamples)));
      return out;
    }
    int start = 0;
    for (; start + windowSamples < numSamples; start += hopSamples) {
      out.add(new Segment(item, start, windowSamples, windowSamples));
    }
    out.add(new Segment(item, numSamples - windowSamples, windowSamples, windowSamples));
    return out;
  }

  public int windowSamples() {
    return windowSamples;
  }
}
