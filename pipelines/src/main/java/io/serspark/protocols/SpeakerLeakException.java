package io.serspark.protocols;

/**
 * A split that puts one speaker on both sides: the evaluation would not be speaker-independent.
 * Never a warning.
 */
public final class SpeakerLeakException extends IllegalStateException {
  public SpeakerLeakException(String message) {
    super(message);
  }
}
