package io.serspark.audio;

/**
 * Decoder output before resampling: mono samples in [-1, 1] at the source rate, plus what the
 * source was.
 */
record DecodedAudio(
    float[] mono,
    String container,
    String codec,
    int sampleRateHz,
    int channels,
    int bits,
    long frames,
    boolean encoderDelayTrimmed) {}
