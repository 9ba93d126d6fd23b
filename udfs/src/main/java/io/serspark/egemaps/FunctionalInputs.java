package io.serspark.egemaps;

/**
 * The exact inputs of eGeMAPS v02's functional components, i.e. the levels openSMILE's cFunctionals
 * read (named as in {@code emodb.lld_funcinput/} of the anchors). Each array holds exactly the
 * frames the functionals see: the n20 real frames for the 20 ms stream, the prefix of {@code
 * framesSeen} smoothed frames for the 60 ms-joined levels (see {@link EgemapsFunctionals}).
 *
 * @param f0 F0 semitones, sma3nz (gemapsv01b_lld_single_logF0_smo)
 * @param loudness loudness, sma3 (gemapsv01b_loudness_smo)
 * @param allFrames spectralFlux, mfcc1–4, sma3 over all frames
 *     (egemapsv02_lldSetNoF0AndLoudnessZ_smo)
 * @param voiced jitter … F3amplitudeLogRelF0 (14), zeroed in unvoiced frames except the −201
 *     amplitudes, then sma3nz (egemapsv02_lldSetNoF0AndLoudnessNz_smo)
 * @param spectralV alphaRatioV, hammarbergIndexV, slopeV0-500, slopeV500-1500, spectralFluxV,
 *     mfcc1V–4V (9), zeroed in unvoiced frames, then sma3nz (egemapsv02_lldSetSpectralNz_smo)
 * @param spectralUV alphaRatioUV, hammarbergIndexUV, slopeUV0-500, slopeUV500-1500, spectralFluxUV
 *     (5), zeroed in voiced frames, then sma3nz (egemapsv02_lldSetSpectralZ_smo)
 * @param energy mean square of each unwindowed 20 ms frame (egemapsv02_energyRMS, input of Leq)
 */
record FunctionalInputs(
    float[] f0,
    float[] loudness,
    float[][] allFrames,
    float[][] voiced,
    float[][] spectralV,
    float[][] spectralUV,
    float[] energy) {

  static final int ALL_FRAMES_LLDS = 5;
  static final int VOICED_LLDS = 14;
  static final int SPECTRAL_V_LLDS = 9;
  static final int SPECTRAL_UV_LLDS = 5;
}
