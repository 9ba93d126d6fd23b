package io.serspark.jobs.report;

import io.serspark.benchmark.BenchmarkOutcome;
import io.serspark.benchmark.BenchmarkSpec.FeatureSet;
import io.serspark.benchmark.Cell;
import io.serspark.benchmark.Condition;
import io.serspark.benchmark.LayerSweep;
import io.serspark.benchmark.Metric;
import io.serspark.benchmark.Upstream;
import io.serspark.jobs.report.ReportDocument.Bullets;
import io.serspark.jobs.report.ReportDocument.Heading;
import io.serspark.jobs.report.ReportDocument.Image;
import io.serspark.jobs.report.ReportDocument.Paragraph;
import io.serspark.jobs.report.ReportDocument.Table;
import io.serspark.train.FeatureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's layer-wise analysis (SUPERB style) for the upstreams a spec names: per upstream ×
 * classifier × normalisation a table of macro-F1 per hidden state and test condition (the mean of
 * all layers and the eGeMAPS cell of the same classifier and normalisation below it), the best
 * layer per condition, and one figure per condition with a line per upstream. Also the warning that
 * random-init upstreams measure the pipeline, not emotion.
 */
public final class LayerReport {
  private LayerReport() {}

  /** The loud header line for random-init upstreams, or empty. */
  public static Optional<String> randomInitWarning(BenchmarkOutcome o) {
    List<String> random =
        o.spec().upstreams().stream().filter(Upstream::randomInit).map(Upstream::name).toList();
    if (random.isEmpty()) return Optional.empty();
    return Optional.of(
        "⚠ RANDOM-INIT UPSTREAMS ("
            + String.join(", ", random)
            + "): their weights are random, not "
            + "pretrained. Their scores measure the pipeline (export, embedding, layer sweep, classifiers), NOT emotion "
            + "recognition by self-supervised speech models; do not compare them with published SSL results.");
  }

