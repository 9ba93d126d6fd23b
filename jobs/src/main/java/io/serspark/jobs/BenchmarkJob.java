package io.serspark.jobs;

import io.serspark.benchmark.BenchmarkOutcome;
import io.serspark.benchmark.BenchmarkRunner;
import io.serspark.benchmark.BenchmarkSpec;
import io.serspark.benchmark.CellEvaluator;
import io.serspark.benchmark.Check;
import io.serspark.benchmark.PairedComparisons;
import io.serspark.benchmark.ResultsTable;
import io.serspark.benchmark.StageRunner;
import io.serspark.config.ConfDir;
import io.serspark.config.ConfigException;
import io.serspark.config.PathSegment;
import io.serspark.jobs.report.BenchmarkReport;
import io.serspark.jobs.report.LayerReport;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description = {
      "Run a cross-corpus benchmark spec (conf/benchmarks/*.yaml): within-corpus speaker-independent results for",
      "every corpus, the train x test matrix across corpora, macro-F1/UAR/WA with speaker-bootstrap CIs and",
      "confusion matrices for every cell. Writes runs/<benchmark>/<run-id>/ in the warehouse (results.parquet|csv|",
      "json, report.md, report.html, plots/, stages.json, spec.yaml, inputs.json). Ingest and features run only",
      "when their tables are missing or out of date; finished cells are reused from the cell cache, so a re-run",
      "or a resumed run computes only what is missing."
    })
