package io.serspark.demo;

/**
 * How one synthetic corpus was "recorded": the sample rate of its files, the reference level of
 * neutral speech, the room/microphone noise and the microphone's band. Two profiles make a
 * cross-corpus shift that a benchmark can see (level, noise, band and resampling all differ) while
 * the speakers' voices follow the same model.
 *
 * @param corpus corpus name and folder name
 * @param sampleRateHz sample rate of the WAV files
 * @param referenceLevelDbfs active speech level of a neutral utterance of an average speaker (RMS
 *     re full scale 1.0)
 * @param snrDb active speech level minus noise level, dB (the same for every file of the corpus)
 * @param noiseCornerHz one-pole low-pass corner of the noise (room noise is darker than white); 0 =
 *     white
 * @param highpassHz one-pole microphone high-pass corner; 0 = none
 * @param lowpassHz two-pole (Butterworth) microphone low-pass corner; 0 = none
 */
public record RecordingProfile(
    String corpus,
    int sampleRateHz,
    double referenceLevelDbfs,
    double snrDb,
    double noiseCornerHz,
    double highpassHz,
    double lowpassHz) {

  /** Studio: 16 kHz, studio level, a hiss 50 dB below the speech, full band. */
  public static final RecordingProfile DEMO_A =
      new RecordingProfile("demo-a", 16_000, -28.0, 50.0, 0.0, 0.0, 0.0);

  /**
   * Field: 44.1 kHz, 10 dB quieter, room noise 20 dB below the speech, a small microphone (120 Hz -
   * 6 kHz).
   */
  public static final RecordingProfile DEMO_B =
      new RecordingProfile("demo-b", 44_100, -38.0, 20.0, 2000.0, 120.0, 6000.0);
}
