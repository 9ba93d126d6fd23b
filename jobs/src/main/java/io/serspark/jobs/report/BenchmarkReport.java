package io.serspark.jobs.report;

import io.serspark.benchmark.BenchmarkOutcome;
import io.serspark.benchmark.BenchmarkSpec;
import io.serspark.benchmark.Cell;
import io.serspark.benchmark.CellResult;
import io.serspark.benchmark.Check;
import io.serspark.benchmark.Comparison;
import io.serspark.benchmark.Condition;
import io.serspark.benchmark.Evaluation;
import io.serspark.benchmark.InputFingerprints;
import io.serspark.benchmark.LevelCheck;
import io.serspark.benchmark.Metric;
import io.serspark.benchmark.NormalisationStatement;
import io.serspark.benchmark.PairedComparisons;
import io.serspark.jobs.report.ReportDocument.Bullets;
import io.serspark.jobs.report.ReportDocument.Heading;
import io.serspark.jobs.report.ReportDocument.Image;
import io.serspark.jobs.report.ReportDocument.Paragraph;
import io.serspark.jobs.report.ReportDocument.Table;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the benchmark report from an outcome: the EMO-SUPERB-style leaderboard (one row per
 * feature set × classifier, one column per test condition, mean and rank), paired differences of
 * each column's best against the other systems, the layer-wise analysis of upstreams ({@link
 * LayerReport}), train × test heatmaps, the protocol sanity checks, recording levels, the
 * comparison with an earlier run, every cell with its CIs, the confusion matrices, stage times and
 * inputs. Writes {@code report.md}, {@code report.html} and {@code plots/*.png} into the run
 * folder.
 */
public final class BenchmarkReport {
  private BenchmarkReport() {}

  /** Per system (leaderboard row) the cells of each condition, in plan order. */
  record Board(List<String> systems, List<Condition> conditions, Cell[][] cells) {}

  public static ReportDocument build(BenchmarkOutcome o) {
    ReportDocument doc =
        new ReportDocument("Benchmark " + o.spec().name() + " — run " + o.run().runId());
    long computed = o.results().stream().filter(r -> !r.cached()).count();
    LayerReport.randomInitWarning(o).ifPresent(w -> doc.add(new Paragraph("**" + w + "**")));
    doc.add(
        new Bullets(
            List.of(
                "started (UTC): " + o.startedUtc() + "; code version: `" + o.codeVersion() + "`",
                "label set `"
                    + o.spec().labelSet()
                    + "` "
                    + (o.spec().labels().isEmpty()
                        ? "(all mapped emotions)"
                        : o.spec().labels().toString())
                    + "; corpora: "
                    + String.join(", ", o.spec().corpusNames()),
                "within-corpus protocol: `"
                    + o.spec().within().kind()
                    + (o.spec().within().k() > 0 ? " k=" + o.spec().within().k() : "")
                    + "`; speaker-bootstrap CIs (95%): "
                    + o.spec().bootstrapResamples()
                    + " resamples, seed "
                    + o.spec().seed(),
                o.cells().size()
                    + " cells: "
                    + computed
                    + " computed in this run, "
                    + (o.cells().size() - computed)
                    + " reused from the cell cache; inputs hash `"
                    + o.inputs().hashAll()
                    + "`",
                checkSummary(o))));
    doc.add(new Heading(3, "Normalisation", null));
    doc.add(
        new Bullets(
            o.spec().normalisations().stream()
                .map(n -> NormalisationStatement.of(n, o.cells()))
                .toList()));

    Board board = board(o);
    doc.add(new Heading(2, "Leaderboard (macro-F1, the EMO-SUPERB headline)", "leaderboard"));
    doc.add(
        new Paragraph(
            "One row per feature set × classifier (normalisation in brackets when not global), one "
                + "column per test condition; `A→B` = trained on A, tested on B; 95% speaker-bootstrap CI below each score. "
                + "Rank by the mean over conditions (1 = best); cells with a protocol ERROR are marked ✗ and left out. "
                + (o.paired().isEmpty()
                    ? ""
                    : "≈ marks a score the column's best is not significantly better than (paired "
                        + "speaker bootstrap of the difference, Holm-corrected over the column, 5%; see Paired differences).")));
    doc.add(leaderboard(o, board, "macro_f1", Evaluation::macroF1));
    doc.add(new Heading(3, "UAR (unweighted average recall)", null));
    doc.add(leaderboard(o, board, "uar", Evaluation::uar));
    doc.add(new Heading(3, "WA (weighted accuracy)", null));
    doc.add(leaderboard(o, board, "wa", Evaluation::wa));
    Double[][] means = new Double[board.systems().size()][board.conditions().size()];
    for (int s = 0; s < board.systems().size(); s++) {
      for (int k = 0; k < board.conditions().size(); k++) {
        Cell c = board.cells()[s][k];
        means[s][k] =
            c == null || o.invalid(c) ? null : o.resultOf(c).evaluation().macroF1().value();
      }
    }
    var bars =
        BenchmarkCharts.leaderboardBars(
            "macro-F1 per system and condition",
            board.systems(),
            board.conditions().stream().map(Condition::label).toList(),
            means);
    doc.add(
        new Image(
            "plots/leaderboard.png",
            "leaderboard: macro-F1 per system and test condition",
            bars.bytes(),
            bars.width(),
            bars.height()));

    LayerReport.add(doc, o);

    if (!o.paired().isEmpty()) paired(doc, o);

    doc.add(new Heading(2, "Train × test matrices (macro-F1)", "matrices"));
    doc.add(
        new Paragraph(
            "Rows: what the classifier was trained on; columns: the corpus it was tested on. The "
                + "diagonal is within-corpus (speaker-independent folds)."));
    heatmaps(o, board, doc);

    doc.add(new Heading(2, "Protocol sanity checks", "checks"));
    doc.add(
        new Paragraph(
            "ERROR: the protocol is broken for the cells named (not speaker-independent); WARN: valid "
                + "but may mislead; OK: checked, nothing found. Thresholds and meanings: docs/benchmark.md."));
    doc.add(checksTable(o.checks()));
    if (!o.levels().isEmpty()) {
      doc.add(
          new Heading(3, "Recording level per corpus (median " + LevelCheck.FEATURE + ")", null));
      doc.add(levelsTable(o.levels()));
    }

    o.comparison().ifPresent(cmp -> comparison(doc, cmp));

    doc.add(new Heading(2, "All cells", "cells"));
    doc.add(cellsTable(o));

    doc.add(new Heading(2, "Confusion matrices", "confusion"));
    doc.add(
        new Paragraph(
            "Rows: true class, columns: predicted; each row as a share of its true class (pooled over "
                + "all test folds)."));
    for (Cell c : o.cells()) {
      Evaluation e = o.resultOf(c).evaluation();
      if (!e.ran())
        continue; // a cell that could not run has no predictions (its reason: Protocol sanity
      // checks)
      var png =
          BenchmarkCharts.confusion(
              c.system() + " — " + c.condition().label() + " (n=" + e.nTest() + ")",
              e.labels(),
              e.confusion());
      doc.add(
          new Image(
              "plots/confusion-" + fileName(c) + ".png",
              "confusion matrix " + c.id(),
              png.bytes(),
              png.width(),
              png.height()));
    }

    doc.add(new Heading(2, "Stages and inputs", "stages"));
    List<String> stageLines = new ArrayList<>(o.stageActions());
    o.stageSeconds()
        .forEach(
            (k, v) ->
                stageLines.add(
                    k.startsWith("cells_")
                        ? k + ": " + v.longValue()
                        : String.format(Locale.ROOT, "%s: %.1f s", k, v)));
    doc.add(new Bullets(stageLines));
    List<List<ReportDocument.Cell>> rows = new ArrayList<>();
    for (InputFingerprints.Part p : o.inputs().parts()) {
      rows.add(
          List.of(
              txt(p.table()),
              txt(p.corpus()),
              ReportDocument.Cell.of(String.valueOf(p.rows())),
              txt(p.hash())));
    }
    doc.add(
        new Table("inputs", List.of("table", "corpus", "rows", "content hash (Σ xxhash64)"), rows));
    return doc;
  }

  /** Writes report.md, report.html and the pictures under plots/. */
  public static void write(BenchmarkOutcome o) {
    ReportDocument doc = build(o);
    for (Image i : doc.images()) o.run().write(i.relPath(), i.png());
    o.run().write("report.md", MarkdownRenderer.render(doc).getBytes(StandardCharsets.UTF_8));
    o.run().write("report.html", HtmlRenderer.render(doc).getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------------------------------------------------------

  static Board board(BenchmarkOutcome o) {
    List<String> systems = new ArrayList<>();
    List<Condition> conditions = new ArrayList<>();
    for (Cell c : o.cells()) {
      if (!systems.contains(c.system())) systems.add(c.system());
      if (!conditions.contains(c.condition())) conditions.add(c.condition());
    }
    Cell[][] cells = new Cell[systems.size()][conditions.size()];
    for (Cell c : o.cells())
      cells[systems.indexOf(c.system())][conditions.indexOf(c.condition())] = c;
    return new Board(systems, conditions, cells);
  }

  private static Table leaderboard(
      BenchmarkOutcome o, Board b, String metricName, Function<Evaluation, Metric> metric) {
    int ns = b.systems().size();
    int nc = b.conditions().size();
    double[] mean = new double[ns];
    for (int s = 0; s < ns; s++) {
      double sum = 0;
      int n = 0;
      for (int k = 0; k < nc; k++) {
        Cell c = b.cells()[s][k];
        if (c != null && !o.invalid(c)) {
          sum += metric.apply(o.resultOf(c).evaluation()).value();
          n++;
        }
      }
      mean[s] = n == 0 ? Double.NaN : sum / n;
    }
    Integer[] order = new Integer[ns];
    for (int i = 0; i < ns; i++) order[i] = i;
    java.util.Arrays.sort(
        order, Comparator.comparingDouble((Integer i) -> Double.isNaN(mean[i]) ? 1e9 : -mean[i]));
    double[] best = new double[nc];
    java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
    for (int k = 0; k < nc; k++) {
      for (int s = 0; s < ns; s++) {
        Cell c = b.cells()[s][k];
        if (c != null && !o.invalid(c))
          best[k] = Math.max(best[k], metric.apply(o.resultOf(c).evaluation()).value());
      }
    }
    List<String> header = new ArrayList<>(List.of("rank", "system"));
    b.conditions().forEach(c -> header.add(c.label()));
    header.add("mean");
    List<List<ReportDocument.Cell>> rows = new ArrayList<>();
    int rank = 0;
    for (int s : order) {
      rank++;
      List<ReportDocument.Cell> row = new ArrayList<>();
      row.add(ReportDocument.Cell.of(String.valueOf(rank)));
      row.add(txt(b.systems().get(s)));
      for (int k = 0; k < nc; k++) {
        Cell c = b.cells()[s][k];
        if (c == null) {
          row.add(ReportDocument.Cell.of("—"));
          continue;
        }
        Metric m = metric.apply(o.resultOf(c).evaluation());
        boolean invalid = o.invalid(c);
        boolean isBest = !invalid && m.value() == best[k];
        boolean tied =
            !invalid
                && !isBest
                && o.paired().stream()
                    .anyMatch(
                        p ->
                            p.family().equals(PairedComparisons.BEST)
                                && p.metric().equals(metricName)
                                && p.secondCellId().equals(c.id())
                                && !p.significant());
        row.add(
            new ReportDocument.Cell(
                f3(m.value()) + (invalid ? " ✗" : tied ? " ≈" : ""),
                ci(m),
                isBest,
                invalid ? "invalid" : isBest ? "best" : null));
      }
      String system = b.systems().get(s);
      boolean tiedMean =
          rank > 1
              && o.paired().stream()
                  .anyMatch(
                      p ->
                          p.conditionId().equals(PairedComparisons.MEAN)
                              && p.metric().equals(metricName)
                              && p.secondSystem().equals(system)
                              && !p.significant());
      row.add(
          new ReportDocument.Cell(
              Double.isNaN(mean[s]) ? "—" : f3(mean[s]) + (tiedMean ? " ≈" : ""),
              null,
              rank == 1,
              null));
      rows.add(row);
    }
    return new Table("leaderboard", header, rows);
  }

  /**
   * Each condition's best system against every other, then each comparison the spec asked for:
   * macro-F1 and UAR differences with their paired CIs (WA is in paired.csv).
   */
  private static void paired(ReportDocument doc, BenchmarkOutcome o) {
    doc.add(new Heading(2, "Paired differences: is each column's best really better?", "paired"));
    doc.add(
        new Paragraph(
            "Two systems tested on the same utterances share most of their sampling noise (the same "
                + "speakers are hard for both), so overlapping intervals in the leaderboard do not mean \"no difference\". "
                + "Here each condition's best system (per metric) is compared with every other on the test utterances both "
                + "predicted: Δ = best − other, its 95% interval from "
                + o.spec().bootstrapResamples()
                + " paired speaker "
                + "resamples (the same speakers drawn for both; not adjusted), and the bootstrap p-value for \"no "
                + "difference\", Holm-corrected over the systems of the column. Condition `mean`: the leaderboard's mean "
                + "over conditions, the best mean against each system with the same conditions, every test set's speakers "
                + "drawn again together (test sets of one corpus share the draw). **yes** = significant at 5% after the "
                + "correction. WA and every p-value before correction: `paired.csv`."));
    doc.add(pairsTable(o, PairedComparisons.BEST, "best", "other"));
    for (BenchmarkSpec.Contrast c : o.spec().compare()) {
      doc.add(new Heading(3, "Requested comparison — " + c.label(), null));
      doc.add(
          new Paragraph(
              "Every pair of cells that differ only in "
                  + c.dimension()
                  + " (`"
                  + c.first()
                  + "` "
                  + "against `"
                  + c.second()
                  + "`), Δ = "
                  + c.first()
                  + " − "
                  + c.second()
                  + "; Holm-corrected over the "
                  + "pairs of this comparison, per metric."));
      doc.add(pairsTable(o, c.label(), c.first(), c.second()));
    }
  }

  private static Table pairsTable(
      BenchmarkOutcome o, String family, String firstName, String secondName) {
    List<List<ReportDocument.Cell>> rows = new ArrayList<>();
    for (PairedComparisons.Pair p : o.paired()) {
      if (!p.family().equals(family) || p.metric().equals("wa")) continue;
      rows.add(
          List.of(
              txt(p.condition()),
              txt(p.metric().equals("macro_f1") ? "macro-F1" : "UAR"),
              txt(p.firstSystem() + " (" + f3(p.first()) + ")"),
              txt(p.secondSystem() + " (" + f3(p.second()) + ")"),
              ReportDocument.Cell.of(String.format(Locale.ROOT, "%+.3f", p.delta())),
              ReportDocument.Cell.of(
                  String.format(Locale.ROOT, "[%+.3f, %+.3f]", p.lower(), p.upper())),
              ReportDocument.Cell.of(String.format(Locale.ROOT, "%.3f", p.pHolm())),
              new ReportDocument.Cell(p.significant() ? "yes" : "no", null, p.significant(), null),
              ReportDocument.Cell.of(p.items() + " / " + p.speakers())));
    }
    return new Table(
        "paired",
        List.of(
            "condition",
            "metric",
            firstName,
            secondName,
            "Δ",
            "95% CI",
            "p (Holm)",
            "significant",
            "utterances / speakers"),
        rows);
  }

  private static void heatmaps(BenchmarkOutcome o, Board b, ReportDocument doc) {
    List<String> tests = o.spec().corpusNames();
    for (int s = 0; s < b.systems().size(); s++) {
      List<String> trainRows = new ArrayList<>();
      Map<String, Map<String, Double>> values = new LinkedHashMap<>();
      for (int k = 0; k < b.conditions().size(); k++) {
        Cell c = b.cells()[s][k];
        if (c == null) continue;
        String row = c.condition().trainLabel();
        if (!trainRows.contains(row)) trainRows.add(row);
        values
            .computeIfAbsent(row, x -> new LinkedHashMap<>())
            .put(
                c.condition().test(),
                o.invalid(c) ? null : o.resultOf(c).evaluation().macroF1().value());
      }
      // training rows in corpus order, then the leave-one-out rows
      trainRows.sort(
          Comparator.comparingInt(
              (String r) -> tests.contains(r) ? tests.indexOf(r) : tests.size()));
      Double[][] v = new Double[trainRows.size()][tests.size()];
      for (int r = 0; r < trainRows.size(); r++) {
        for (int t = 0; t < tests.size(); t++)
          v[r][t] = values.get(trainRows.get(r)).get(tests.get(t));
      }
      String system = b.systems().get(s);
      var png = BenchmarkCharts.trainTestHeatmap(system, trainRows, tests, v);
      doc.add(
          new Image(
              "plots/matrix-" + slug(system) + ".png",
              "train × test macro-F1, " + system,
              png.bytes(),
              png.width(),
              png.height()));
    }
  }

  private static Table checksTable(List<Check> checks) {
    List<List<ReportDocument.Cell>> rows = new ArrayList<>();
    List<Check> sorted = new ArrayList<>(checks);
    sorted.sort(Comparator.comparingInt((Check c) -> c.severity().ordinal()));
    for (Check c : sorted) {
      rows.add(
          List.of(
              new ReportDocument.Cell(c.severity().name(), null, false, c.severity().name()),
              txt(c.check()),
              txt(c.scope()),
              txt(c.message()),
              txt(
                  c.affectedCells().isEmpty()
                      ? ""
                      : c.affectedCells().size() <= 4
                          ? String.join(", ", c.affectedCells())
                          : c.affectedCells().size() + " cells")));
    }
    return new Table("checks", List.of("severity", "check", "scope", "finding", "affects"), rows);
  }

  private static Table levelsTable(List<LevelCheck.Levels> levels) {
    List<String> corpora = new ArrayList<>(levels.get(0).medianByCorpus().keySet());
    List<String> header = new ArrayList<>(List.of("normalisation"));
    header.addAll(corpora);
    header.add("spread");
    List<List<ReportDocument.Cell>> rows = new ArrayList<>();
    for (LevelCheck.Levels l : levels) {
      List<ReportDocument.Cell> row = new ArrayList<>();
      row.add(txt(l.normalisation()));
      for (String c : corpora) {
        Double v = l.medianByCorpus().get(c);
        row.add(ReportDocument.Cell.of(v == null ? "—" : String.format(Locale.ROOT, "%.2f", v)));
      }
      row.add(ReportDocument.Cell.of(String.format(Locale.ROOT, "%.2f", l.spread())));
      rows.add(row);
    }
    return new Table("levels", header, rows);
  }

  private static void comparison(ReportDocument doc, Comparison cmp) {
    doc.add(new Heading(2, "Comparison with an earlier run", "comparison"));
    if (cmp.baselineRunId() == null) {
      doc.add(
          new Paragraph("No earlier completed run of this benchmark: nothing to compare with."));
      return;
    }
    doc.add(
        new Paragraph(
            "Baseline run `"
                + cmp.baselineRunId()
                + "`. Δ = this run − baseline; a change is flagged "
                + "(⚑) when |Δ| exceeds the larger 95% CI half-width of the two runs. "
                + cmp.flaggedCount()
                + " of "
                + cmp.deltas().size()
                + " deltas flagged."));
    List<List<ReportDocument.Cell>> rows = new ArrayList<>();
    for (Comparison.Delta d : cmp.deltas()) {
      rows.add(
          List.of(
              txt(d.cellId()),
              txt(d.metric()),
              ReportDocument.Cell.of(f3(d.baseline())),
              ReportDocument.Cell.of(f3(d.current())),
              new ReportDocument.Cell(
                  String.format(Locale.ROOT, "%+.3f", d.delta()) + (d.flagged() ? " ⚑" : ""),
                  null,
                  d.flagged(),
                  d.flagged() ? "flag" : null),
              ReportDocument.Cell.of(String.format(Locale.ROOT, "±%.3f", d.ciHalfWidth()))));
    }
    doc.add(
        new Table(
            "comparison",
            List.of("cell", "metric", "baseline", "this run", "Δ", "CI half-width"),
            rows));
    if (!cmp.onlyInBaseline().isEmpty()) {
      doc.add(
          new Paragraph("Cells only in the baseline: " + String.join(", ", cmp.onlyInBaseline())));
    }
  }

  private static Table cellsTable(BenchmarkOutcome o) {
    List<List<ReportDocument.Cell>> rows = new ArrayList<>();
    for (Cell c : o.cells()) {
      CellResult r = o.resultOf(c);
      Evaluation e = r.evaluation();
      rows.add(
          List.of(
              txt(c.system()),
              txt(c.condition().label()),
              new ReportDocument.Cell(
                  f3(e.macroF1().value()), ci(e.macroF1()), false, o.invalid(c) ? "invalid" : null),
              new ReportDocument.Cell(f3(e.uar().value()), ci(e.uar()), false, null),
              new ReportDocument.Cell(f3(e.wa().value()), ci(e.wa()), false, null),
              ReportDocument.Cell.of(e.nTrain() + " / " + e.nTest()),
              ReportDocument.Cell.of(String.valueOf(e.folds().size())),
              txt(r.cached() ? "cached" : String.format(Locale.ROOT, "%.1f s", r.seconds())),
              txt(r.cacheKey())));
    }
    return new Table(
        "cells",
        List.of(
            "system",
            "condition",
            "macro-F1",
            "UAR",
            "WA",
            "n train / test",
            "folds",
            "computed",
            "cache key"),
        rows);
  }

  private static String checkSummary(BenchmarkOutcome o) {
    long err = o.checks().stream().filter(c -> c.severity() == Check.Severity.ERROR).count();
    long warn = o.checks().stream().filter(c -> c.severity() == Check.Severity.WARN).count();
    return "protocol checks: " + err + " ERROR, " + warn + " WARN (see Protocol sanity checks)";
  }

  private static ReportDocument.Cell txt(String s) {
    return new ReportDocument.Cell(s, null, false, "text");
  }

  private static String ci(Metric m) {
    return m.hi() > m.lo() ? String.format(Locale.ROOT, "[%.3f, %.3f]", m.lo(), m.hi()) : "";
  }

  private static String f3(double v) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3f", v);
  }

  static String fileName(Cell c) {
    return slug(c.id());
  }

  static String slug(String s) {
    return s.replace("→", "-to-")
        .replace("−", "-")
        .replace("×", "x")
        .replaceAll("[^A-Za-z0-9._-]+", "_")
        .replaceAll("_+", "_")
        .replaceAll("^_|_$", "");
  }
}
