package io.serspark.benchmark;

import io.serspark.benchmark.BenchmarkSpec.Classifier;
import io.serspark.benchmark.BenchmarkSpec.FeatureSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands a spec into its cells, in a fixed order (feature set, classifier, normalisation, then
 * conditions: within for every corpus, the cross-corpus pairs, leave-one-corpus-out).
 */
public final class CellPlan {
  private CellPlan() {}

  public static List<Condition> conditions(BenchmarkSpec spec) {
    List<String> corpora = spec.corpusNames();
    List<Condition> out = new ArrayList<>();
    if (!spec.within().kind().equals("none")) {
      for (String c : corpora) out.add(Condition.within(c));
    }
    if (spec.cross()) {
      for (String a : corpora) {
        for (String b : corpora) {
          if (!a.equals(b)) out.add(Condition.cross(a, b));
        }
      }
    }
    // With two corpora "all but one" is the other corpus: the cross cell already measures it.
    if (spec.leaveOneCorpusOut() && (corpora.size() > 2 || !spec.cross())) {
      for (String test : corpora) {
        out.add(
            Condition.leaveOneOut(corpora.stream().filter(c -> !c.equals(test)).toList(), test));
      }
    }
    return out;
  }

  public static List<Cell> cells(BenchmarkSpec spec) {
    List<Cell> out = new ArrayList<>();
    for (FeatureSet f : spec.features()) {
      for (Classifier c : spec.classifiers()) {
        for (String n : spec.normalisations()) {
          for (Condition cond : conditions(spec)) out.add(Cell.of(spec, f, c, n, cond));
        }
      }
    }
    return out;
  }
}
