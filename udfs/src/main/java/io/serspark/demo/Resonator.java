package io.serspark.demo;

/**
 * Klatt's (1980) digital formant resonator, y[n] = A x[n] + B y[n-1] + C y[n-2], unit gain at DC.
 * Frequency and bandwidth may change between samples (formant transitions); the state carries over,
 * so the output stays smooth.
 */
final class Resonator {
  private final double sampleRateHz;
  private double a = 1.0;
  private double b;
  private double c;
  private double y1;
  private double y2;

  Resonator(double sampleRateHz) {
    this.sampleRateHz = sampleRateHz;
  }

  Resonator(double sampleRateHz, double frequencyHz, double bandwidthHz) {
    this(sampleRateHz);
    tune(frequencyHz, bandwidthHz);
  }

  /**
   * Sets the resonance; above 0.45 of the sample rate it cannot be represented and passes the
   * signal through.
   */
  void tune(double frequencyHz, double bandwidthHz) {
    if (frequencyHz >= 0.45 * sampleRateHz) {
      a = 1.0;
      b = 0.0;
      c = 0.0;
      return;
    }
    double t = 1.0 / sampleRateHz;
    c = -StrictMath.exp(-2.0 * Math.PI * bandwidthHz * t);
    b =
        2.0
            * StrictMath.exp(-Math.PI * bandwidthHz * t)
            * StrictMath.cos(2.0 * Math.PI * frequencyHz * t);
    a = 1.0 - b - c;
  }

  double step(double x) {
    double y = a * x + b * y1 + c * y2;
    y2 = y1;
    y1 = y;
    return y;
  }
}
