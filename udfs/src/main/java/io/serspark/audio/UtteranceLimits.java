package io.serspark.audio;

import io.serspark.config.ConfigException;

/**
 * How much work one file may cause, decided from its header before any sample buffer is allocated:
 * a file that exceeds a limit is refused (stage {@code decode}) with the limit in the reason, so a
 * 60 KB file can never make a decoder or the resampler allocate gigabytes.
 *
 * <ul>
 *   <li>{@code maxSeconds}: the longest recording one file may hold. The default, one hour, is
 *       above the longest file of the corpora we read (EmoDB and RAVDESS utterances last seconds)
 *       and above the session-level recordings that IEMOCAP and the MSP corpora ship (minutes to
 *       tens of minutes); the 16 kHz output of one hour is 57.6 M samples (115 MB of int16), the
 *       ceiling on {@link #maxOutputSamples() output samples}.
 *   <li>{@code maxOutputSamplesPerInputByte}: 16 kHz output samples one input byte may become.
 *       Uncompressed audio at the {@link HeaderLimits#MIN_SAMPLE_RATE_HZ 8 kHz floor} as 8-bit
 *       mu-law gives 2; MP3 at its lowest rate (8 kbit/s) 16; FLAC of speech about 1. Only digital
 *       silence compresses further (FLAC's constant subframes: a few bytes per 4096-sample block),
 *       so the default of 256 refuses only streams whose header or frames claim far more audio than
 *       their bytes can hold.
 * </ul>
 */
// Serializable: the ingest's decode function captures the limits and Spark ships it to the
// executors (without it
// every ingest through Spark fails with "Task not serializable").
public record UtteranceLimits(double maxSeconds, int maxOutputSamplesPerInputByte)
    implements java.io.Serializable {
  public static final double DEFAULT_MAX_SECONDS = 3600;
  public static final int DEFAULT_MAX_OUTPUT_SAMPLES_PER_INPUT_BYTE = 256;

  /**
   * What a 16 kHz int16 utterance column can hold per row in Spark (a binary value stays under 2
   * GiB).
   */
  static final double MAX_SECONDS_CEILING =
      (Integer.MAX_VALUE / 2.0 - 1024) / AudioConverter.TARGET_RATE_HZ;

  public static final UtteranceLimits DEFAULT =
      new UtteranceLimits(DEFAULT_MAX_SECONDS, DEFAULT_MAX_OUTPUT_SAMPLES_PER_INPUT_BYTE);

  public UtteranceLimits {
    if (!(maxSeconds > 0) || maxSeconds > MAX_SECONDS_CEILING) {
      throw new ConfigException(
          "the longest utterance must be more than 0 and at most "
              + (long) MAX_SECONDS_CEILING
              + " seconds (2 GiB of 16 kHz int16), got "
              + maxSeconds);
    }
    if (maxOutputSamplesPerInputByte < 1) {
      throw new ConfigException(
          "output samples per input byte must be at least 1, got " + maxOutputSamplesPerInputByte);
    }
  }

  /** The ceiling on 16 kHz output samples of one file: {@code maxSeconds} × 16 000. */
  public long maxOutputSamples() {
    return (long) Math.floor(maxSeconds * AudioConverter.TARGET_RATE_HZ);
  }

  /** A --max-utterance-seconds value as typed: a positive number of seconds. */
  public static UtteranceLimits parseMaxSeconds(String option, String value) {
    double s;
    try {
      s = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(
          option + " must be a number of seconds (e.g. 3600), got '" + value + "'");
    }
    if (!(s > 0) || s > MAX_SECONDS_CEILING) {
      throw new ConfigException(
          option
              + " must be more than 0 and at most "
              + (long) MAX_SECONDS_CEILING
              + " (2 GiB of 16 kHz int16 per utterance), got '"
              + value
              + "'");
    }
    return new UtteranceLimits(s, DEFAULT_MAX_OUTPUT_SAMPLES_PER_INPUT_BYTE);
  }
}
