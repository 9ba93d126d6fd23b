package io.serspark.jobs;

import io.serspark.metrics.Interval;
import io.serspark.predict.ModelInputs;
import io.serspark.train.RegressionRunner;
import io.serspark.warehouse.Warehouse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes one regression run (a dimensional label) to {@code runs/train/<run-id>/}: {@code
 * metrics.json} (CCC, MSE, Pearson's r with speaker-bootstrap intervals, per-fold scores and chosen
 * grid points), {@code report.md} and {@code predictions/}; staged and swapped in like {@link
 * TrainRunWriter}.
 */
final class RegressionRunWriter {
  private RegressionRunWriter() {}

  static String write(
      Warehouse w,
      String runId,
      RegressionRunner.Result r,
      Map<String, Long> excluded,
      Map<String, Object> inputs,
      List<String> command)
      throws IOException {
    Map<String, Object> json = metrics(r, excluded);
    json.put(ModelInputs.KEY, inputs);
    Path staging =
        TrainRunWriter.stage(
            w, runId, json, command, "# Train run " + runId + "\n\n" + summary(r, excluded));
    StructType schema =
        new StructType()
            .add("utterance_id", DataTypes.StringType)
            .add("corpus", DataTypes.StringType)
            .add("speaker", DataTypes.StringType)
            .add("fold", DataTypes.StringType)
            .add(r.target(), DataTypes.DoubleType)
            .add("predicted", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    for (RegressionRunner.Prediction p : r.predictions()) {
      rows.add(
          RowFactory.create(
              p.utteranceId(), p.corpus(), p.speaker(), p.fold(), p.truth(), p.predicted()));
    }
    w.spark()
        .createDataFrame(rows, schema)
        .coalesce(1)
        .write()
        .parquet(new Path(staging, "predictions").toString());
    return TrainRunWriter.swapIn(w, runId, staging);
  }

  static Map<String, Object> metrics(RegressionRunner.Result r, Map<String, Long> excluded) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", "regression");
    m.put("target", r.target());
    m.put("features", r.features());
    m.put("regressor", r.regressor());
    m.put("protocol", r.protocol());
    m.put("n", r.predictions().size());
    m.put("ccc", r.ccc().estimate());
    m.put("mse", r.mse().estimate());
    m.put("pearson", r.pearson().estimate());
    Map<String, Object> ci = new LinkedHashMap<>();
    ci.put("ccc", interval(r.ccc()));
    ci.put("mse", interval(r.mse()));
    ci.put("pearson", interval(r.pearson()));
    m.put("ci_speaker_bootstrap", ci);
    List<Map<String, Object>> folds = new ArrayList<>();
    for (RegressionRunner.FoldResult f : r.folds()) {
      Map<String, Object> x =
          TrainRunWriter.foldEntry(
              f.name(), f.trainSize(), f.testSize(), f.chosen(), "inner_ccc", f.innerCcc());
      x.put("ccc", f.ccc());
      x.put("mse", f.mse());
      folds.add(x);
    }
    m.put("folds", folds);
    Map<String, Long> ex = new LinkedHashMap<>(excluded);
    ex.put(r.target() + " missing", r.excluded());
    m.put("excluded", ex);
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

  static String summary(RegressionRunner.Result r, Map<String, Long> excluded) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s x %s x %s, target %s: n = %d, %d fits%n",
                r.features(),
                r.regressor(),
                r.protocol(),
                r.target(),
                r.predictions().size(),
                r.fits()));
    b.append("  CCC ")
        .append(r.ccc())
        .append('\n')
        .append("  MSE ")
        .append(r.mse())
        .append('\n')
        .append("  Pearson r ")
        .append(r.pearson())
        .append('\n');
    b.append("  excluded: ")
        .append(excluded)
        .append(", ")
        .append(r.target())
        .append(" missing: ")
        .append(r.excluded())
        .append('\n');
    b.append(TrainRunWriter.undefinedLine(r.undefinedFilled()));
    return b.toString();
  }
}