public final class BenchmarkJob implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "SPEC",
      description = "Benchmark spec, e.g. conf/benchmarks/emodb-ravdess.yaml")
  Path spec;

  @Option(names = "--warehouse", required = true, description = "Warehouse folder or Hadoop URI.")
  String warehouse;

  @Option(
      names = "--compare-to",
      paramLabel = "latest|RUN-ID",
      description =
          "Add a section with per-cell deltas against an earlier run of the same benchmark ('latest' = "
              + "the most recent completed one), flagging changes larger than the CI.")
  String compareTo;

  private final Function<Warehouse, CellEvaluator> evaluators;
  private final Function<Warehouse, StageRunner> stageRunners;

  /**
   * The command line's job: the experiment API evaluates cells; ingest and features run the real
   * pipelines.
   */
  public BenchmarkJob() {
    this(Wiring::evaluator, Wiring::stages);
  }

  /** For tests: another evaluator or stage runner in place of the real ones. */
  public BenchmarkJob(
      Function<Warehouse, CellEvaluator> evaluators,
      Function<Warehouse, StageRunner> stageRunners) {
    this.evaluators = evaluators;
    this.stageRunners = stageRunners;
  }

  @Override
  public Integer call() {
    // Everything about the spec is checked before Spark starts.
    Path conf = ConfDir.resolve();
    BenchmarkSpec parsed = BenchmarkSpec.load(spec, conf);
    if (compareTo != null && compareTo.isBlank()) {
      throw new ConfigException("--compare-to is empty; give 'latest' or a run id");
    }
    if (compareTo != null && !compareTo.equals("latest"))
      PathSegment.check("--compare-to", compareTo);
    long t0 = System.nanoTime();
    Warehouse wh = Warehouse.open(Sessions.getOrCreate("benchmark " + parsed.name()), warehouse);
    BenchmarkRunner runner = new BenchmarkRunner(wh, evaluators.apply(wh), stageRunners.apply(wh));
    runner.validate(parsed, compareTo);

    BenchmarkOutcome o = runner.run(parsed, BenchmarkRunner.Options.defaults(compareTo));
    long t = System.nanoTime();
    ResultsTable.write(o, wh);
    o.stageSeconds().put("results", (System.nanoTime() - t) / 1e9);
    t = System.nanoTime();
    BenchmarkReport.write(o);
    o.stageSeconds().put("report", (System.nanoTime() - t) / 1e9);
    o.stageSeconds().put("total", (System.nanoTime() - t0) / 1e9);
    Map<String, Object> stages = new LinkedHashMap<>();
    stages.put("run_id", o.run().runId());
    stages.put("seconds", o.stageSeconds());
    stages.put("actions", o.stageActions());
    o.run().writeJson("stages.json", stages);
    o.run().markComplete();

    System.out.println(summary(o));
    return 0;
  }

  private static String summary(BenchmarkOutcome o) {
    StringBuilder b = new StringBuilder();
    b.append("benchmark ")
        .append(o.spec().name())
        .append(": run ")
        .append(o.run().runId())
        .append('\n');
    b.append("  folder ").append(o.run().dir()).append('\n');
    LayerReport.randomInitWarning(o).ifPresent(w -> b.append("  ").append(w).append('\n'));
    long cached = o.results().stream().filter(r -> r.cached()).count();
    b.append(
        String.format(
            Locale.ROOT,
            "  %d cells (%d computed, %d from the cell cache)%n",
            o.cells().size(),
            o.cells().size() - cached,
            cached));
    for (var c : o.cells()) {
      var e = o.resultOf(c).evaluation();
      if (!e.ran()) {
        b.append(
            String.format(
                Locale.ROOT,
                "  %-50s not run (protocol ERROR: see the report's checks)%n",
                c.id()));
        continue;
      }
      b.append(
          String.format(
              Locale.ROOT,
              "  %-50s macro-F1 %.3f [%.3f, %.3f]  UAR %.3f  WA %.3f%s%n",
              c.id(),
              e.macroF1().value(),
              e.macroF1().lo(),
              e.macroF1().hi(),
              e.uar().value(),
              e.wa().value(),
              o.invalid(c) ? "  (protocol ERROR)" : ""));
    }
    LayerReport.summary(o).forEach(line -> b.append("  layer-wise: ").append(line).append('\n'));
    pairedSummary(o, b);
    long err = o.checks().stream().filter(k -> k.severity() == Check.Severity.ERROR).count();
    long warn = o.checks().stream().filter(k -> k.severity() == Check.Severity.WARN).count();
    b.append("  protocol checks: ").append(err).append(" ERROR, ").append(warn).append(" WARN\n");
    o.comparison()
        .ifPresent(
            c ->
                b.append("  compared with ")
                    .append(c.baselineRunId())
                    .append(": ")
                    .append(c.flaggedCount())
                    .append(" deltas larger than the CI\n"));
    o.stageSeconds()
        .forEach(
            (k, v) -> {
              if (!k.startsWith("cells_"))
                b.append(String.format(Locale.ROOT, "  stage %-10s %7.1f s%n", k, v));
            });
    return b.toString();
  }

  /**
   * Per condition: which system is best by macro-F1, and which others it does not significantly
   * beat; per requested comparison: in how many cell pairs the first choice is significantly
   * better, or worse.
   */
  private static void pairedSummary(BenchmarkOutcome o, StringBuilder b) {
    Map<String, List<PairedComparisons.Pair>> byFamily = new LinkedHashMap<>();
    for (PairedComparisons.Pair p : o.paired()) {
      if (!p.metric().equals("macro_f1")) continue;
      String key = p.family().equals(PairedComparisons.BEST) ? "best|" + p.condition() : p.family();
      byFamily.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
    }
    if (byFamily.isEmpty()) return;
    b.append("  macro-F1, paired speaker bootstrap, Holm-corrected, 5 %:\n");
    byFamily.forEach(
        (key, pairs) -> {
          PairedComparisons.Pair first = pairs.get(0);
          if (first.family().equals(PairedComparisons.BEST)) {
            List<String> tied =
                pairs.stream()
                    .filter(p -> !p.significant())
                    .map(PairedComparisons.Pair::secondSystem)
                    .toList();
            b.append(
                String.format(
                    Locale.ROOT,
                    "    %-22s best %s %.3f: significantly better than %d of %d%s%n",
                    first.condition(),
                    first.firstSystem(),
                    first.first(),
                    pairs.size() - tied.size(),
                    pairs.size(),
                    tied.isEmpty() ? "" : "; not resolved from " + String.join(", ", tied)));
          } else {
            long better = pairs.stream().filter(p -> p.significant() && p.delta() > 0).count();
            long worse = pairs.stream().filter(p -> p.significant() && p.delta() < 0).count();
            double mean =
                pairs.stream()
                    .mapToDouble(PairedComparisons.Pair::delta)
                    .average()
                    .orElse(Double.NaN);
            b.append(
                String.format(
                    Locale.ROOT,
                    "    compare %s: mean Δ %+.3f over %d cell pairs; significantly "
                        + "higher in %d, lower in %d%n",
                    first.family(),
                    mean,
                    pairs.size(),
                    better,
                    worse));
          }
        });
  }
}
