package io.serspark.audio.testing;

/**
 * Test access to the catalogue's 80-bit extended encoder, so AIFF test files share one
 * implementation.
 */
public final class BadAudioFilesAccess {
  private BadAudioFilesAccess() {}

  public static byte[] extended(int value) {
    return BadAudioFiles.extended(value);
  }
}
