package io.serspark.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The exact synthesis parameters and realised measures of one synthetic file: one row of {@code
 * truth.csv}. F0, jitter and shimmer are measured on the generated glottal pulses (see {@link
 * PeriodStatistics}), so they are ground truth for pitch and voice-quality feature tests.
 *
 * @param relPath path relative to the corpus root, as in {@code manifest.csv}
 * @param meanF0Hz time-weighted mean F0 over the voiced periods
 * @param jitterLocal realised local jitter of the periods (contour slope included), fraction
 * @param shimmerDb realised local shimmer of the amplitude perturbation, dB
 * @param corpus {@code demo-a} or {@code demo-b}
 * @param textId which of the vowel-sequence "sentences" was spoken
 * @param jitterPerturbation realised local jitter of the perturbation alone (T / nominal T)
 * @param jitterRequested the jitter asked of the synthesiser
 * @param shimmerRequestedDb the shimmer asked of the synthesiser
 * @param breathiness aspiration-noise RMS / glottal-excitation RMS
 * @param tiltCornerHz corner of the spectral-tilt low-pass
 * @param syllablesPerS syllable rate over the spoken part
 * @param voicedS total duration of the glottal periods
 * @param activeLevelDbfs RMS level of the speech over the voiced stretches ({@code
 *     voicedSegments}), dB re full scale
 * @param snrDb active speech level minus noise level
 * @param noiseLevelDbfs RMS level of the added noise
 * @param intensity 0 for neutral, else how far towards the full emotion (0.25..1)
 * @param voicedSegments the glottal-pulse span of each vowel nucleus, {@code start-end} in seconds,
 *     space-separated
 */
public record UtteranceTruth(
    String relPath,
    String speaker,
    String gender,
    String emotion,
    String split,
    int sampleRateHz,
    double durationS,
    double meanF0Hz,
    double jitterLocal,
    double shimmerDb,
    String corpus,
    String textId,
    int numSamples,
    double f0SemitoneMean,
    double f0SemitoneStddev,
    double minF0Hz,
    double maxF0Hz,
    double jitterPerturbation,
    double jitterRequested,
    double shimmerRequestedDb,
    double breathiness,
    double openQuotient,
    double tiltCornerHz,
    double syllablesPerS,
    double voicedS,
    double activeLevelDbfs,
    double snrDb,
    double noiseLevelDbfs,
    double intensity,
    double arousal,
    double valence,
    double speakerBaseF0Hz,
    double formantScale,
    String voicedSegments,
    long seed) {

  static final String CSV_HEADER =
      "path,corpus,speaker,gender,emotion,split,text_id,sample_rate_hz,num_samples,"
          + "duration_s,mean_f0_hz,f0_semitone_mean,f0_semitone_stddev,min_f0_hz,max_f0_hz,jitter_local,"
          + "jitter_perturbation,jitter_requested,shimmer_db,shimmer_requested_db,breathiness,open_quotient,"
          + "tilt_corner_hz,syllables_per_s,voiced_s,active_level_dbfs,snr_db,noise_level_dbfs,intensity,arousal,"
          + "valence,speaker_base_f0_hz,formant_scale,voiced_segments_s,seed";

  String csvRow() {
    return String.join(
        ",",
        relPath,
        corpus,
        speaker,
        gender,
        emotion,
        split,
        textId,
        Integer.toString(sampleRateHz),
        Integer.toString(numSamples),
        f(durationS, 6),
        f(meanF0Hz, 6),
        f(f0SemitoneMean, 6),
        f(f0SemitoneStddev, 6),
        f(minF0Hz, 6),
        f(maxF0Hz, 6),
        f(jitterLocal, 8),
        f(jitterPerturbation, 8),
        f(jitterRequested, 8),
        f(shimmerDb, 6),
        f(shimmerRequestedDb, 6),
        f(breathiness, 6),
        f(openQuotient, 6),
        f(tiltCornerHz, 3),
        f(syllablesPerS, 6),
        f(voicedS, 6),
        f(activeLevelDbfs, 4),
        f(snrDb, 4),
        f(noiseLevelDbfs, 4),
        f(intensity, 6),
        f(arousal, 2),
        f(valence, 2),
        f(speakerBaseF0Hz, 6),
        f(formantScale, 6),
        voicedSegments,
        Long.toString(seed));
  }

  /** The voiced stretches (pulse spans) as {start, end} pairs in seconds. */
  public List<double[]> voicedSegmentsS() {
    List<double[]> out = new ArrayList<>();
    for (String s : voicedSegments.split(" ")) {
      String[] p = s.split("-");
      out.add(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])});
    }
    return out;
  }

  static String f(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
