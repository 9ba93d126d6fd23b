package io.serspark.egemaps.fidelity;

import io.serspark.egemaps.EgemapsNames;
import io.serspark.metrics.Correlation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Our 88 functionals against openSMILE's, feature by feature across files: Spearman, Pearson, median |diff| / IQR,
 * and openSMILE's own self-consistency floor. The targets: median Spearman over the 88 features, and every feature's
 * Spearman at least min(cap, floor - 0.05).
 */
public final class FidelityTable {
  public record Result(String text, double medianSpearman, List<String> failing) {}

  private FidelityTable() {}

  /**
   * @param ours one row of 88 values per file (NaN = undefined: that file is left out of that feature)
   * @param reference openSMILE's 88 values for the same files, same order
   */
  public static Result compare(String title, List<double[]> ours, List<double[]> reference, Map<String, Double> floors,
      double featureCap) {
    StringBuilder out = new StringBuilder();
    List<String> failing = new ArrayList<>();
    double[] spearmans = new double[88];
    out.append(String.format("%n%s: %d files%n%-46s %9s %9s %12s %7s %6s%n", title, ours.size(), "feature",
        "spearman", "pearson", "med|d|/IQR", "floor", "NaNs"));
    for (int i = 0; i < 88; i++) {
      String name = EgemapsNames.FUNCTIONALS.get(i);
      double[][] pairs = definedPairs(ours, reference, i);
      int nans = ours.size() - pairs[0].length;
      double s = Correlation.spearman(pairs[0], pairs[1]);
      double p = Correlation.pearson(pairs[0], pairs[1]);
      double d = Correlation.medianAbsDiffOverIqr(pairs[0], pairs[1]);
      double floor = floors.get(name);
      double target = Math.min(featureCap, floor - 0.05);
      boolean ok = s >= target;
      spearmans[i] = s;
      if (!ok) failing.add(String.format("%s (%.3f < %.3f)", name, s, target));
      out.append(String.format("%-46s %9.4f %9.4f %12.4g %7.3f %6d %s%n", name, s, p, d, floor, nans,
          ok ? "" : "FAIL"));
    }
    double median = Correlation.median(spearmans);
    out.append(String.format("%s: median Spearman over 88 = %.4f; %d features below min(%.2f, floor - 0.05): %s%n",
        title, median, failing.size(), featureCap, failing));
    return new Result(out.toString(), median, failing);
  }

  private static double[][] definedPairs(List<double[]> ours, List<double[]> theirs, int i) {
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

  /** {@code spearman_min} per feature from openSMILE's {@code emodb.self-consistency.tsv}. */
  public static Map<String, Double> floors(Path selfConsistencyTsv) {
    try {
      Map<String, Double> floors = new HashMap<>();
      List<String> lines = Files.readAllLines(selfConsistencyTsv);
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

  /** openSMILE's functionals CSV ({@code file}, then the 88 features) as file → values. */
  public static Map<String, double[]> openSmileCsv(Path csv) {
    try {
      List<String> lines = Files.readAllLines(csv);
      List<String> header = List.of(lines.get(0).split(","));
      int[] col = new int[88];
      for (int i = 0; i < 88; i++) {
        col[i] = header.indexOf(EgemapsNames.FUNCTIONALS.get(i));
        if (col[i] < 0) throw new IllegalArgumentException(csv + " lacks " + EgemapsNames.FUNCTIONALS.get(i));
      }
      Map<String, double[]> rows = new java.util.TreeMap<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        double[] v = new double[88];
        for (int i = 0; i < 88; i++) v[i] = Double.parseDouble(f[col[i]]);
        rows.put(f[0].replace("\"", ""), v);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