  static void add(ReportDocument doc, BenchmarkOutcome o) {
    List<LayerSweep> sweeps = LayerSweep.of(o);
    if (sweeps.isEmpty()) return;
    doc.add(new Heading(2, "Layer-wise analysis (macro-F1 per hidden state)", "layers"));
    doc.add(
        new Paragraph(
            "SUPERB-style: each hidden state of an upstream (0 = the transformer's input, i = the "
                + "output of layer i) pooled over the utterance and classified on its own, per test condition; "
                + "\"mean of layers\" is the average of every hidden state's pooled vector. 95% speaker-bootstrap CI below "
                + "each score; the best layer of each column in bold. The eGeMAPS row is the same classifier and "
                + "normalisation on eGeMAPS, for reference."));
    randomInitWarning(o).ifPresent(w -> doc.add(new Paragraph("**" + w + "**")));
    for (LayerSweep s : sweeps) {
      doc.add(new Heading(3, s.label(), null));
      doc.add(table(o, s));
      List<String> best = new ArrayList<>();
      for (LayerSweep.Best b : s.bestPerCondition()) {
        int k = s.conditions().indexOf(b.condition());
        best.add(
            String.format(
                Locale.ROOT,
                "%s: best layer **%s** (%.3f)%s",
                b.condition().label(),
                LayerSweep.layerLabel(b.layer()),
                b.macroF1().value(),
                s.meanOfLayers(k)
                    .map(m -> String.format(Locale.ROOT, "; mean of layers %.3f", m.value()))
                    .orElse("")));
      }
      doc.add(new Bullets(best));
    }
    List<Condition> conditions = new ArrayList<>();
    sweeps.forEach(
        s -> s.conditions().stream().filter(c -> !conditions.contains(c)).forEach(conditions::add));
    for (Condition c : conditions) {
      List<BenchmarkCharts.Line> lines = new ArrayList<>();
      int last = 1;
      for (LayerSweep s : sweeps) {
        int k = s.conditions().indexOf(c);
        if (k < 0) continue;
        List<double[]> points = new ArrayList<>();
        for (int l = 0; l < s.layers().size(); l++) {
          int layer = s.layers().get(l);
          if (layer != FeatureSpec.Source.MEAN_OF_LAYERS && s.macroF1()[l][k] != null) {
            points.add(new double[] {layer, s.macroF1()[l][k].value()});
            last = Math.max(last, layer);
          }
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        lines.add(
            new BenchmarkCharts.Line(
                s.label(),
                points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray(),
                false));
        s.meanOfLayers(k)
            .ifPresent(
                m ->
                    lines.add(
                        BenchmarkCharts.Line.flat(s.label() + ", mean of layers", m.value())));
        reference(o, s, c)
            .ifPresent(
                m -> {
                  String name =
                      "egemaps × "
                          + s.classifier()
                          + (s.normalisation().equals("global")
                              ? ""
                              : " (" + s.normalisation() + ")");
                  if (lines.stream().noneMatch(x -> x.name().equals(name)))
                    lines.add(BenchmarkCharts.Line.flat(name, m.value()));
                });
      }
      var png = BenchmarkCharts.layerLines("macro-F1 per layer — " + c.label(), lines, last);
      doc.add(
          new Image(
              "plots/layers-" + BenchmarkReport.slug(c.id()) + ".png",
              "macro-F1 per layer, " + c.label(),
              png.bytes(),
              png.width(),
              png.height()));
    }
  }

  /** One line per sweep for the run's summary: the best layer per condition. */
  public static List<String> summary(BenchmarkOutcome o) {
    List<String> out = new ArrayList<>();
    for (LayerSweep s : LayerSweep.of(o)) {
      out.add(
          s.label()
              + ": best layer "
              + String.join(
                  ", ",
                  s.bestPerCondition().stream()
                      .map(
                          b ->
                              String.format(
                                  Locale.ROOT,
                                  "%s %s (%.3f)",
                                  b.condition().label(),
                                  LayerSweep.layerLabel(b.layer()),
                                  b.macroF1().value()))
                      .toList()));
    }
    return out;
  }

  private static Table table(BenchmarkOutcome o, LayerSweep s) {
    List<String> header = new ArrayList<>(List.of("layer"));
    s.conditions().forEach(c -> header.add(c.label()));
    header.add("mean");
    List<List<ReportDocument.Cell>> rows = new ArrayList<>();
    List<LayerSweep.Best> best = s.bestPerCondition();
    for (int l = 0; l < s.layers().size(); l++) {
      int layer = s.layers().get(l);
      List<ReportDocument.Cell> row = new ArrayList<>();
      row.add(new ReportDocument.Cell(LayerSweep.layerLabel(layer), null, false, "text"));
      Metric[] scores = s.macroF1()[l];
      for (int k = 0; k < scores.length; k++) {
        int kk = k;
        boolean isBest =
            best.stream()
                .anyMatch(b -> b.condition().equals(s.conditions().get(kk)) && b.layer() == layer);
        row.add(score(scores[k], isBest));
      }
      row.add(ReportDocument.Cell.of(mean(scores)));
      rows.add(row);
    }
    Metric[] ref = new Metric[s.conditions().size()];
    for (int k = 0; k < ref.length; k++)
      ref[k] = reference(o, s, s.conditions().get(k)).orElse(null);
    if (java.util.Arrays.stream(ref).anyMatch(m -> m != null)) {
      List<ReportDocument.Cell> row = new ArrayList<>();
      row.add(new ReportDocument.Cell("egemaps (reference)", null, false, "text"));
      for (Metric m : ref) row.add(score(m, false));
      row.add(ReportDocument.Cell.of(mean(ref)));
      rows.add(row);
    }
    return new Table("layers", header, rows);
  }

  /**
   * The eGeMAPS cell with the sweep's classifier, normalisation and condition, if the spec has one.
   */
  private static Optional<Metric> reference(BenchmarkOutcome o, LayerSweep s, Condition c) {
    for (Cell cell : o.cells()) {
      if (cell.features().kind().equals(FeatureSet.EGEMAPS)
          && cell.classifier().id().equals(s.classifier())
          && cell.normalisation().equals(s.normalisation())
          && cell.condition().equals(c)
          && !o.invalid(cell)) {
        return Optional.of(o.resultOf(cell).evaluation().macroF1());
      }
    }
    return Optional.empty();
  }

  private static ReportDocument.Cell score(Metric m, boolean bold) {
    if (m == null) return ReportDocument.Cell.of("—");
    return new ReportDocument.Cell(
        String.format(Locale.ROOT, "%.3f", m.value()),
        m.hi() > m.lo() ? String.format(Locale.ROOT, "[%.3f, %.3f]", m.lo(), m.hi()) : "",
        bold,
        bold ? "best" : null);
  }

  private static String mean(Metric[] scores) {
    double sum = 0;
    int n = 0;
    for (Metric m : scores) {
      if (m == null) return "—";
      sum += m.value();
      n++;
    }
    return n == 0 ? "—" : String.format(Locale.ROOT, "%.3f", sum / n);
  }
}
