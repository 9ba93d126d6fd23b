package io.serspark.egemaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The functionals alone: computed from openSMILE's own functional inputs ({@code
 * emodb.lld_funcinput/}) they must reproduce openSMILE's 88 values ({@code emodb.functionals.csv})
 * for the 10 dumped EmoDB files.
 *
 * <p>The 60 ms-stream levels see a data-dependent prefix of their frames (frames still inside
 * openSMILE's Viterbi pitch buffer at end of input are never seen); the dump holds all frames, so
 * the test finds the one prefix length per file that the README says reproduces all 88 values, and
 * reports it.
 */
class FunctionalsFromDumpsTest {
  static final List<String> FILES =
      List.of(
          "03a02Wb", "08a01Lc", "09a01Ea", "10a05Aa", "11a05Fb", "12a05Ta", "13a05Nb", "14a02Wa",
          "15a01La", "16a01Ec");
  static final double REL_TOL = 1e-4;

  /**
   * Relative error against max(|value|, 1 % of the feature's inter-quartile range over all 535
   * EmoDB files). The floor matters only for means that cancel to almost nothing (slopeUV500-1500
   * of 12a05Ta is −8.4e-7 from frame values of typical size 1e-2): there the dump's own 7-digit
   * printing of the inputs, not the functional, limits the agreement.
   */
  static double[] scaleFloor;

  @Test
  void allEightyEightFunctionalsMatchOpenSmileFromItsOwnInputs() {
    Map<String, double[]> reference = Anchors.functionals("emodb.functionals.csv");
    scaleFloor = new double[88];
    for (int i = 0; i < 88; i++) {
      final int f = i;
      double[] v = reference.values().stream().mapToDouble(r -> r[f]).sorted().toArray();
      scaleFloor[i] = 0.01 * (v[(int) (0.75 * (v.length - 1))] - v[(int) (0.25 * (v.length - 1))]);
    }
    EgemapsFunctionals functionals = new EgemapsFunctionals();
    double worstOverall = 0;
    for (String file : FILES) {
      double[] want = reference.get("wav/" + file + ".wav");
      Dump dump = Dump.read(file);
      int bestPrefix = -1;
      double bestErr = Double.POSITIVE_INFINITY;
      float[] best = null;
      for (int p = dump.n60Smoothed; p >= dump.n60Smoothed - 8; p--) {
        float[] got = functionals.compute(dump.inputs(p));
        double err = worstRelativeError(got, want);
        if (err < bestErr) {
          bestErr = err;
          bestPrefix = p;
          best = got;
        }
      }
      int worstIndex = worstIndex(best, want);
      System.out.printf(
          "%s: n20=%d n60=%d prefix=%d worst rel err=%.3g (%s: %s vs %s)%n",
          file,
          dump.n20,
          dump.n60Smoothed - 1,
          bestPrefix,
          bestErr,
          EgemapsNames.FUNCTIONALS.get(worstIndex),
          best[worstIndex],
          want[worstIndex]);
      for (int i = 0; i < 88; i++) {
        double tol = REL_TOL * Math.max(Math.abs(want[i]), scaleFloor[i]);
        assertEquals(
            want[i],
            best[i],
            tol,
            file + " " + EgemapsNames.FUNCTIONALS.get(i) + " (prefix " + bestPrefix + ")");
      }
      worstOverall = Math.max(worstOverall, bestErr);
    }
    System.out.printf("worst relative error over 10 files x 88: %.3g%n", worstOverall);
    assertTrue(worstOverall <= REL_TOL);
  }

  static int worstIndex(float[] got, double[] want) {
    int w = 0;
    for (int i = 0; i < want.length; i++) {
      if (relativeError(got[i], want[i], i) > relativeError(got[w], want[w], w)) w = i;
    }
    return w;
  }

  static double relativeError(double got, double want, int i) {
    double scale = Math.max(Math.abs(want), scaleFloor[i]);
    return scale == 0 ? Math.abs(got - want) : Math.abs(got - want) / scale;
  }

  static double worstRelativeError(float[] got, double[] want) {
    double worst = 0;
    for (int i = 0; i < want.length; i++) {
      worst = Math.max(worst, relativeError(got[i], want[i], i));
    }
    return worst;
  }

  /** The seven dumped levels of one file. */
  static final class Dump {
    final int n20;
    final int n60Smoothed; // n60 + 1 (the smoother's extra frame)
    final Anchors.Table f0, loudness, allFrames, voiced, spectralV, spectralUV, energy;

    private Dump(String file) {
      Path dir = Anchors.egemaps().resolve("emodb.lld_funcinput");
      f0 = Anchors.csv(dir.resolve(file + ".F0.csv"));
      loudness = Anchors.csv(dir.resolve(file + ".loudness.csv"));
      allFrames = Anchors.csv(dir.resolve(file + ".allframes.csv"));
      voiced = Anchors.csv(dir.resolve(file + ".voiced.csv"));
      spectralV = Anchors.csv(dir.resolve(file + ".spectralV.csv"));
      spectralUV = Anchors.csv(dir.resolve(file + ".spectralUV.csv"));
      energy = Anchors.csv(dir.resolve(file + ".energyRMS.csv"));
      n20 = energy.rows();
      n60Smoothed = f0.rows();
    }

    static Dump read(String file) {
      return new Dump(file);
    }

    FunctionalInputs inputs(int prefix) {
      return new FunctionalInputs(
          f0.floats(2, prefix),
          loudness.floats(2, n20),
          columns(allFrames, n20),
          columns(voiced, prefix),
          columns(spectralV, prefix),
          columns(spectralUV, prefix),
          energy.floats(2, n20));
    }

    private static float[][] columns(Anchors.Table t, int rows) {
      float[][] c = new float[t.header().size() - 2][];
      for (int i = 0; i < c.length; i++) c[i] = t.floats(i + 2, rows);
      return c;
    }
  }

  @Test
  void dumpsHaveTheLayoutTheReadmeDescribes() {
    Dump d = Dump.read("03a02Wb");
    assertEquals(d.n20 + 1, d.loudness.rows(), "smoothed 20 ms level = n20 + 1 frames");
    assertEquals(14, d.voiced.header().size() - 2);
    assertEquals(9, d.spectralV.header().size() - 2);
    assertEquals(5, d.spectralUV.header().size() - 2);
    assertTrue(Arrays.stream(d.f0.column("F0semitoneFrom27.5Hz_sma3nz")).anyMatch(v -> v > 0));
  }
}
