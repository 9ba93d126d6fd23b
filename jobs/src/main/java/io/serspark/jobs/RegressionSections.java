package io.serspark.jobs;

import io.serspark.metrics.Interval;
import io.serspark.train.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The regression parts of a train run ({@link TrainRunWriter} writes it): {@code metrics.json}
 * (CCC, MSE, Pearson's r with speaker-bootstrap intervals, per-fold scores and chosen grid points),
 * {@code report.md} and the {@code predictions/} rows.
 */
final class RegressionSections {
  private RegressionSections() {}

  static StructType predictionSchema(Result r) {
    return new StructType()
        .add("utterance_id", DataTypes.StringType)
        .add("corpus", DataTypes.StringType)
        .add("speaker", DataTypes.StringType)
        .add("fold", DataTypes.StringType)
        .add(r.target().column(), DataTypes.DoubleType)
        .add("predicted", DataTypes.DoubleType);
  }

  static List<Row> predictionRows(Result r) {
    List<Row> rows = new ArrayList<>();
    for (Result.Prediction p : r.predictions()) {
      rows.add(
          RowFactory.create(
              p.utteranceId(), p.corpus(), p.speaker(), p.fold(), p.truth(), p.predicted()));
    }
    return rows;
  }

  /** The count of utterances left out for having no target value, as the engine names it. */
  private static String missingKey(Result r) {
    return r.target().column() + " missing";
  }

  static Map<String, Object> metrics(Result r, Map<String, Long> excluded) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", "regression");
    m.put("target", r.target().column());
    m.put("features", r.features());
    m.put("regressor", r.learner());
    m.put("protocol", r.protocol());
    m.put("n", r.predictions().size());
    Result.Dimensions d = r.dimensions();
    m.put("ccc", d.ccc().estimate());
    m.put("mse", d.mse().estimate());
    m.put("pearson", d.pearson().estimate());
    Map<String, Object> ci = new LinkedHashMap<>();
    ci.put("ccc", interval(d.ccc()));
    ci.put("mse", interval(d.mse()));
    ci.put("pearson", interval(d.pearson()));
    m.put("ci_speaker_bootstrap", ci);
    List<Map<String, Object>> folds = new ArrayList<>();
    for (Result.FoldResult f : r.folds()) {
      Map<String, Object> x =
          TrainRunWriter.foldEntry(
              f.name(), f.trainSize(), f.testSize(), f.chosen(), "inner_ccc", f.innerScores());
      x.put("ccc", f.score());
      x.put("mse", f.secondScore());
      folds.add(x);
    }
    m.put("folds", folds);
    Map<String, Long> ex = new LinkedHashMap<>(excluded);
    ex.put(missingKey(r), r.excluded().get(missingKey(r)));
    m.put("excluded", ex);
    m.put("model", r.modelScope());
    m.put("undefined_values_filled", r.undefinedFilled());
    m.put("fits", r.fits());
    m.put("seconds", r.secondsByStage());
    return m;
  }

  private static Map<String, Object> interval(Interval i) {
    Map<String, Object> x = new LinkedHashMap<>();
    x.put("estimate", i.estimate());
    x.put("lower", Double.isNaN(i.lower()) ? null : i.lower());
    x.put("upper", Double.isNaN(i.upper()) ? null : i.upper());
    x.put("level", i.level());
    return x;
  }

  static String summary(Result r, Map<String, Long> excluded) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s x %s x %s, target %s: n = %d, %d fits%n",
                r.features(),
                r.learner(),
                r.protocol(),
                r.target(),
                r.predictions().size(),
                r.fits()));
    Result.Dimensions d = r.dimensions();
    b.append("  CCC ")
        .append(d.ccc())
        .append('\n')
        .append("  MSE ")
        .append(d.mse())
        .append('\n')
        .append("  Pearson r ")
        .append(d.pearson())
        .append('\n');
    Map<String, Long> others = new LinkedHashMap<>(excluded);
    others.remove(missingKey(r));
    b.append("  excluded: ")
        .append(others)
        .append(", ")
        .append(missingKey(r))
        .append(": ")
        .append(r.excluded().get(missingKey(r)))
        .append('\n');
    b.append(TrainRunWriter.undefinedLine(r.undefinedFilled()));
    b.append("model: ").append(r.modelScope()).append('\n');
    return b.toString();
  }
}
