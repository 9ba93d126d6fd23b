package io.serspark.egemaps.voice;

/**
 * Local jitter and shimmer (dB) from the waveform, guided by the frame F0: openSMILE's {@code
 * cPitchJitter} with {@code searchRangeRel=0.1}, {@code minNumPeriods=2}, {@code minCC=0.5}, {@code
 * useBrokenJitterThresh=0}.
 *
 * <p>Per 60 ms frame the component reads the waveform from where the previous frame's period search
 * stopped, finds consecutive periods by maximising the normalised cross-correlation of adjacent
 * period-long segments within ±10 % of 1/F0, and accepts periods whose interpolated correlation
 * peak exceeds 0.5. Jitter = mean |T_i − T_{i−1}| / mean T; shimmer = 20·log10(1 + mean |A_i −
 * A_{i−1}| / mean A) with A the peak-to-peak amplitude of a period. The previous period survives
 * across voiced frames, so the first period of a frame is compared with the last one of the
 * previous frame. A voiced frame without any accepted period repeats the previous value; unvoiced →
 * 0.
 *
 * <p>Stateful across frames: call {@link #reset()} at the start of each input.
 */
final class PeriodPerturbation {
  private static final double SEARCH_REL = 0.10;
  private static final int MIN_PERIODS = 2;
  private static final float MIN_CC = 0.5f;

  private final double samplePeriod;
  private final int frameLen;
  private final int hop;
  private double[] cc = new double[64];
  private final Parabola parabola = new Parabola();

  private long lastIdx;
  private long lastMis;
  private float lastT0;
  private float lastJitter;
  private float lastShimmer;

  /** Outputs of the last {@link #next} call. */
  float jitterLocal;

  float shimmerLocalDb;

  PeriodPerturbation(double sampleRate, int frameLen, int hop) {
    this.samplePeriod = 1.0 / sampleRate;
    this.frameLen = frameLen;
    this.hop = hop;
    reset();
  }

  void reset() {
    lastIdx = 0;
    lastMis = 0;
    lastT0 = 0f;
    lastJitter = 0f;
    lastShimmer = 0f;
  }

