package io.serspark.audio;

/**
 * Sanity limits on header fields, so a corrupt header is refused with a reason instead of
 * allocating gigabytes.
 */
final class HeaderLimits {
  /** The highest rate any production format uses (DXD 768 kHz); beyond it a header is corrupt. */
  static final int MAX_SAMPLE_RATE_HZ = 768_000;

  /**
   * The lowest rate at which a recording can hold speech: 8 kHz is telephone audio (G.711, the
   * narrowest band any speech corpus uses), whose 4 kHz Nyquist frequency just keeps the 300-3400
   * Hz telephone band. Below it the second formant of most vowels is gone, so the file is not
   * speech we can analyse; in practice a lower rate comes from a damaged or hostile header (a 1 Hz
   * header asks the resampler for 16 000 output samples per input sample).
   */
  public static final int MIN_SAMPLE_RATE_HZ = 8_000;

  /**
   * WAVE_FORMAT_EXTENSIBLE allows 18 speaker positions; 64 leaves room for ambisonics, rejects
   * garbage.
   */
  static final int MAX_CHANNELS = 64;

  /**
   * Chunk sizes at or above 2 GiB cannot be held in a Java array and are a sign of a corrupt
   * header.
   */
  static final long MAX_CHUNK_BYTES = Integer.MAX_VALUE - 64;

  private HeaderLimits() {}

  static void checkRate(String container, long rateHz) throws AudioRejected {
    if (rateHz <= 0 || rateHz > MAX_SAMPLE_RATE_HZ) {
      throw AudioRejected.decode(
          "the "
              + container
              + " header gives an impossible sample rate of "
              + rateHz
              + " Hz (allowed "
              + MIN_SAMPLE_RATE_HZ
              + " to "
              + MAX_SAMPLE_RATE_HZ
              + ")",
          "sample_rate=" + rateHz);
    }
    if (rateHz < MIN_SAMPLE_RATE_HZ) {
      throw AudioRejected.decode(
          "the "
              + container
              + " header gives a sample rate of "
              + rateHz
              + " Hz, below the "
              + MIN_SAMPLE_RATE_HZ
              + " Hz of telephone speech: such a file cannot hold speech (the header is likely "
              + "damaged)",
          "sample_rate=" + rateHz);
    }
  }

  static void checkChannels(String container, long channels) throws AudioRejected {
    if (channels == 0) {
      throw AudioRejected.decode(
          "the " + container + " header says the file has 0 channels", "channels=0");
    }
    if (channels < 0 || channels > MAX_CHANNELS) {
      throw AudioRejected.decode(
          "the "
              + container
              + " header gives an impossible channel count of "
              + channels
              + " (allowed 1 to "
              + MAX_CHANNELS
              + ")",
          "channels=" + channels);
    }
  }

  /**
   * A sample chunk over 2 GiB: a real long recording, refused because files are decoded whole (one
   * Java array). Said as such, with the duration, rather than as a corrupt header.
   */
  static AudioRejected tooLargeToDecode(String container, long dataBytes, double seconds) {
    return AudioRejected.decode(
        String.format(
            java.util.Locale.ROOT,
            "the %s file holds %d bytes of samples (%s of "
                + "audio), more than the 2 GiB a file may have: files are decoded whole, in one array; split the recording",
            container,
            dataBytes,
            DecodeBudget.duration(seconds)),
        "data_bytes=" + dataBytes + " limit=" + MAX_CHUNK_BYTES);
  }

  static void checkChunkSize(String container, String chunk, long size, long offset)
      throws AudioRejected {
    if (size > MAX_CHUNK_BYTES) {
      String id = printable(chunk);
      throw AudioRejected.decode(
          "the "
              + container
              + " '"
              + id
              + "' chunk claims "
              + size
              + " bytes, more than 2 GB: the header is corrupt",
          "chunk '" + id + "' at byte " + offset);
    }
  }

  /**
   * A chunk id or tag as it can be shown in a message: anything but printable ASCII becomes '?'.
   */
  static String printable(String id) {
    StringBuilder s = new StringBuilder(id.length());
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      s.append(c >= ' ' && c <= '~' ? c : '?');
    }
    return s.toString();
  }

  static AudioRejected truncatedHeader(String container, int fileBytes, String where) {
    return AudioRejected.decode(
        "the "
            + container
            + " header is truncated: the file ends (at "
            + fileBytes
            + " bytes) "
            + where,
        "file_bytes=" + fileBytes);
  }

  static AudioRejected truncatedData(String container, long declared, long present) {
    return AudioRejected.decode(
        "the "
            + container
            + " audio data is truncated: the header declares "
            + declared
            + " bytes of samples but only "
            + present
            + " are present",
        "declared=" + declared + " present=" + present);
  }

  static AudioRejected noSamples(String container) {
    return AudioRejected.decode(
        "the " + container + " file holds no audio: fewer than one complete sample frame",
        "frames=0");
  }
}
