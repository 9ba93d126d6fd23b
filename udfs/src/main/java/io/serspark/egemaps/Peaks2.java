package io.serspark.egemaps;

/**
 * openSMILE's cFunctionalPeaks2 (relThresh 0.1, dynRelThresh 0) for the four slope statistics and
 * the number of peaks eGeMAPS uses. Arithmetic is in float, as openSMILE's FLOAT_DMEM, so that
 * thresholds and the 1.05 "higher maximum" rule decide exactly as there.
 *
 * <p>openSMILE's quirks are kept on purpose (README of the anchors, "Oddities" 13): the contour
 * start is the first min/max anchor; falling slopes are stored positive, except the tail segment
 * after the last extremum, which is added with its sign; without any extremum one slope (last −
 * first) / N is used, not divided by the period; the standard deviations exclude the tail slope but
 * divide by a count that includes it.
 */
final class Peaks2 {
  /** Output of one contour. */
  record Result(
      int numPeaks,
      float meanRisingSlope,
      float stddevRisingSlope,
      float meanFallingSlope,
      float stddevFallingSlope) {}

  private static final int MIN = 0;
  private static final int MAX = 1;

  // Candidate extrema of the current contour; alive[] marks those still in openSMILE's linked list.
  private int[] type = new int[64];
  private int[] pos = new int[64];
  private float[] val = new float[64];
  private boolean[] alive = new boolean[64];

  Result compute(float[] in, int n, float min, float max, float periodS) {
    float range = max - min;
    float absThresh = EgemapsConfig.PEAKS_REL_THRESH * range;
    int m = collectCandidates(in, n);

    // step 2a: mutual minimum rise/fall; small maxima are discarded or merged with the previous one
    float lastVal = in[0];
    float lastMin = in[0];
    float lastMax = in[0];
    boolean minFlag = false;
    int lastMaxIdx = -1;
    for (int k = 0; k < m; k++) {
      float y = val[k];
      if (type[k] == MAX) {
        if (Math.abs(y - lastVal) < absThresh) {
          if (y - lastMin < absThresh) {
            alive[k] = false;
          } else {
            if (y > lastMax * 1.05) { // a double comparison in openSMILE (1.05 is a double literal)
              if (lastMaxIdx >= 0) alive[lastMaxIdx] = false;
              lastMax = y;
              lastMaxIdx = k;
            } else if (minFlag) {
              lastMax = y;
              lastMaxIdx = k;
            } else {
              alive[k] = false;
            }
            minFlag = false;
          }
        } else {
          minFlag = false;
          lastMax = y;
          lastMaxIdx = k;
        }
      } else if (!(Math.abs(y - lastVal) < absThresh)) {
        minFlag = true;
        lastMin = y;
      }
      // openSMILE updates lastVal also for the element it has just discarded
      lastVal = y;
    }

    // step 2b: eliminate minima that are not deep enough below the preceding maximum
    lastMax = in[0];
    for (int k = 0; k < m; k++) {
      if (!alive[k]) continue;
      if (type[k] == MIN) {
        if (lastMax - val[k] < absThresh) alive[k] = false;
      } else {
        lastMax = val[k];
      }
    }

    // step 3: enforce alternation; of two maxima (minima) in a row keep the higher (lower)
    minFlag = false;
    boolean init = true;
    int lastMinIdx = -1;
    lastMaxIdx = -1;
    lastMin = in[0];
    lastMax = in[0];
    for (int k = 0; k < m; k++) {
      if (!alive[k]) continue;
      if (type[k] == MIN) {
        if (!minFlag || init) {
          lastMin = val[k];
          lastMinIdx = k;
          minFlag = true;
          init = false;
        } else if (val[k] >= lastMin) {
          alive[k] = false;
        } else {
          alive[lastMinIdx] = false;
          lastMinIdx = k;
          lastMin = val[k];
        }
      } else {
        if (minFlag || init) {
          lastMax = val[k];
          lastMaxIdx = k;
          minFlag = false;
          init = false;
        } else if (val[k] <= lastMax) {
          alive[k] = false;
        } else {
          alive[lastMaxIdx] = false;
          lastMaxIdx = k;
          lastMax = val[k];
        }
      }
    }

    int numPeaks = 0;
    for (int k = 0; k < m; k++) if (alive[k] && type[k] == MAX) numPeaks++;
    return slopes(in, n, m, periodS, numPeaks);
  }

