package io.serspark.egemaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The extractor alone against the real openSMILE on the same samples: all 535 EmoDB files
 * ({@code emodb.functionals.csv}) and the 197 RAVDESS files converted to 16 kHz ({@code ravdess.16k_wav/},
 * {@code ravdess.16k.functionals.csv}).
 *
 * <p>Per feature: Spearman and Pearson r across files and the median |ours − openSMILE| / IQR(openSMILE). Targets
 * (never loosened): median Spearman over the 88 ≥ 0.99, and every feature's Spearman ≥ min(0.95, floor − 0.05),
 * floor = openSMILE's own {@code spearman_min} under inaudible perturbations ({@code emodb.self-consistency.tsv}).
 * The full table is printed.
 */
class EgemapsFidelityTest {
  static final double MEDIAN_TARGET = 0.99;

  @Test
  void emodbMatchesOpenSmile() {
    Map<String, double[]> reference = Anchors.functionals("emodb.functionals.csv");
    Path corpus = Anchors.root().resolve("shared/corpora/emodb");
    assertEquals(535, reference.size());
    check("EmoDB", reference, corpus);
  }

  @Test
  void ravdessAt16kHzMatchesOpenSmile() {
    Map<String, double[]> reference = Anchors.functionals("ravdess.16k.functionals.csv");
    Path corpus = Anchors.egemaps().resolve("ravdess.16k_wav");
    assertEquals(197, reference.size());
    check("RAVDESS 16 kHz", reference, corpus);
  }

  private static void check(String corpusName, Map<String, double[]> reference, Path corpus) {
    EgemapsExtractor extractor = new EgemapsExtractor();
    List<double[]> ours = new ArrayList<>();
    List<double[]> theirs = new ArrayList<>();
    Map<String, Integer> statuses = new HashMap<>();
    for (Map.Entry<String, double[]> row : reference.entrySet()) {
      EgemapsResult r = extractor.extract(Anchors.wav(corpus.resolve(row.getKey())));
      statuses.merge(r.status(), 1, Integer::sum);
      double[] v = new double[88];
      for (int i = 0; i < 88; i++) v[i] = r.values()[i];
      ours.add(v);
      theirs.add(row.getValue());
    }
    Map<String, Double> floors = floors();
    List<String> failing = new ArrayList<>();
    double[] spearmans = new double[88];
    System.out.printf("%n%s: %d files, statuses %s%n", corpusName, ours.size(), statuses);
    System.out.printf("%-46s %9s %9s %12s %7s %6s %s%n", "feature", "spearman", "pearson", "med|d|/IQR",
        "floor", "NaNs", "");
    for (int i = 0; i < 88; i++) {
      String name = EgemapsNames.FUNCTIONALS.get(i);
      double[][] pairs = pairs(ours, theirs, i);
      int nans = ours.size() - pairs[0].length;
      double s = Correlation.spearman(pairs[0], pairs[1]);
      double p = Correlation.pearson(pairs[0], pairs[1]);
      double d = Correlation.medianAbsDiffOverIqr(pairs[0], pairs[1]);
      double floor = floors.get(name);
      double target = Math.min(0.95, floor - 0.05);
      boolean ok = s >= target;
      spearmans[i] = s;
      if (!ok) failing.add(String.format("%s (%.3f < %.3f)", name, s, target));
      System.out.printf("%-46s %9.4f %9.4f %12.4g %7.3f %6d %s%n", name, s, p, d, floor, nans, ok ? "" : "FAIL");
    }
    double median = Correlation.median(spearmans);
    System.out.printf("%s: median Spearman over 88 = %.4f (target %.2f); %d features below their target: %s%n",
        corpusName, median, MEDIAN_TARGET, failing.size(), failing);
    assertTrue(median >= MEDIAN_TARGET, corpusName + ": median Spearman " + median);
    assertTrue(failing.isEmpty(), corpusName + ": features below min(0.95, floor - 0.05): " + failing);
  }

  /** Files where both values are defined (ours NaN = undefined; openSMILE then writes 0 or −201). */
  private static double[][] pairs(List<double[]> ours, List<double[]> theirs, int i) {
    double[] a = new double[ours.size()];
    double[] b = new double[ours.size()];
    int n = 0;
    for (int k = 0; k < ours.size(); k++) {
      if (Double.isNaN(ours.get(k)[i])) continue;
      a[n] = ours.get(k)[i];
      b[n] = theirs.get(k)[i];
      n++;
    }
    return new double[][] {Arrays.copyOf(a, n), Arrays.copyOf(b, n)};
  }

  static Map<String, Double> floors() {
    try {
      Map<String, Double> floors = new HashMap<>();
      List<String> lines = Files.readAllLines(Anchors.egemaps().resolve("emodb.self-consistency.tsv"));
      List<String> header = List.of(lines.get(0).split("\t"));
      int col = header.indexOf("spearman_min");
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split("\t");
        floors.put(f[0], Double.parseDouble(f[col]));
      }
      return floors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
