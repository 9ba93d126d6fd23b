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
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Our 88 functionals against openSMILE's, feature by feature across files, with checks that can
 * fail (test support: not in the main jar). Per feature:
 *
 * <ul>
 *   <li><b>defined</b>: a feature undefined (NaN) on every file fails — its correlation over no
 *       pairs says nothing;
 *   <li><b>undefined values</b>: where ours is undefined, openSMILE must have written one of its
 *       "no data" encodings ({@link #OPENSMILE_UNDEFINED}: 0, −201, −120; anchors README); an
 *       undefined value where openSMILE measured something fails, and both are counted;
 *   <li><b>Spearman</b> over the files where ours is defined, at least {@code spearmanMin} of the
 *       feature (NaN fails);
 *   <li><b>share within 1 %</b>: files with |ours − openSMILE| ≤ 1 % of |openSMILE| (over all
 *       files, an undefined one counted as outside unless openSMILE's value is an encoding), at
 *       least {@code within1PercentMin} of the feature when given. Rank statistics forgive a scale
 *       or an offset; this does not.
 * </ul>
 */
public final class FidelityTable {
  /**
   * openSMILE's encodings of "no data" (it never writes NaN): 0, the formant-amplitude floor −201,
   * the Leq floor −120.
   */
  public static final Set<Double> OPENSMILE_UNDEFINED = Set.of(0.0, -201.0, -120.0);

  /**
   * Every feature's Spearman across files when both extractors read the same samples (issue 23's
   * target).
   */
  public static final double SPEARMAN_MIN_IDENTICAL_SAMPLES = 0.97;

  /** Relative tolerance of the "within 1 %" share. */
  public static final double RELATIVE_TOLERANCE = 0.01;

  public record Feature(
      String name,
      int files,
      int undefined,
      int undefinedWhereMeasured,
      double spearman,
      double pearson,
      double within1Percent,
      List<String> failures) {}

  public record Result(
      String text, double medianSpearman, List<Feature> features, List<String> failing) {
    public double median(ToDoubleFunction<Feature> f) {
      return Correlation.median(features.stream().mapToDouble(f).toArray());
    }

    public double min(ToDoubleFunction<Feature> f) {
      return features.stream().mapToDouble(f).min().orElse(Double.NaN);
    }

    /** The failures naming one feature (tests of the checks look for the one they broke). */
    public List<String> failuresOf(String feature) {
      return features.stream()
          .filter(x -> x.name().equals(feature))
          .findFirst()
          .orElseThrow()
          .failures();
    }
  }

  /**
   * What each feature must reach: its Spearman minimum, and its "within 1 %" minimum (null: not
   * checked).
   */
  public record Targets(
      ToDoubleFunction<String> spearmanMin, ToDoubleFunction<String> within1PercentMin) {}

  private FidelityTable() {}

  /**
   * @param ours one row of 88 values per file (NaN = undefined)
   * @param reference openSMILE's 88 values for the same files, same order
   */
  public static Result compare(
      String title, List<double[]> ours, List<double[]> reference, Targets targets) {
    StringBuilder out = new StringBuilder();
    List<Feature> features = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    out.append(
        String.format(
            "%n%s: %d files%n%-46s %9s %9s %8s %7s %6s %6s %7s%n",
            title,
            ours.size(),
            "feature",
            "spearman",
            "pearson",
            "within1%",
            "target",
            "undef",
            "undef!",
            "min1%"));
    for (int i = 0; i < 88; i++) {
      String name = EgemapsNames.FUNCTIONALS.get(i);
      double[][] pairs = definedPairs(ours, reference, i);
      int undefined = ours.size() - pairs[0].length;
      int undefinedWhereMeasured = 0;
      int within = 0;
      for (int k = 0; k < ours.size(); k++) {
        double a = ours.get(k)[i], b = reference.get(k)[i];
        if (Double.isNaN(a)) {
          if (OPENSMILE_UNDEFINED.contains(b)) within++;
          else undefinedWhereMeasured++;
        } else if (Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.abs(b)) {
          within++;
        }
      }
      double share = ours.isEmpty() ? Double.NaN : (double) within / ours.size();
      double s = pairs[0].length < 2 ? Double.NaN : Correlation.spearman(pairs[0], pairs[1]);
      double p = pairs[0].length < 2 ? Double.NaN : Correlation.pearson(pairs[0], pairs[1]);
      double sMin = targets.spearmanMin().applyAsDouble(name);
      double wMin =
          targets.within1PercentMin() == null
              ? Double.NaN
              : targets.within1PercentMin().applyAsDouble(name);
      List<String> failures = new ArrayList<>();
      if (pairs[0].length == 0) failures.add("undefined on every file");
      if (undefinedWhereMeasured > 0) {
        failures.add(undefinedWhereMeasured + " files undefined where openSMILE measured a value");
      }
      if (!(s >= sMin)) failures.add(String.format("Spearman %.4f < %.3f", s, sMin));
      if (!Double.isNaN(wMin) && !(share >= wMin))
        failures.add(String.format("within 1 %% on %.3f < %.3f", share, wMin));
      features.add(
          new Feature(name, ours.size(), undefined, undefinedWhereMeasured, s, p, share, failures));
      failures.forEach(f -> failing.add(name + ": " + f));
      out.append(
          String.format(
              "%-46s %9.4f %9.4f %8.3f %7.3f %6d %6d %7.3f %s%n",
              name,
              s,
              p,
              share,
              sMin,
              undefined,
              undefinedWhereMeasured,
              wMin,
              failures.isEmpty() ? "" : "FAIL"));
    }
    double median = Correlation.median(features.stream().mapToDouble(Feature::spearman).toArray());
    out.append(
        String.format(
            "%s: median Spearman %.4f; within 1 %%: median %.3f, worst %.3f; %d failures: %s%n",
            title,
            median,
            Correlation.median(features.stream().mapToDouble(Feature::within1Percent).toArray()),
            features.stream().mapToDouble(Feature::within1Percent).min().orElse(Double.NaN),
            failing.size(),
            failing));
    return new Result(out.toString(), median, features, failing);
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
    return column(selfConsistencyTsv, "spearman_min");
  }

  /** One numeric column of a TSV keyed by its first column (a header row names the columns). */
  public static Map<String, Double> column(Path tsv, String columnName) {
    try {
      return column(Files.readAllLines(tsv), columnName, tsv.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The same from the TSV's lines ({@code source} names it in errors); lines starting with # are
   * comments.
   */
  public static Map<String, Double> column(List<String> lines, String columnName, String source) {
    List<String> rows = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    Map<String, Double> values = new HashMap<>();
    List<String> header = List.of(rows.get(0).split("\t"));
    int col = header.indexOf(columnName);
    if (col < 0)
      throw new IllegalArgumentException(
          source + " has no column " + columnName + " (has " + header + ")");
    for (String line : rows.subList(1, rows.size())) {
      String[] f = line.split("\t");
      values.put(f[0], Double.parseDouble(f[col]));
    }
    return values;
  }

  /** openSMILE's functionals CSV ({@code file}, then the 88 features) as file → values. */
  public static Map<String, double[]> openSmileCsv(Path csv) {
    try {
      List<String> lines = Files.readAllLines(csv);
      List<String> header = List.of(lines.get(0).split(","));
      int[] col = new int[88];
      for (int i = 0; i < 88; i++) {
        col[i] = header.indexOf(EgemapsNames.FUNCTIONALS.get(i));
        if (col[i] < 0)
          throw new IllegalArgumentException(csv + " lacks " + EgemapsNames.FUNCTIONALS.get(i));
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
