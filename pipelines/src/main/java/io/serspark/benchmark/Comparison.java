package io.serspark.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deltas per cell against an earlier run of the same benchmark. A change is flagged when it is
 * larger than the confidence interval: |Δ| greater than the larger CI half-width of the two runs
 * (for macro-F1, UAR and WA alike).
 */
public record Comparison(String baselineRunId, List<Delta> deltas, List<String> onlyInBaseline) {

  public record Delta(
      String cellId,
      String metric,
      double baseline,
      double current,
      double delta,
      double ciHalfWidth,
      boolean flagged) {}

  public static final List<String> METRICS = List.of("macro_f1", "uar", "wa");

  public static Comparison of(
      String baselineRunId, List<Map<String, Object>> baseline, List<Map<String, Object>> current) {
    List<Delta> deltas = new ArrayList<>();
    List<String> onlyBefore = new ArrayList<>();
    for (Map<String, Object> b : baseline) {
      String id = String.valueOf(b.get("cell_id"));
      Map<String, Object> c =
          current.stream().filter(r -> id.equals(r.get("cell_id"))).findFirst().orElse(null);
      if (c == null) {
        onlyBefore.add(id);
        continue;
      }
      for (String m : METRICS) {
        double bv = num(b.get(m));
        double cv = num(c.get(m));
        double hw =
            Math.max(
                (num(b.get(m + "_hi")) - num(b.get(m + "_lo"))) / 2,
                (num(c.get(m + "_hi")) - num(c.get(m + "_lo"))) / 2);
        double d = cv - bv;
        deltas.add(new Delta(id, m, bv, cv, d, hw, Math.abs(d) > hw + 1e-12));
      }
    }
    return new Comparison(baselineRunId, deltas, onlyBefore);
  }

  public long flaggedCount() {
    return deltas.stream().filter(Delta::flagged).count();
  }

  private static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
