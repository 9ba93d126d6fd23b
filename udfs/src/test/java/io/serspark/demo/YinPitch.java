package io.serspark.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The YIN pitch estimator (de Cheveigné &amp; Kawahara 2002: difference function, cumulative-mean
 * normalisation, absolute threshold, parabolic refinement), used by the tests to measure the F0 of
 * generated audio independently of the synthesiser's own pulse bookkeeping.
 */
final class YinPitch {
  static final double WINDOW_S = 0.030;
  static final double HOP_S = 0.005;
  static final double MIN_F0_HZ = 60.0;
  static final double MAX_F0_HZ = 600.0;
  static final double THRESHOLD = 0.15;

  /** A global minimum above this is no period at all. */
  static final double UNVOICED = 0.5;

  /** A dip this deep is the period; only a shallower one may be half of it. */
  static final double CLEAR_DIP = 0.05;

  private YinPitch() {}

  /**
   * F0 estimate of the frame starting at {@code start}, or NaN when the frame is not clearly
   * periodic.
   */
  static double frameF0(double[] x, int start, int sampleRateHz) {
    int w = (int) Math.round(WINDOW_S * sampleRateHz);
    int minLag = (int) Math.floor(sampleRateHz / MAX_F0_HZ);
    int maxLag = (int) Math.ceil(sampleRateHz / MIN_F0_HZ);
    if (start + w + maxLag + 1 > x.length) return Double.NaN;
    double[] d = new double[maxLag + 2];
    double[] raw = new double[maxLag + 2];
    double running = 0;
    d[0] = 1;
    for (int lag = 1; lag <= maxLag + 1; lag++) {
      double sum = 0;
      for (int n = 0; n < w; n++) {
        double diff = x[start + n] - x[start + n + lag];
        sum += diff * diff;
      }
      raw[lag] = sum;
      running += sum;
      d[lag] = running == 0 ? 1 : sum * lag / running;
    }
    int lag = -1;
    for (int t = minLag; t <= maxLag; t++) {
      if (d[t] < THRESHOLD) {
        while (t + 1 <= maxLag && d[t + 1] < d[t]) t++;
        lag = t;
        break;
      }
    }
    if (lag < 0) {
      // No dip under the threshold (noise, a low F0 in a short window): YIN's fallback is the
      // global minimum.
      for (int t = minLag; t <= maxLag; t++) {
        if (d[t] < d[t - 1] && d[t] <= d[t + 1] && (lag < 0 || d[t] < d[lag])) lag = t;
      }
      if (lag < 0 || d[lag] > UNVOICED) return Double.NaN;
    }
    // A strong second harmonic (F1 near 2 F0, pressed voice) can dip below the threshold at half
    // the period; the
    // true period then shows a much deeper dip at twice that lag.
    while (true) {
      int lo = (int) Math.floor(lag * 1.8);
      int hi = Math.min(maxLag, (int) Math.ceil(lag * 2.2));
      int deeper = -1;
      for (int t = lo; t <= hi; t++) {
        if (deeper < 0 || d[t] < d[deeper]) deeper = t;
      }
      if (deeper < 0
          || deeper == lo
          || deeper == hi
          || d[lag] < CLEAR_DIP
          || d[deeper] >= 0.5 * d[lag]) break;
      lag = deeper;
    }
    // Refine on the raw difference function, as YIN does: the cumulative normalisation tilts d' and
    // biases the
    // interpolated minimum.
    double a = raw[lag - 1];
    double b = raw[lag];
    double c = raw[lag + 1];
    double denominator = a - 2 * b + c;
    double shift = denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
    return sampleRateHz / (lag + shift);
  }

  /**
   * Time-weighted mean F0 over the voiced segments ({start, end} in seconds): a frame centred every
   * 5 ms across each segment, octave jumps folded back to the segment's median, a five-frame median
   * (as pitch trackers smooth their tracks), then the average.
   */
  static double meanF0(double[] x, int sampleRateHz, List<double[]> voicedSegmentsS) {
    if (sampleRateHz >= 32_000) {
      // F0 lies far below 8 kHz: analysing 44.1 kHz audio at half its rate costs a quarter and
      // changes nothing.
      int factor = sampleRateHz / 16_000;
      return meanF0(decimate(x, factor, sampleRateHz), sampleRateHz / factor, voicedSegmentsS);
    }
    double sum = 0;
    int count = 0;
    for (double[] seg : voicedSegmentsS) {
      List<Double> rough = track(x, sampleRateHz, seg, 0.0, 4 * HOP_S);
      if (rough.isEmpty()) continue;
      // The difference function reaches one period past the window, so a frame "sees" the middle of
      // window + period; the second pass centres that on the frame time.
      List<Double> track = track(x, sampleRateHz, seg, 1.0 / median(rough), HOP_S);
      if (track.isEmpty()) continue;
      double median = median(track);
      for (int i = 0; i < track.size(); i++) {
        double f = track.get(i);
        if (f > 1.6 * median) track.set(i, f / 2);
        if (f < median / 1.6) track.set(i, f * 2);
      }
      for (int i = 0; i < track.size(); i++) {
        sum += median(track.subList(Math.max(0, i - 2), Math.min(track.size(), i + 3)));
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  /**
   * Frame estimates for centres every hop across the segment; near its edges the frame is clamped
   * inside the segment, so the edge frames stand in for the first and last milliseconds.
   */
  private static List<Double> track(
      double[] x, int sampleRateHz, double[] seg, double periodS, double hopS) {
    List<Double> out = new ArrayList<>();
    int first = (int) Math.ceil(seg[0] * sampleRateHz);
    int last = (int) Math.floor((seg[1] - WINDOW_S - periodS) * sampleRateHz);
    if (last < first) return out;
    for (double c = seg[0]; c <= seg[1]; c += hopS) {
      int start = (int) Math.round((c - (WINDOW_S + periodS) / 2) * sampleRateHz);
      double f = frameF0(x, Math.max(first, Math.min(last, start)), sampleRateHz);
      if (!Double.isNaN(f)) out.add(f);
    }
    return out;
  }

  /**
   * Keeps every {@code factor}-th sample after a 127-tap Hamming-windowed sinc low-pass at 0.4 of
   * the new rate.
   */
  static double[] decimate(double[] x, int factor, int sampleRateHz) {
    int half = 63;
    double cutoff = 0.4 / factor; // cycles per input sample
    double[] h = new double[2 * half + 1];
    double gain = 0;
    for (int k = -half; k <= half; k++) {
      double sinc = k == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
      h[k + half] = sinc * (0.54 + 0.46 * Math.cos(Math.PI * k / half));
      gain += h[k + half];
    }
    double[] y = new double[x.length / factor];
    for (int i = 0; i < y.length; i++) {
      double acc = 0;
      int centre = i * factor;
      for (int k = -half; k <= half; k++) {
        int j = centre + k;
        if (j >= 0 && j < x.length) acc += h[k + half] * x[j];
      }
      y[i] = acc / gain;
    }
    return y;
  }

  private static double median(List<Double> v) {
    double[] sorted = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }
}
