package io.serspark.audio;

/** Sanity limits on header fields, so a corrupt header is refused with a reason instead of allocating gigabytes. */
final class HeaderLimits {
  /** The highest rate any production format uses (DXD 768 kHz); beyond it a header is corrupt. */
  static final int MAX_SAMPLE_RATE_HZ = 768_000;
  /** WAVE_FORMAT_EXTENSIBLE allows 18 speaker positions; 64 leaves room for ambisonics, rejects garbage. */
  static final int MAX_CHANNELS = 64;
  /** Chunk sizes at or above 2 GiB cannot be held in a Java array and are a sign of a corrupt header. */
  static final long MAX_CHUNK_BYTES = Integer.MAX_VALUE - 64;

  private HeaderLimits() {}

  static void checkRate(String container, long rateHz) throws AudioRejected {
    if (rateHz <= 0 || rateHz > MAX_SAMPLE_RATE_HZ) {
      throw AudioRejected.decode("the " + container + " header gives an impossible sample rate of " + rateHz
          + " Hz (allowed 1 to " + MAX_SAMPLE_RATE_HZ + ")", "sample_rate=" + rateHz);
    }
  }

  static void checkChannels(String container, long channels) throws AudioRejected {
    if (channels == 0) {
      throw AudioRejected.decode("the " + container + " header says the file has 0 channels", "channels=0");
    }
    if (channels < 0 || channels > MAX_CHANNELS) {
      throw AudioRejected.decode("the " + container + " header gives an impossible channel count of " + channels
          + " (allowed 1 to " + MAX_CHANNELS + ")", "channels=" + channels);
    }
  }

  static void checkChunkSize(String container, String chunk, long size, long offset) throws AudioRejected {
    if (size > MAX_CHUNK_BYTES) {
      throw AudioRejected.decode("the " + container + " '" + chunk + "' chunk claims " + size
          + " bytes, more than 2 GB: the header is corrupt", "chunk '" + chunk + "' at byte " + offset);
    }
  }

  static AudioRejected truncatedHeader(String container, int fileBytes, String where) {
    return AudioRejected.decode("the " + container + " header is truncated: the file ends (at " + fileBytes
        + " bytes) " + where, "file_bytes=" + fileBytes);
  }

  static AudioRejected truncatedData(String container, long declared, long present) {
    return AudioRejected.decode("the " + container + " audio data is truncated: the header declares " + declared
        + " bytes of samples but only " + present + " are present", "declared=" + declared + " present=" + present);
  }

  static AudioRejected noSamples(String container) {
    return AudioRejected.decode("the " + container + " file holds no audio: fewer than one complete sample frame",
        "frames=0");
  }
}
