package io.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The resampler against exact truth: pure tones in, the same tone (or nothing) out. */
class ResamplerTest {

  static float[] tone(double hz, int rate, double seconds, double amplitude) {
    float[] x = new float[(int) (rate * seconds)];
    for (int i = 0; i < x.length; i++)
      x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate + 0.3));
    return x;
  }

  /**
   * Least-squares fit of a·sin + b·cos at {@code hz}, away from the edges: {amplitude, residual
   * rms}.
   */
  static double[] fit(float[] y, double hz, int rate) {
    int from = y.length / 10;
    int to = y.length - from;
    double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
    for (int n = from; n < to; n++) {
      double s = Math.sin(2 * Math.PI * hz * n / rate);
      double c = Math.cos(2 * Math.PI * hz * n / rate);
      ss += s * s;
      cc += c * c;
      sc += s * c;
      ys += y[n] * s;
      yc += y[n] * c;
    }
    double det = ss * cc - sc * sc;
    double a = (ys * cc - yc * sc) / det;
    double b = (yc * ss - ys * sc) / det;
    double res = 0;
    for (int n = from; n < to; n++) {
      double e =
          y[n]
              - a * Math.sin(2 * Math.PI * hz * n / rate)
              - b * Math.cos(2 * Math.PI * hz * n / rate);
      res += e * e;
    }
    return new double[] {Math.hypot(a, b), Math.sqrt(res / (to - from))};
  }

  static double rms(float[] y) {
    int from = y.length / 10;
    int to = y.length - from;
    double s = 0;
    for (int n = from; n < to; n++) s += (double) y[n] * y[n];
    return Math.sqrt(s / (to - from));
  }

  @ParameterizedTest(name = "{1} Hz tone at {0} Hz")
  @CsvSource({
    "48000,100",
    "48000,1000",
    "48000,3000",
    "48000,5000",
    "48000,6900",
    "48000,7000",
    "44100,440",
    "44100,6999",
    "22050,2500",
    "22050,7000",
    "32000,7000",
    "96000,6500",
    "24000,6000",
    "11025,4000",
    "8000,300",
    "8000,3400",
    "22254,5000"
  })
  void passbandToneKeepsFrequencyAndAmplitude(int rate, double hz) {
    float[] y = new Resampler(rate, 16000).process(tone(hz, rate, 1.0, 0.5));
    double[] f = fit(y, hz, 16000);
    double gainDb = 20 * Math.log10(f[0] / 0.5);
    assertEquals(0.0, gainDb, 0.1, hz + " Hz at " + rate + " Hz: gain in dB");
    // What is left after removing a sinusoid of exactly this frequency is noise far below it: the
    // frequency held.
    assertTrue(
        f[1] / f[0] < 1e-3,
        hz + " Hz at " + rate + ": residual " + 20 * Math.log10(f[1] / f[0]) + " dB");
  }

  @ParameterizedTest(name = "{1} Hz tone at {0} Hz")
  @CsvSource({
    "48000,8050",
    "48000,8500",
    "48000,9000",
    "48000,12000",
    "48000,16000",
    "48000,23000",
    "44100,8100",
    "44100,15000",
    "44100,21000",
    "96000,8200",
    "96000,40000",
    "22050,9000",
    "32000,8300",
    "22254,9000"
  })
  void toneAboveEightKilohertzIsRejectedBySixtyDb(int rate, double hz) {
    float[] y = new Resampler(rate, 16000).process(tone(hz, rate, 1.0, 0.5));
    double attenuationDb = 20 * Math.log10(rms(y) / (0.5 / Math.sqrt(2)));
    assertTrue(
        attenuationDb <= -60, hz + " Hz at " + rate + " Hz leaks at " + attenuationDb + " dB");
  }

  @Test
  void bothFilterLoopsComputeTheSameSum() {
    Random rnd = new Random(7);
    for (int rate : new int[] {48000, 8000, 32000, 24000, 96000, 44100, 22050, 11025}) {
      Resampler r = new Resampler(rate, 16000);
      float[] x = new float[rate / 3 + 17];
      for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian() * 0.2f;
      float[] a = new float[(int) r.outputLength(x.length)];
      float[] b = new float[a.length];
      r.processPolyphase(x, a);
      r.processDirect(x, b);
      for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], 2e-6, rate + " Hz, output " + i);
      if (16000 % rate == 0 || rate % 16000 == 0) {
        if (rate > 16000) {
          float[] c = new float[a.length];
          r.processDecimating(x, c);
          for (int i = 0; i < a.length; i++)
            assertEquals(b[i], c[i], 2e-6, rate + " Hz, symmetric, output " + i);
        }
      }
    }
  }

  @Test
  void constantStaysConstantAndLengthIsRounded() {
    for (int rate : new int[] {48000, 44100, 8000, 22050}) {
      Resampler r = new Resampler(rate, 16000);
      float[] x = new float[rate];
      java.util.Arrays.fill(x, 0.25f);
      float[] y = r.process(x);
      assertEquals(16000, y.length);
      for (int i = 200; i < y.length - 200; i++)
        assertEquals(0.25f, y[i], 2e-6f, rate + " Hz, output " + i);
      assertEquals(Math.round(160160 * 16000.0 / rate), r.outputLength(160160));
    }
  }

  @Test
  void outputSampleZeroIsInputTimeZero() {
    // A linear-phase, centred filter: an impulse at input time 3k lands on output k with no shift.
    float[] x = new float[4800];
    x[2400] = 1;
    float[] y = new Resampler(48000, 16000).process(x);
    int peak = 0;
    for (int i = 1; i < y.length; i++) if (Math.abs(y[i]) > Math.abs(y[peak])) peak = i;
    assertEquals(800, peak);
    assertEquals(y[799], y[801], 1e-7f, "symmetric around the peak");
  }

  @Test
  void sixteenKilohertzInputIsNeverResampled() throws Exception {
    short[] s = new short[1234];
    Random rnd = new Random(3);
    for (int i = 0; i < s.length; i++) s[i] = (short) rnd.nextInt();
    assertEquals(
        java.util.Arrays.toString(s),
        java.util.Arrays.toString(new AudioConverter().convert(WavWriter.mono16k(s)).pcm16()));
  }
}
