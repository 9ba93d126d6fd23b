package io.serspark.egemaps.voice;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frame-by-frame agreement of the unsmoothed 60 ms-stream LLDs with openSMILE's dump ({@code
 * emodb.lld_unsmoothed/<name>.csv}) on the 10 EmoDB anchor files.
 */
class VoiceStreamFrameTest {
  static final String[] FILES = {
    "03a02Wb", "08a01Lc", "09a01Ea", "10a05Aa", "11a05Fb", "12a05Ta", "13a05Nb", "14a02Wa",
    "15a01La", "16a01Ec"
  };

  /** Per-LLD pooled comparison over all files. */
  static final class Pooled {
    final List<Double> ours = new ArrayList<>();
    final List<Double> ref = new ArrayList<>();
    int close;

    double correlation() {
      return io.serspark.metrics.Correlation.pearson(
          ours.stream().mapToDouble(Double::doubleValue).toArray(),
          ref.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }

  @Test
  void agreesFrameByFrameWithOpenSmile() throws Exception {
    Path anchors = AnchorFiles.anchors();
    int nLld = VoiceLlds.NAMES.size();
    Pooled[] pooled = new Pooled[nLld];
    for (int i = 0; i < nLld; i++) {
      pooled[i] = new Pooled();
    }
    long frames = 0;
    long voicingAgree = 0;
    long bothVoiced = 0;
    long f0Close = 0;
    VoiceStream stream = new VoiceStream();
    for (String name : FILES) {
      float[] x =
          AnchorFiles.readWav(AnchorFiles.shared().resolve("corpora/emodb/wav/" + name + ".wav"));
      VoiceLlds llds = stream.compute(x);
      List<String[]> csv =
          AnchorFiles.readCsv(anchors.resolve("emodb.lld_unsmoothed/" + name + ".csv"));
      String[] header = csv.get(0);
      int first = Arrays.asList(header).indexOf(VoiceLlds.NAMES.get(0));
      for (int j = 0; j < nLld; j++) {
        assertTrue(header[first + j].equals(VoiceLlds.NAMES.get(j)), "column " + header[first + j]);
      }
      int n = csv.size() - 1;
      assertTrue(n == llds.frames(), name + ": frames " + llds.frames() + " vs openSMILE " + n);
      for (int t = 0; t < n; t++) {
        String[] row = csv.get(t + 1);
        double refF0 = Double.parseDouble(row[first]);
        double ourF0 = llds.lld(0)[t];
        boolean refV = refF0 > 0;
        boolean ourV = ourF0 > 0;
        frames++;
        if (refV == ourV) {
          voicingAgree++;
        }
        if (refV && ourV) {
          bothVoiced++;
          if (Math.abs(refF0 - ourF0) <= 0.1) {
            f0Close++;
          }
        }
        for (int j = 0; j < nLld; j++) {
          boolean formantTrack =
              j == VoiceLlds.F1_FREQUENCY
                  || j == VoiceLlds.F1_BANDWIDTH
                  || j == VoiceLlds.F2_FREQUENCY
                  || j == VoiceLlds.F2_BANDWIDTH
                  || j == VoiceLlds.F3_FREQUENCY
                  || j == VoiceLlds.F3_BANDWIDTH;
          if (!formantTrack && !(refV && ourV)) {
            continue;
          }
          double r = Double.parseDouble(row[first + j]);
          double o = llds.lld(j)[t];
          pooled[j].ours.add(o);
          pooled[j].ref.add(r);
          if (Math.abs(o - r) <= Math.max(1e-3, 0.01 * Math.abs(r))) {
            pooled[j].close++;
          }
        }
      }
    }
    double voicingAgreement = voicingAgree / (double) frames;
    double f0Within = f0Close / (double) bothVoiced;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-22s %8s %12s %14s%n", "LLD", "frames", "correlation", "within 1%"));
    for (int j = 0; j < nLld; j++) {
      Pooled p = pooled[j];
      sb.append(
          String.format(
              "%-22s %8d %12.4f %13.1f%%%n",
              VoiceLlds.NAMES.get(j),
              p.ours.size(),
              p.correlation(),
              100.0 * p.close / p.ours.size()));
    }
    sb.append(
        String.format(
            "F0 voicing agreement %.2f%% of %d frames; F0 within 0.1 st on %.2f%% of %d frames "
                + "voiced in both%n",
            100 * voicingAgreement, frames, 100 * f0Within, bothVoiced));
    System.out.println(sb);
    assertTrue(voicingAgreement >= 0.97, "F0 voicing agreement " + voicingAgreement + "\n" + sb);
    assertTrue(f0Within >= 0.95, "F0 within 0.1 st " + f0Within + "\n" + sb);
    for (int j = 1; j < nLld; j++) {
      assertTrue(
          pooled[j].correlation() >= 0.95,
          VoiceLlds.NAMES.get(j) + " correlation " + pooled[j].correlation() + "\n" + sb);
    }
  }

  /**
   * openSMILE's 60 ms-stream functionals see only the frames the Viterbi smoother released before
   * the end of input. Recomputing F1amplitudeLogRelF0_sma3nz_amean (every frame is non-zero there:
   * −201 when unvoiced) over the first {@link VoiceLlds#framesSeenByFunctionals()} rows of
   * openSMILE's own functional input must give openSMILE's value.
   */
  @Test
  void functionalsSeeTheFramesReleasedByTheViterbiSmoother() throws Exception {
    Path anchors = AnchorFiles.anchors();
    List<String[]> funcs = AnchorFiles.readCsv(anchors.resolve("emodb.functionals.csv"));
    int col = Arrays.asList(funcs.get(0)).indexOf("F1amplitudeLogRelF0_sma3nz_amean");
    VoiceStream stream = new VoiceStream();
    StringBuilder sb = new StringBuilder();
    for (String name : FILES) {
      float[] x =
          AnchorFiles.readWav(AnchorFiles.shared().resolve("corpora/emodb/wav/" + name + ".wav"));
      VoiceLlds llds = stream.compute(x);
      double expected = Double.NaN;
      for (String[] row : funcs) {
        if (row[0].equals("wav/" + name + ".wav")) {
          expected = Double.parseDouble(row[col]);
        }
      }
      List<String[]> voiced =
          AnchorFiles.readCsv(anchors.resolve("emodb.lld_funcinput/" + name + ".voiced.csv"));
      int amp = Arrays.asList(voiced.get(0)).indexOf("F1amplitudeLogRelF0_sma3nz");
      int k = llds.framesSeenByFunctionals();
      double sum = 0;
      int cnt = 0;
      for (int t = 0; t < k; t++) {
        double v = Double.parseDouble(voiced.get(t + 1)[amp]);
        if (v != 0) {
          sum += v;
          cnt++;
        }
      }
      double mean = cnt > 0 ? sum / cnt : 0;
      sb.append(
          String.format(
              "%s: n60 %d, seen %d, amean over seen %.6e vs openSMILE %.6e%n",
              name, llds.frames(), k, mean, expected));
      assertTrue(Math.abs(mean - expected) <= 1e-5 * Math.abs(expected), sb.toString());
    }
    System.out.print(sb);
  }
}
