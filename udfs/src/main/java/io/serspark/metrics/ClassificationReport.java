package io.serspark.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a SER paper reports for one set of categorical predictions: the confusion matrix, UAR,
 * WA, macro-F1, per-class precision/recall/F1, macro one-vs-rest AUC from the classifier's scores,
 * and speaker-level bootstrap confidence intervals of UAR, WA and macro-F1.
 */
public record ClassificationReport(
    List<String> labels,
    ConfusionMatrix confusion,
    double uar,
    double wa,
    double macroF1,
    double macroAuc,
    double[] precision,
    double[] recall,
    double[] f1,
    double[] auc,
    Map<String, Interval> intervals) {

  /**
   * @param truth true class index per item
   * @param predicted predicted class index per item
   * @param scores per item, one score per class (higher = more of that class); null skips AUC
   * @param speakers speaker per item, for the bootstrap; null skips the intervals
   */
  public static ClassificationReport of(
      List<String> labels,
      int[] truth,
      int[] predicted,
      double[][] scores,
      String[] speakers,
      SpeakerBootstrap bootstrap) {
    int k = labels.size();
    ConfusionMatrix cm = ConfusionMatrix.of(k, truth, predicted);
    double[] p = new double[k], r = new double[k], f = new double[k];
    for (int c = 0; c < k; c++) {
      p[c] = cm.precision(c);
      r[c] = cm.recall(c);
      f[c] = cm.f1(c);
    }
    double[] auc = scores == null ? new double[k] : RocAuc.oneVsRest(k, truth, scores);
    if (scores == null) java.util.Arrays.fill(auc, Double.NaN);
    double macroAuc = scores == null ? Double.NaN : RocAuc.macroOneVsRest(k, truth, scores);
    Map<String, Interval> ci = new LinkedHashMap<>();
    if (speakers != null && bootstrap != null) {
      ci.put("uar", bootstrap.interval(speakers, idx -> subset(k, truth, predicted, idx).uar()));
      ci.put("wa", bootstrap.interval(speakers, idx -> subset(k, truth, predicted, idx).wa()));
      ci.put(
          "macro_f1",
          bootstrap.interval(speakers, idx -> subset(k, truth, predicted, idx).macroF1()));
    }
    return new ClassificationReport(
        List.copyOf(labels), cm, cm.uar(), cm.wa(), cm.macroF1(), macroAuc, p, r, f, auc, ci);
  }

  private static ConfusionMatrix subset(int k, int[] truth, int[] predicted, int[] idx) {
    int[] t = new int[idx.length], p = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      t[i] = truth[idx[i]];
      p[i] = predicted[idx[i]];
    }
    return ConfusionMatrix.of(k, t, p);
  }
}
