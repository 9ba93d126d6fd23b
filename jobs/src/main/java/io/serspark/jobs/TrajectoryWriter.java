package io.serspark.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One long recording's emotion over time, from its window predictions: {@code
 * trajectories/<file>.csv} (one line per window: start, end, status, class, a score per class) for
 * a spreadsheet, and {@code trajectories/<file>.png} (each class's score against the window's
 * centre time; the predicted class is the highest line).
 */
final class TrajectoryWriter {
  private TrajectoryWriter() {}

  /**
   * {@code windows}: the rows of {@code Predictor.windows}, ordered by utterance and window.
   * Returns the files written.
   */
  static int write(FileSystem fs, Path folder, List<String> labels, List<Row> windows)
      throws IOException {
    Map<String, List<Row>> byFile = new LinkedHashMap<>();
    for (Row r : windows)
      byFile.computeIfAbsent(r.getAs("utterance_id"), k -> new ArrayList<>()).add(r);
    for (List<Row> rows : byFile.values()) {
      Row first = rows.get(0);
      String name =
          fileName(first.getAs("corpus"), first.getAs("path"), first.getAs("utterance_id"));
      TrainRunWriter.put(fs, new Path(folder, name + ".csv"), csv(labels, rows));
      try (OutputStream o = fs.create(new Path(folder, name + ".png"), true)) {
        o.write(BitmapEncoder.getBitmapBytes(chart(name, labels, rows), BitmapFormat.PNG));
      }
    }
    return byFile.size();
  }

  static String csv(List<String> labels, List<Row> rows) {
    StringBuilder b = new StringBuilder("start_s,end_s,status,predicted");
    PredictionCsv.scoreHeader(b, labels);
    b.append('\n');
    for (Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "%.2f,%.2f,%s,%s",
              r.<Double>getAs("start_s"),
              r.<Double>getAs("end_s"),
              PredictionCsv.field(r.getAs("status")),
              PredictionCsv.field(r.getAs("predicted"))));
      PredictionCsv.scores(b, r);
      b.append('\n');
    }
    return b.toString();
  }

  private static XYChart chart(String name, List<String> labels, List<Row> rows) {
    XYChart c =
        new XYChartBuilder()
            .width(900)
            .height(400)
            .title("emotion over time: " + name)
            .xAxisTitle("time (s), window centre")
            .yAxisTitle("classifier score")
            .build();
    double[] t = new double[rows.size()];
    for (int i = 0; i < t.length; i++)
      t[i] = (rows.get(i).<Double>getAs("start_s") + rows.get(i).<Double>getAs("end_s")) / 2;
    for (int k = 0; k < labels.size(); k++) {
      double[] y = new double[rows.size()];
      for (int i = 0; i < y.length; i++)
        y[i] =
            ((Number) rows.get(i).getList(rows.get(i).fieldIndex("scores")).get(k)).doubleValue();
      XYSeries s = c.addSeries(labels.get(k), t, y);
      s.setMarker(SeriesMarkers.NONE);
    }
    return c;
  }

  /**
   * The recording's path as a file name (its corpus first, so two corpora's files do not collide).
   */
  static String fileName(String corpus, String path, String utteranceId) {
    String base = path == null ? utteranceId : path.replaceAll("\\.[A-Za-z0-9]+$", "");
    return (corpus + "__" + base).replaceAll("[^A-Za-z0-9._=+-]", "_");
  }
}