  /**
   * Processes frame {@code frameIndex} (start sample frameIndex·hop) of {@code x} with F0 {@code
   * f0} Hz (0 = unvoiced).
   */
  void next(float[] x, int frameIndex, float f0) {
    long startVidx = (long) frameIndex * hop;
    long toRead0 = hop + lastMis;
    long toRead = toRead0;
    double tf = 0;
    long t0f = 0;
    long t0minF = 0;
    long t0maxF = 0;
    if (f0 > 0.0f) {
      double t0 = 1.0 / f0;
      tf = t0 / samplePeriod;
      t0f = Math.round(tf);
      t0minF = (long) Math.floor((1.0 - SEARCH_REL) * tf);
      t0maxF = (long) Math.ceil((1.0 + SEARCH_REL) * tf);
      long twoPp = MIN_PERIODS * t0maxF + MIN_PERIODS;
      if (toRead < twoPp) {
        toRead = twoPp;
      }
    }
    long maxRead = lastMis + frameLen;
    if (toRead > maxRead) {
      toRead = maxRead;
    }
    if (startVidx - lastMis != lastIdx) {
      lastIdx = startVidx;
      if (toRead > frameLen) {
        toRead = frameLen;
      }
    }
    int base = (int) lastIdx;
    int nT = (int) Math.min(toRead, x.length - lastIdx);

    float nPeriods = 0f;
    float nPeriodsLocal = 0f;
    float avgPeriod = 0f;
    float jitterSum = 0f;
    float avgAmp = 0f;
    float avgAmpDiff = 0f;
    long lastPeriod = 0;
    if (f0 > 0.0f) {
      int nLags = (int) (t0maxF - t0minF) + 1;
      if (cc.length < nLags) {
        cc = new double[nLags];
      }
      long start = 0;
      while (start < nT - 2 * t0maxF - 1) {
        for (long tLag = t0minF; tLag <= t0maxF; tLag++) {
          cc[(int) (tLag - t0minF)] =
              crossCorr(x, base + (int) start, base + (int) (start + tLag), (int) tLag);
        }
        double max = 0;
        int maxI = -1;
        for (int i = 1; i < t0maxF - t0minF - 1; i++) {
          if (cc[i - 1] < cc[i] && cc[i] > cc[i + 1]) {
            if (maxI == -1 || cc[i] > max) {
              maxI = i;
              max = cc[i];
            }
          }
        }
        long os = start;
        if (maxI >= 0) {
          long pp = t0minF + maxI;
          start += pp;
          float a0 = peakToPeak(x, base + (int) os, (int) pp);
          float a1 = peakToPeak(x, base + (int) start, (int) pp);
          float ad = Math.abs(a0 - a1);
          Parabola v = parabola.fit(maxI - 1, cc[maxI - 1], maxI, cc[maxI], maxI + 1, cc[maxI + 1]);
          double ccI = v.y;
          double periodSec = Math.abs(t0minF + v.x) * samplePeriod;
          if (ccI > MIN_CC) {
            float period = (float) periodSec;
            avgPeriod += period;
            nPeriods += 1f;
            if (lastT0 > 0f) {
              jitterSum += Math.abs(lastT0 - period);
              nPeriodsLocal += 1f;
            }
            lastT0 = period;
            avgAmp += (a0 + a1) / 2f;
            avgAmpDiff += ad;
          }
        } else {
          start += t0f;
        }
        if (start < toRead0 - 1) {
          lastPeriod = start;
        }
      }
      lastMis = toRead0 - lastPeriod;
    } else {
      lastPeriod = toRead0;
      lastMis = 0;
      lastT0 = 0f;
      lastJitter = 0f;
      lastShimmer = 0f;
    }
    lastIdx += lastPeriod;

    if (nPeriods > 0f && nPeriodsLocal > 0f && f0 > 0f) {
      lastJitter = (jitterSum / nPeriodsLocal) / (avgPeriod / nPeriods);
    }
    if (nPeriods > 0f && nPeriodsLocal > 0f && f0 > 0f) {
      lastJitter = Math.min(lastJitter, 1f);
      jitterLocal = lastJitter;
    } else if (nPeriods == 0f && f0 > 0f) {
      lastJitter = Math.min(lastJitter, 1f);
      jitterLocal = lastJitter;
    } else {
      jitterLocal = 0f;
    }
    if (nPeriods > 0f && f0 > 0f) {
      lastShimmer = avgAmp > 0f ? avgAmpDiff / avgAmp : 0f;
    }
    if (f0 > 0f) {
      lastShimmer = Math.min(lastShimmer, 1f);
      shimmerLocalDb = (float) amplitudeRatioToDb(lastShimmer + 1.0);
    } else {
      shimmerLocalDb = 0f;
    }
  }

  private static double amplitudeRatioToDb(double a) {
    return a > 10e-50 ? 20.0 * Math.log(a) / Math.log(10.0) : -1000.0;
  }

  /** Pearson correlation of x[a..a+n) and x[b..b+n), one pass (centred sums from raw moments). */
  private static double crossCorr(float[] x, int a, int b, int n) {
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      double u = x[a + i];
      double v = x[b + i];
      sx += u;
      sy += v;
      sxx += u * u;
      syy += v * v;
      sxy += u * v;
    }
    double c = sxy - sx * sy / n;
    double nx = sxx - sx * sx / n;
    double ny = syy - sy * sy / n;
    return c / (Math.sqrt(nx) * Math.sqrt(ny));
  }

  /** max − min over the inner samples 1..n−2 of a period (openSMILE skips both end samples). */
  private static float peakToPeak(float[] x, int off, int n) {
    float max = x[off + 1];
    float min = x[off + 1];
    for (int i = 1; i < n - 1; i++) {
      float v = x[off + i];
      if (v > max) {
        max = v;
      }
      if (v < min) {
        min = v;
      }
    }
    return max - min;
  }
}
