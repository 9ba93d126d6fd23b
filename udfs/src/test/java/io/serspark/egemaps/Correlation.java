package io.serspark.egemaps;

import java.util.Arrays;

/** Rank and linear correlation and robust difference scales for the fidelity tables. */
final class Correlation {
  private Correlation() {}

  static double pearson(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    if (saa == 0 || sbb == 0) return saa == sbb && Arrays.equals(a, b) ? 1.0 : 0.0;
    return sab / Math.sqrt(saa * sbb);
  }

  /** Spearman's rho: Pearson of average ranks (ties share their mean rank). */
  static double spearman(double[] a, double[] b) {
    return pearson(ranks(a), ranks(b));
  }

  static double[] ranks(double[] x) {
    int n = x.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    Arrays.sort(idx, (p, q) -> Double.compare(x[p], x[q]));
    double[] r = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && x[idx[j + 1]] == x[idx[i]]) j++;
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) r[idx[k]] = rank;
      i = j + 1;
    }
    return r;
  }

  static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
  }

  /** median |a − b| divided by the inter-quartile range of the reference b. */
  static double medianAbsDiffOverIqr(double[] a, double[] ref) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) d[i] = Math.abs(a[i] - ref[i]);
    double[] s = ref.clone();
    Arrays.sort(s);
    double iqr = quantile(s, 0.75) - quantile(s, 0.25);
    double md = median(d);
    return iqr == 0 ? (md == 0 ? 0 : Double.POSITIVE_INFINITY) : md / iqr;
  }

  private static double quantile(double[] sorted, double p) {
    double idx = p * (sorted.length - 1);
    int lo = (int) Math.floor(idx);
    int hi = (int) Math.ceil(idx);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (idx - lo);
  }
}