  private Result slopes(float[] in, int n, int m, float period, int numPeaks) {
    float sumRising = 0f;
    float sumFalling = 0f;
    int nRising = 0;
    int nFalling = 0;
    int lastIsMax = -1;
    float lastMax = in[0];
    float lastMin = in[0];
    int lastMaxPos = 0;
    int lastMinPos = 0;
    for (int k = 0; k < m; k++) {
      if (!alive[k]) continue;
      if (type[k] == MIN) {
        lastMin = val[k];
        lastMinPos = pos[k];
        if (lastMinPos - lastMaxPos > 0) {
          sumFalling += (lastMax - lastMin) / ((float) (lastMinPos - lastMaxPos) * period);
          nFalling++;
          lastIsMax = 0;
        }
      } else {
        lastMax = val[k];
        lastMaxPos = pos[k];
        if (lastMaxPos - lastMinPos > 0) {
          sumRising += (lastMax - lastMin) / ((float) (lastMaxPos - lastMinPos) * period);
          nRising++;
          lastIsMax = 1;
        }
      }
    }
    if (lastIsMax == 1) {
      if (n - 1 - lastMaxPos > 0) {
        sumFalling += (in[n - 1] - lastMax) / ((float) (n - 1 - lastMaxPos) * period);
        nFalling++;
      }
    } else if (lastIsMax == 0) {
      if (n - 1 - lastMinPos > 0) {
        sumRising += (in[n - 1] - lastMin) / ((float) (n - 1 - lastMinPos) * period);
        nRising++;
      }
    } else {
      float slope = (in[n - 1] - in[0]) / (float) n;
      if (slope > 0) {
        sumRising = slope;
        nRising = 1;
      } else if (slope < 0) {
        sumFalling = slope;
        nFalling = 1;
      }
    }
    float meanRising = nRising > 1 ? sumRising / nRising : sumRising;
    float meanFalling = nFalling > 1 ? sumFalling / nFalling : sumFalling;

    float varRising = 0f;
    float varFalling = 0f;
    lastMax = in[0];
    lastMin = in[0];
    lastMaxPos = 0;
    lastMinPos = 0;
    for (int k = 0; k < m; k++) {
      if (!alive[k]) continue;
      if (type[k] == MIN) {
        lastMin = val[k];
        lastMinPos = pos[k];
        if (lastMinPos - lastMaxPos > 0) {
          float d =
              (lastMax - lastMin) / ((float) (lastMinPos - lastMaxPos) * period) - meanFalling;
          varFalling += d * d;
        }
      } else {
        lastMax = val[k];
        lastMaxPos = pos[k];
        if (lastMaxPos - lastMinPos != 0) {
          float d = (lastMax - lastMin) / ((float) (lastMaxPos - lastMinPos) * period) - meanRising;
          varRising += d * d;
        }
      }
    }
    if (nRising > 1) varRising /= nRising;
    if (nFalling > 1) varFalling /= nFalling;
    float sdRising = varRising > 0f ? (float) Math.sqrt(varRising) : 0f;
    float sdFalling = varFalling > 0f ? (float) Math.sqrt(varFalling) : 0f;
    return new Result(numPeaks, meanRising, sdRising, meanFalling, sdFalling);
  }

  /** Step 1: every strict local max / min at indices 2 .. n−3. */
  private int collectCandidates(float[] in, int n) {
    int m = 0;
    for (int i = 2; i < n - 2; i++) {
      int t;
      if (in[i] > in[i - 1] && in[i] > in[i + 1]) {
        t = MAX;
      } else if (in[i] < in[i - 1] && in[i] < in[i + 1]) {
        t = MIN;
      } else {
        continue;
      }
      if (m == type.length) grow();
      type[m] = t;
      pos[m] = i;
      val[m] = in[i];
      alive[m] = true;
      m++;
    }
    return m;
  }

  private void grow() {
    int size = type.length * 2;
    type = java.util.Arrays.copyOf(type, size);
    pos = java.util.Arrays.copyOf(pos, size);
    val = java.util.Arrays.copyOf(val, size);
    alive = java.util.Arrays.copyOf(alive, size);
  }
}
