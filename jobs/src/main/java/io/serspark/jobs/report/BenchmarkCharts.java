package io.serspark.jobs.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's pictures, drawn with XChart as PNG. XChart thins category labels that would overlap
 * (STACK.md §7: with 4 classes at 600 px only two were printed), so every chart is sized from its
 * number of categories and rotates its x labels; drawing is headless ({@code
 * java.awt.headless=true} is set before the first chart).
 */
public final class BenchmarkCharts {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** A PNG with its size, for the HTML {@code <img>} attributes. */
  public record Png(byte[] bytes, int width, int height) {}

  // light to mid blue: black value labels stay readable on every cell
  private static final Color[] SCALE = {
    new Color(0xf7fbff), new Color(0xc6dbef), new Color(0x6baed6), new Color(0x3182bd)
  };

  private BenchmarkCharts() {}

  /**
   * Train × test matrix of one system: rows the training condition (a corpus, or "all−X"), columns
   * the test corpus, colour and number the score (macro-F1); the diagonal is within-corpus.
   */
  public static Png trainTestHeatmap(
      String title, List<String> trainRows, List<String> testColumns, Double[][] values) {
    int w = Math.max(520, 160 + 130 * testColumns.size());
    int h = Math.max(380, 170 + 70 * trainRows.size());
    HeatMapChart c =
        new HeatMapChartBuilder()
            .width(w)
            .height(h)
            .title(title)
            .xAxisTitle("tested on")
            .yAxisTitle("trained on")
            .build();
    style(c);
    // XChart draws the first y category at the bottom; reverse so the first training row is on top.
    List<String> ys = new ArrayList<>(trainRows);
    java.util.Collections.reverse(ys);
    List<Number[]> cells = new ArrayList<>();
    for (int r = 0; r < trainRows.size(); r++) {
      for (int col = 0; col < testColumns.size(); col++) {
        if (values[r][col] != null)
          cells.add(new Number[] {col, trainRows.size() - 1 - r, values[r][col]});
      }
    }
    c.getStyler().setMin(0).setMax(1);
    c.addSeries("macro-F1", testColumns, ys, cells);
    return png(c, w, h);
  }

  /**
   * A confusion matrix, each row as a share of its true class (so rows sum to 1), with counts in
   * the title.
   */
  public static Png confusion(String title, List<String> labels, long[][] counts) {
    int n = labels.size();
    int w = Math.max(520, 200 + 110 * n);
    int h = Math.max(460, 200 + 80 * n);
    HeatMapChart c =
        new HeatMapChartBuilder()
            .width(w)
            .height(h)
            .title(title)
            .xAxisTitle("predicted")
            .yAxisTitle("true")
            .build();
    style(c);
    List<String> ys = new ArrayList<>(labels);
    java.util.Collections.reverse(ys);
    List<Number[]> cells = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      long total = 0;
      for (long v : counts[t]) total += v;
      for (int p = 0; p < n; p++) {
        double share = total == 0 ? 0 : (double) counts[t][p] / total;
        cells.add(new Number[] {p, n - 1 - t, share});
      }
    }
    c.getStyler().setMin(0).setMax(1);
    c.addSeries("share of true class", labels, ys, cells);
    return png(c, w, h);
  }

  /** Leaderboard as grouped bars: one group per system, one bar per test condition (macro-F1). */
  public static Png leaderboardBars(
      String title, List<String> systems, List<String> conditions, Double[][] values) {
    int w =
        Math.max(
            700,
            220 + 60 * systems.size() * Math.max(1, conditions.size()) / 2 + 120 * systems.size());
    int h = 520;
    CategoryChart c =
        new CategoryChartBuilder()
            .width(w)
            .height(h)
            .title(title)
            .xAxisTitle("system")
            .yAxisTitle("macro-F1")
            .build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    c.getStyler().setXAxisLabelRotation(30);
    c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int k = 0; k < conditions.size(); k++) {
      List<Double> ys = new ArrayList<>();
      for (int s = 0; s < systems.size(); s++) ys.add(values[s][k] == null ? 0.0 : values[s][k]);
      c.addSeries(conditions.get(k), systems, ys);
    }
    return png(c, w, h);
  }

  /**
   * A line of the layer-wise figure: scores at hidden-state indices, or a {@code reference}
   * (eGeMAPS, the mean of all layers) drawn flat and dashed across every layer.
   */
  public record Line(String name, double[] layers, double[] scores, boolean reference) {
    public static Line flat(String name, double score) {
      return new Line(name, new double[0], new double[] {score}, true);
    }
  }

  /**
   * SUPERB-style layer analysis: macro-F1 (y) of every hidden state (x), one line per upstream and
   * system.
   */
  public static Png layerLines(String title, List<Line> lines, int lastLayer) {
    int w = Math.max(760, 300 + 40 * lastLayer);
    int h = 480;
    XYChart c =
        new XYChartBuilder()
            .width(w)
            .height(h)
            .title(title)
            .xAxisTitle("hidden state (0 = transformer input)")
            .yAxisTitle("macro-F1")
            .build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    c.getStyler().setXAxisMin(0.0).setXAxisMax((double) Math.max(1, lastLayer));
    c.getStyler().setXAxisDecimalPattern("0");
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (Line l : lines) {
      XYSeries s =
          l.reference()
              ? c.addSeries(
                  l.name(),
                  new double[] {0, Math.max(1, lastLayer)},
                  new double[] {l.scores()[0], l.scores()[0]})
              : c.addSeries(l.name(), l.layers(), l.scores());
      if (l.reference()) {
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(SeriesLines.DASH_DASH);
      }
    }
    return png(c, w, h);
  }

  private static void style(HeatMapChart c) {
    c.getStyler().setShowValue(true);
    c.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    c.getStyler().setValueFontColor(Color.BLACK);
    // XChart 4.0.3 prints the cell values with this pattern (the Function formatter is not used for
    // them)
    c.getStyler().setHeatMapValueDecimalPattern("0.00");
    c.getStyler().setRangeColors(SCALE);
    c.getStyler().setXAxisLabelRotation(30);
    c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    c.getStyler().setPlotContentSize(0.95);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setLegendVisible(true);
  }

  private static Png png(Chart<?, ?> c, int w, int h) {
    try {
      return new Png(BitmapEncoder.getBitmapBytes(c, BitmapFormat.PNG), w, h);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
