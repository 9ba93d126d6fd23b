package io.serspark.embed;

import java.util.List;

/** Segments run through the model together, zero-padded to {@code paddedLength} samples. */
public record Batch(List<Segment> segments, int paddedLength) {
  public int size() {
    return segments.size();
  }

  public long paddedSamples() {
    return (long) paddedLength * segments.size();
  }

  public long inputSamples() {
    long n = 0;
    for (Segment s : segments) n += s.inputLength();
    return n;
  }
}
