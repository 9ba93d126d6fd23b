package io.serspark.audio;

/**
 * A file that cannot become 16 kHz mono PCM. Carries the pipeline stage that refused it and a
 * sentence a person understands; the ingest writes these three into the quarantine table ({@code
 * stage} as the lower-case name).
 */
public final class AudioRejected extends Exception {
  /** Where in the conversion the file was refused. */
  public enum Stage {
    /** Nothing to read (an empty file). */
    READ,
    /** The bytes are not a container we recognise. */
    DETECT,
    /** A recognised container whose header or samples are unusable, or a codec we do not decode. */
    DECODE,
    /** Decoded samples that cannot be brought to 16 kHz. */
    RESAMPLE;

    /** The value of the quarantine table's {@code stage} column. */
    public String columnValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Stage stage;
  private final String reason;
  private final String detail;

  public AudioRejected(Stage stage, String reason, String detail) {
    super(
        stage.columnValue()
            + ": "
            + reason
            + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
    this.stage = stage;
    this.reason = reason;
    this.detail = detail == null ? "" : detail;
  }

  public Stage stage() {
    return stage;
  }

  /**
   * One plain sentence, e.g. "the WAV data chunk is truncated: 88200 bytes declared, 1000 present".
   */
  public String reason() {
    return reason;
  }

  /** Technical specifics (offsets, tags, the decoder's own message); empty when there are none. */
  public String detail() {
    return detail;
  }

  static AudioRejected decode(String reason, String detail) {
    return new AudioRejected(Stage.DECODE, reason, detail);
  }

  static AudioRejected decode(String reason) {
    return decode(reason, "");
  }
}
