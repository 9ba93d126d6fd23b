package io.serspark.egemaps.voice;

/**
 * openSMILE's {@code cPitchSmootherViterbi} (eGeMAPS weights): an incremental Viterbi search over
 * the F0 candidates of each frame plus one "unvoiced" state, with a ring buffer of {@code
 * bufferLength} frames. A frame's decision is released as soon as all surviving paths agree on it,
 * or forced from the best path when the buffer is full; the frames still undecided at the end of
 * the input are decided from the best final path ("flush").
 *
 * <p>Reproduced quirks, because they change the output: the transition weight for F0 jumps is used
 * for both the jump and its "delta" term (openSMILE's {@code setWeights} copies {@code tvv} into
 * {@code tvvd}); an unvoiced-to-unvoiced transition costs 1 (the intended branch is unreachable in
 * the original); and the delta term compares with the last jump evaluated anywhere in the trellis,
 * in openSMILE's loop order.
 *
 * <p>The number of frames released before the flush is what openSMILE's functionals see (README
 * "behaviour notes").
 */
final class ViterbiPitchSmoother {
  private final int nCand;
  private final int nStates;
  private final int bufLen;
  private final double wLocal = 2.0;
  private final double wTvv = 10.0;
  private final double wTvvd = 10.0;
  private final double wTvuv = 10.0;
  private final double wThr = 4.0;
  private final double wRange = 1.0;
  private final float voiceThresh;

  private final double[] pathCosts;
  private final double[] pathCostsNew;
  private int[][] paths;
  private int[][] pathsNew;
  private double lastChange = 1.0;

  /** Chosen state per frame (nCand = unvoiced) after {@link #run}. */
  int[] state = new int[0];

  /** Frames released before the end-of-input flush. */
  int released;

  ViterbiPitchSmoother(int nCandidates, int bufferLength, float voicingCutoff) {
    this.nCand = nCandidates;
    this.nStates = nCandidates + 1;
    this.bufLen = bufferLength;
    this.voiceThresh = voicingCutoff;
    pathCosts = new double[nStates];
    pathCostsNew = new double[nStates];
    paths = new int[nStates][bufferLength];
    pathsNew = new int[nStates][bufferLength];
  }

  /**
   * Smooths {@code nFrames} frames; {@code f0[t*nCand + c]} and {@code voicing[t*nCand + c]} are
   * the candidates.
   */
  void run(float[] f0, float[] voicing, int nFrames) {
    if (state.length < nFrames) {
      state = new int[nFrames];
    }
    lastChange = 1.0;
    long convIdx = -1;
    long pathIdx = 0;
    for (int t = 0; t < nFrames; t++) {
      int cur = t * nCand;
      if (pathIdx == 0) {
        convIdx = -1;
        for (int i = 0; i < nStates; i++) {
          pathCosts[i] = localCost(i, f0, voicing, cur);
          paths[i][0] = i;
        }
      } else {
        int prev = cur - nCand;
        int slot = (int) (pathIdx % bufLen);
        for (int i = 0; i < nStates; i++) {
          int minState = 0;
          double minCost = transitionCost(i, 0, f0, prev, cur) + pathCosts[0];
          for (int j = 1; j < nStates; j++) {
            double c = transitionCost(i, j, f0, prev, cur) + pathCosts[j];
            if (c < minCost) {
              minState = j;
              minCost = c;
            }
          }
          pathCostsNew[i] = minCost + localCost(i, f0, voicing, cur);
          System.arraycopy(paths[minState], 0, pathsNew[i], 0, bufLen);
          pathsNew[i][slot] = i;
        }
        System.arraycopy(pathCostsNew, 0, pathCosts, 0, nStates);
        int[][] tmp = paths;
        paths = pathsNew;
        pathsNew = tmp;
      }
      pathIdx++;
      if (pathIdx - convIdx > bufLen) {
        int minState = bestState();
        convIdx++;
        state[(int) convIdx] = paths[minState][(int) (convIdx % bufLen)];
      } else {
        for (long n = convIdx + 1; n < pathIdx; n++) {
          int s = (int) (n % bufLen);
          int x = paths[0][s];
          boolean match = true;
          for (int i = 1; i < nStates; i++) {
            if (paths[i][s] != x) {
              match = false;
              break;
            }
          }
          if (!match) {
            break;
          }
          convIdx++;
          state[(int) convIdx] = x;
        }
      }
    }
    released = (int) (convIdx + 1);
    int minState = bestState();
    for (long n = convIdx + 1; n < pathIdx; n++) {
      state[(int) n] = paths[minState][(int) (n % bufLen)];
    }
  }

  private int bestState() {
    int minState = 0;
    for (int i = 1; i < nStates; i++) {
      if (pathCosts[i] < pathCosts[minState]) {
        minState = i;
      }
    }
    return minState;
  }

  private double localCost(int i, float[] f0, float[] voicing, int base) {
    if (i < nCand) {
      double pv = voicing[base + i];
      double thr = 0.0;
      if (pv < 0.01) {
        pv = 0.01;
      }
      if (pv > 1.0) {
        pv = 1.0;
      }
      if (pv < voiceThresh) {
        thr = wThr;
      }
      return (-Math.log(pv) + thr) * wLocal + frequencyWeight(f0[base + i]) * wRange;
    }
    // the unvoiced state is penalised when any candidate passes the voicing threshold
    double flag = 0.0;
    for (int j = 0; j < nCand; j++) {
      if (voicing[base + j] >= voiceThresh) {
        flag = wThr;
        break;
      }
    }
    return wLocal * flag;
  }

  /** Cost from state j of the previous frame into state i of the current frame. */
  private double transitionCost(int i, int j, float[] f0, int prev, int cur) {
    if (i < nCand && j < nCand) {
      float f0Prev = f0[prev + j];
      float f0Cur = f0[cur + i];
      if (f0Prev == 0f || f0Cur == 0f) {
        return 999.0;
      }
      double r = Math.log((double) (f0Cur / f0Prev));
      double x = wTvv * Math.abs(r) + wTvvd * Math.abs(r - lastChange);
      lastChange = r;
      return x;
    }
    if (i < nCand || j < nCand) {
      lastChange = 0.0;
      return wTvuv;
    }
    return 1.0;
  }

  /** Preference for 100-350 Hz, openSMILE's built-in piecewise-linear range weight. */
  private static double frequencyWeight(float f) {
    if (f > 0.0 && f < 100.0) {
      return -(1.0 / 100.0) * f + 1.0;
    } else if (f >= 100.0 && f < 350.0) {
      return 0.0;
    } else if (f >= 350.0 && f < 600.0) {
      return (f - 350.0) / 250.0;
    } else if (f >= 600.0) {
      return 1.2;
    } else if (f <= 0) {
      return 2.0;
    }
    return 0.0;
  }
}
