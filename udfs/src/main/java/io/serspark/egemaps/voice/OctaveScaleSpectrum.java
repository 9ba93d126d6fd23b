package io.serspark.egemaps.voice;

/**
 * openSMILE's {@code cSpecScale} as configured for eGeMAPS pitch ({@code scale=octave}, {@code
 * minF=25}, {@code specEnhance=1}, {@code specSmooth=1}, {@code auditoryWeighting=1}): a linear FFT
 * magnitude spectrum is peak-enhanced, smoothed, resampled by a natural cubic spline onto an
 * equally spaced log2-frequency axis with as many points as input bins, and weighted by a smooth
 * low-frequency roll-off.
 *
 * <p>Not thread-safe: work arrays are owned by the instance.
 */
final class OctaveScaleSpectrum {
  private final int nMag;
  private final double[] sigma;
  private final double[] invDiff1;
  private final double[] invDiff2;

  /**
   * Data-independent parts of the tridiagonal solve: p[i] = 1/(sigma·y2[i−1] + 2) and y2
   * coefficient.
   */
  private final double[] pivot;

  private final double[] y2Coef;
  private final int[] lower;
  private final double[] coefA;
  private final double[] coefC;
  private final double[] coefD;
  private final double[] auditoryWeight;
  private final double[] y;
  private final double[] y2;
  private final double[] u;
  private final int[] peakPositions;

  /** The level meta data cPitchShs reads, kept in float as openSMILE stores it. */
  final float nOctaves;

  final float pointsPerOctave;
  final float minLog2F;
  final float maxLog2F;

  /**
   * @param nMag number of magnitude bins (fftN/2 + 1)
   * @param deltaF bin spacing in Hz (1 / padded frame length in seconds)
   * @param minF lowest frequency of the target axis in Hz
   */
  OctaveScaleSpectrum(int nMag, double deltaF, double minF) {
    this.nMag = nMag;
    double maxF = deltaF * (nMag - 1);
    double fminT = log2(minF);
    double fmaxT = log2(maxF);
    int nTarget = nMag;
    double deltaT = (fmaxT - fminT) / (nTarget - 1);
    double[] ft = new double[nMag];
    for (int i = 1; i < nMag; i++) {
      ft[i] = log2(i * deltaF);
    }
    // openSMILE's heuristic position for DC on a log axis
    ft[0] = 2.0 * ft[1] - ft[2];
    sigma = new double[nMag];
    invDiff1 = new double[nMag];
    invDiff2 = new double[nMag];
    pivot = new double[nMag];
    y2Coef = new double[nMag];
    for (int i = 1; i < nMag - 1; i++) {
      sigma[i] = (ft[i] - ft[i - 1]) / (ft[i + 1] - ft[i - 1]);
      invDiff1[i] = 1.0 / ((ft[i + 1] - ft[i]) * (ft[i + 1] - ft[i - 1]));
      invDiff2[i] = 1.0 / ((ft[i] - ft[i - 1]) * (ft[i + 1] - ft[i - 1]));
      pivot[i] = 1.0 / (sigma[i] * y2Coef[i - 1] + 2.0);
      y2Coef[i] = (sigma[i] - 1.0) * pivot[i];
    }
    lower = new int[nTarget];
    coefA = new double[nTarget];
    coefC = new double[nTarget];
    coefD = new double[nTarget];
    int kUpper = 1;
    for (int i = 0; i < nTarget; i++) {
      double x = fminT + i * deltaT;
      while (kUpper < nMag - 1 && ft[kUpper] < x) {
        kUpper++;
      }
      int kLower = kUpper - 1;
      double range = ft[kUpper] - ft[kLower];
      double a = (ft[kUpper] - x) / range;
      double b = 1.0 - a;
      double r2 = range * range / 6.0;
      lower[i] = kLower;
      coefA[i] = a;
      coefC[i] = (a * a * a - a) * r2;
      coefD[i] = (b * b * b - b) * r2;
    }
    double octaves = Math.log(maxF / minF) / Math.log(2.0);
    double ppo = nTarget / octaves;
    double atanS = ppo * log2(65.0 / 50.0) - 1.0;
    auditoryWeight = new double[nTarget];
    for (int i = 0; i < nTarget; i++) {
      auditoryWeight[i] = 0.5 + Math.atan(3.0 * (i + 1 - atanS) / ppo) / Math.PI;
    }
    nOctaves = (float) octaves;
    pointsPerOctave = (float) ppo;
    minLog2F = (float) fminT;
    maxLog2F = (float) fmaxT;
    y = new double[nMag];
    y2 = new double[nMag];
    u = new double[nMag];
    peakPositions = new int[nMag + 2];
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2.0);
  }

  /** Rescales {@code mag[0..nMag)} into {@code out[0..nMag)}. */
  void apply(float[] mag, float[] out) {
    for (int i = 0; i < nMag; i++) {
      y[i] = mag[i];
    }
    enhancePeaks(y, nMag);
    smooth(y, nMag);
    spline();
    for (int i = 0; i < nMag; i++) {
      int k = lower[i];
      double a = coefA[i];
      float v = (float) (a * y[k] + (1.0 - a) * y[k + 1] + coefC[i] * y2[k] + coefD[i] * y2[k + 1]);
      out[i] = v > 0f ? (float) (v * auditoryWeight[i]) : 0f;
    }
  }

  /**
   * Zeroes the valleys between spectral maxima, keeping 2 bins on each flank of every maximum
   * ({@code smileDsp_specEnhanceSHS}). A spectrum with a single maximum keeps only its first 3
   * bins: openSMILE reads the unset second slot of its maxima list (0) there, and that is
   * reproduced.
   */
  private void enhancePeaks(double[] a, int n) {
    int nmax = 0;
    if (a[0] > a[1]) {
      peakPositions[nmax++] = 0;
    }
    for (int i = 1; i < n - 1; i++) {
      if (a[i] > a[i - 1] && a[i] >= a[i + 1]) {
        peakPositions[nmax++] = i;
      }
    }
    if (a[n - 1] > a[n - 2]) {
      peakPositions[nmax++] = n - 1;
    }
    if (nmax == 1) {
      for (int j = 3; j < n; j++) {
        a[j] = 0;
      }
    } else {
      for (int i = 1; i < nmax; i++) {
        for (int j = peakPositions[i - 1] + 3; j <= peakPositions[i] - 3; j++) {
          a[j] = 0;
        }
      }
    }
  }

  /** In-place [1 2 1]/4 smoothing, left neighbour of bin 0 taken as 0, last bin untouched. */
  private static void smooth(double[] a, int n) {
    double prev = 0.0;
    for (int i = 0; i < n - 1; i++) {
      double ai = a[i];
      a[i] = (prev + 2.0 * ai + a[i + 1]) / 4.0;
      prev = ai;
    }
  }

  /** Second derivatives of the natural cubic spline through (log2 f, y). */
  private void spline() {
    u[0] = 0.0;
    for (int i = 1; i < nMag - 1; i++) {
      double ut = (y[i + 1] - y[i]) * invDiff1[i] - (y[i] - y[i - 1]) * invDiff2[i];
      u[i] = pivot[i] * (6.0 * ut - sigma[i] * u[i - 1]);
    }
    y2[nMag - 1] = 0.0;
    for (int j = nMag - 2; j >= 0; j--) {
      y2[j] = y2Coef[j] * y2[j + 1] + u[j];
    }
  }
}
