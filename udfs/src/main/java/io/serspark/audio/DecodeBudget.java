package io.serspark.audio;

import java.util.Locale;

/**
 * {@link UtteranceLimits} applied to one file: decoders call {@link #admit} with the sample frames
 * a header declares before they allocate for them, and again as a stream without a declared length
 * (MP3, FLAC without a total) grows.
 */
final class DecodeBudget {
  private final UtteranceLimits limits;
  private final long fileBytes;

  DecodeBudget(UtteranceLimits limits, long fileBytes) {
    this.limits = limits;
    this.fileBytes = fileBytes;
  }

  /** The default limits for one whole file. */
  static DecodeBudget of(byte[] file) {
    return new DecodeBudget(UtteranceLimits.DEFAULT, file.length);
  }

  /**
   * Refuses the file when {@code frames} at {@code rateHz} break a limit; does nothing otherwise.
   */
  void admit(String container, long frames, int rateHz) throws AudioRejected {
    AudioRejected r = check(container, frames, rateHz);
    if (r != null) throw r;
  }

  /** The refusal {@link #admit} would throw, or null when the file is within the limits. */
  AudioRejected check(String container, long frames, int rateHz) {
    double seconds = frames / (double) rateHz;
    long output = (long) Math.ceil(frames * (double) AudioConverter.TARGET_RATE_HZ / rateHz);
    if (seconds > limits.maxSeconds()) {
      return AudioRejected.decode(
          String.format(
              Locale.ROOT,
              "the %s file holds %s of audio, longer than the limit "
                  + "of %s per utterance (max utterance seconds, %.0f s)",
              container,
              duration(seconds),
              duration(limits.maxSeconds()),
              limits.maxSeconds()),
          "frames=" + frames + " sample_rate=" + rateHz + " output_samples=" + output);
    }
    long maxOutput = Math.max(1, fileBytes) * (long) limits.maxOutputSamplesPerInputByte();
    if (output > maxOutput) {
      return AudioRejected.decode(
          String.format(
              Locale.ROOT,
              "the %s file would expand from %d bytes to %d samples at "
                  + "16 kHz, more than %d samples per input byte that real audio needs: its header or stream is corrupt",
              container,
              fileBytes,
              output,
              limits.maxOutputSamplesPerInputByte()),
          "frames=" + frames + " sample_rate=" + rateHz);
    }
    return null;
  }

  static String duration(double seconds) {
    if (seconds < 120) return String.format(Locale.ROOT, "%.1f s", seconds);
    long s = Math.round(seconds);
    if (s < 7200) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
