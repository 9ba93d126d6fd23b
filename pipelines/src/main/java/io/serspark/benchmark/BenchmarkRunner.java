package io.serspark.benchmark;

import static org.apache.spark.sql.functions.col;

import io.serspark.benchmark.BenchmarkSpec.FeatureSet;
import io.serspark.config.ConfigException;
import io.serspark.features.EgemapsSchema;
import io.serspark.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a benchmark spec against a warehouse: brings the upstream tables up to date (only what is
 * missing or stale), fingerprints the inputs, runs the protocol sanity checks, evaluates every cell
 * that is not already in the cell cache (each written as soon as it finishes, so a killed run
 * resumes where it stopped), and compares with an earlier run. The report is written by the caller
 * from the returned {@link BenchmarkOutcome}.
 */
public final class BenchmarkRunner {
  private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunner.class);
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * @param compareTo {@code latest}, a run id, or null for no comparison
   */
  public record Options(String compareTo, String codeVersion, Clock clock) {
    public static Options defaults(String compareTo) {
      return new Options(compareTo, CodeVersion.describe(), Clock.systemUTC());
    }
  }

  private final Warehouse warehouse;
  private final CellEvaluator evaluator;
  private final StageRunner stages;

  public BenchmarkRunner(Warehouse warehouse, CellEvaluator evaluator, StageRunner stages) {
    this.warehouse = warehouse;
    this.evaluator = evaluator;
    this.stages = stages;
  }

  /**
   * What can be checked against the warehouse before any work: tables we cannot make, the run to
   * compare with.
   */
  public void validate(BenchmarkSpec spec, String compareTo) {
    for (FeatureSet f : spec.features()) {
      if (f.kind().equals(FeatureSet.EMBEDDING)
          && spec.upstreamOf(f).isEmpty()
          && !warehouse.exists(f.table())) {
        throw new ConfigException(
            "feature set '"
                + f.id()
                + "': table "
                + f.table()
                + " is not in the warehouse "
                + warehouse.root()
                + "; run './submit.sh embed ...' first or remove it from the spec's features");
      }
    }
    if (compareTo != null && !compareTo.equals("latest")) {
      RunFolder probe = runFolder(spec, "_probe");
      if (!probe.completedRuns().contains(compareTo)) {
        throw new ConfigException(
            "--compare-to "
                + compareTo
                + ": no completed run of benchmark '"
                + spec.name()
                + "' with that id in "
                + probe.benchmarkDir()
                + " (known: "
                + String.join(", ", probe.completedRuns())
                + "); use 'latest' or one of those");
      }
    }
  }

  public BenchmarkOutcome run(BenchmarkSpec spec, Options opts) {
    validate(spec, opts.compareTo());
    Map<String, Double> seconds = new LinkedHashMap<>();
    String started = DateTimeFormatter.ISO_INSTANT.format(opts.clock().instant());

    // 1. upstream stages, only where missing or stale
    long t = System.nanoTime();
    List<String> egemapsTables =
        spec.features().stream()
            .filter(f -> f.kind().equals(FeatureSet.EGEMAPS))
            .map(FeatureSet::table)
            .toList();
    StageFreshness.Plan plan = new StageFreshness(warehouse).plan(spec, egemapsTables);
    seconds.put("plan", secs(t));
    plan.reasons().forEach(r -> LOG.info("benchmark: {}", r));
    if (!plan.ingest().isEmpty()) {
      t = System.nanoTime();
      stages.ingest(plan.ingest());
      seconds.put("ingest", secs(t));
    }
    if (!plan.features().isEmpty()) {
      t = System.nanoTime();
      plan.features().forEach(stages::features);
      seconds.put("features", secs(t));
    }
    List<String> actions = new ArrayList<>(plan.reasons());
    if (plan.nothingToDo())
      actions.add("ingest and features reused: utterances and feature tables are up to date");
    t = System.nanoTime();
    List<EmbeddingFreshness.Stage> embeddings =
        new EmbeddingFreshness(warehouse)
            .plan(spec, plan.ingest().stream().map(BenchmarkSpec.CorpusRef::name).toList());
    for (EmbeddingFreshness.Stage e : embeddings) {
      e.reasons().forEach(r -> LOG.info("benchmark: {}", r));
      actions.addAll(e.reasons());
      stages.embeddings(e);
    }
    for (Upstream u : spec.upstreams()) {
      if (embeddings.stream().noneMatch(e -> e.upstream().equals(u))) {
        actions.add(
            "embeddings "
                + u.name()
                + " reused: "
                + u.table()
                + " is up to date (model sha256, utterances)");
      }
    }
    if (!spec.upstreams().isEmpty()) seconds.put("embeddings", secs(t));

    // 2. inputs
    t = System.nanoTime();
    List<String> tables = new ArrayList<>(List.of("utterances"));
    spec.features().stream()
        .map(FeatureSet::table)
        .distinct()
        .forEach(tables::add); // a layer sweep reads one table
    InputFingerprints.Inputs inputs =
        new InputFingerprints(warehouse).of(tables, spec.corpusNames());
    for (String c : spec.corpusNames()) {
      if (inputs.parts().stream()
          .noneMatch(p -> p.table().equals("utterances") && p.corpus().equals(c))) {
        throw new ConfigException("corpus '" + c + "' has no utterances in " + warehouse.root());
      }
    }
    String runHash =
        Cell.sha256(spec.canonicalYaml() + "\n" + inputs.hashAll() + "\n" + evaluator.version())
            .substring(0, 8);
    var benchDir = RunFolder.benchmarkDir(warehouse.root(), spec.name());
    String runId;
    try {
      runId =
          RunFolder.unfinishedRun(warehouse.fs(), benchDir, runHash)
              .orElse(
                  RUN_TIME.format(opts.clock().instant())
                      + "-"
                      + CodeVersion.forPath(opts.codeVersion())
                      + "-"
                      + runHash);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RunFolder run = runFolder(spec, runId);
    run.writeString("spec.yaml", spec.canonicalYaml());
    Map<String, Object> inputsJson = InputFingerprints.asJson(inputs);
    inputsJson.put("evaluator", evaluator.version());
    inputsJson.put("code_version", opts.codeVersion());
    run.writeJson("inputs.json", inputsJson);
    seconds.put("inputs", secs(t));
    LOG.info("benchmark {}: run {} in {}", spec.name(), runId, run.dir());

    // 3. sanity checks that need only the data
    t = System.nanoTime();
    List<Cell> cells = CellPlan.cells(spec);
    Dataset<Row> labelled = labelled(spec).persist(StorageLevel.MEMORY_AND_DISK());
    List<Check> checks = new ArrayList<>(ProtocolChecks.corpusChecks(labelled, spec, cells));
    checks.addAll(DesignChecks.withinConfounding(DesignChecks.tally(labelled), cells));
    List<Check> planning = CellPlanning.check(labelled, spec, cells, CellPlanning.CHECKS);
    checks.addAll(planning);
    java.util.Set<String> refused = new java.util.HashSet<>();
    planning.forEach(k -> refused.addAll(k.affectedCells()));
    List<LevelCheck.Levels> levels = List.of();
    // the level feature is not formant-dependent: either eGeMAPS table has the same values
    String levelTable =
        java.util.stream.Stream.of(
                EgemapsSchema.FUNCTIONALS_TABLE, EgemapsSchema.ACCURATE_FORMANTS_TABLE)
            .filter(warehouse::exists)
            .findFirst()
            .orElse(null);
    if (levelTable != null) {
      Dataset<Row> f = warehouse.read(levelTable);
      if (Arrays.asList(f.columns()).contains(LevelCheck.FEATURE)) {
        Dataset<Row> lv =
            f.select(col("utterance_id"), col(LevelCheck.FEATURE).cast("double").as("level"))
                .join(labelled.select("utterance_id", "corpus", "speaker"), "utterance_id")
                .filter(col("level").isNotNull().and(col("level").isNaN().unary_$bang()));
        levels = LevelCheck.levels(lv, spec.normalisations());
        checks.addAll(LevelCheck.checks(levels, cells));
      }
    }
    seconds.put("checks", secs(t));

    // 4. cells, each cached as soon as it is done
    t = System.nanoTime();
    List<CellResult> results = new ArrayList<>();
    int computed = 0;
    for (Cell cell : cells) {
      String inputHash =
          inputs.hashFor(
              List.of("utterances", cell.features().table()), cell.condition().corpora());
      String key =
          Cell.sha256(cell.definitionHash() + "\n" + inputHash + "\n" + evaluator.version())
              .substring(0, 24);
      Optional<CellResult> hit = run.cachedCell(key);
      if (hit.isPresent() && hit.get().evaluation().predictions() == null) {
        // written before cells kept their test predictions, which the paired comparisons need
        LOG.info(
            "benchmark: {} is cached without its test predictions (an earlier version): computing it again",
            cell.id());
        hit = Optional.empty();
      }
      CellResult r;
      if (refused.contains(cell.id())) {
        LOG.warn("benchmark: {} cannot run on this data; reported as a protocol ERROR", cell.id());
        results.add(
            new CellResult(cell.id(), key, inputHash, Evaluation.notRun(spec.labels()), 0, false));
        continue;
      }
      if (hit.isPresent()) {
        r = hit.get().asCached();
        LOG.info("benchmark: {} reused from the cell cache", cell.id());
      } else {
        long c0 = System.nanoTime();
        Dataset<Row> data =
            labelled.filter(col("corpus").isin(cell.condition().corpora().toArray()));
        Evaluation e;
        try {
          e = evaluator.evaluate(data, cell, spec);
        } catch (ConfigException | IllegalArgumentException failed) {
          // the data refused what planning could not foresee (e.g. an inner fold's training side):
          // that cell is
          // reported and the others run. Anything else (a bug, a killed executor) still ends the
          // run, which resumes
          // from the cell cache.
          LOG.error("benchmark: {} failed", cell.id(), failed);
          checks.add(
              new Check(
                  Check.Severity.ERROR,
                  "cell failed",
                  cell.condition().id(),
                  cell.id() + ": " + failed.getMessage(),
                  List.of(cell.id())));
          results.add(
              new CellResult(
                  cell.id(), key, inputHash, Evaluation.notRun(spec.labels()), secs(c0), false));
          continue;
        }
        r = new CellResult(cell.id(), key, inputHash, e, secs(c0), false);
        run.storeCell(r);
        computed++;
        LOG.info(
            "benchmark: {} macro-F1 {} ({} s)",
            cell.id(),
            String.format("%.3f", e.macroF1().value()),
            String.format("%.1f", r.seconds()));
      }
      results.add(r);
      List<String> labels = spec.labels().isEmpty() ? r.evaluation().labels() : spec.labels();
      checks.addAll(ProtocolChecks.foldChecks(cell, r.evaluation(), labels));
      checks.addAll(DesignChecks.textOverlap(cell, r.evaluation()));
    }
    labelled.unpersist();
    seconds.put("cells", secs(t));
    seconds.put("cells_computed", (double) computed);
    seconds.put("cells_cached", (double) (cells.size() - computed));

    BenchmarkOutcome partial =
        new BenchmarkOutcome(
            spec,
            run,
            opts.codeVersion(),
            started,
            cells,
            results,
            checks,
            levels,
            inputs,
            actions,
            seconds,
            Optional.empty(),
            List.of());
    t = System.nanoTime();
    List<PairedComparisons.Pair> paired = PairedComparisons.of(partial);
    seconds.put("paired", secs(t));
    Optional<Comparison> cmp = compare(partial, opts.compareTo());
    return new BenchmarkOutcome(
        spec,
        run,
        opts.codeVersion(),
        started,
        cells,
        results,
        checks,
        levels,
        inputs,
        actions,
        seconds,
        cmp,
        paired);
  }

  private Optional<Comparison> compare(BenchmarkOutcome o, String compareTo) {
    if (compareTo == null) return Optional.empty();
    List<String> runs = o.run().completedRuns();
    String base =
        compareTo.equals("latest")
            ? (runs.isEmpty() ? null : runs.get(runs.size() - 1))
            : compareTo;
    if (base == null) {
      LOG.warn(
          "--compare-to latest: no earlier completed run of {}; no comparison", o.spec().name());
      return Optional.of(new Comparison(null, List.of(), List.of()));
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> doc =
          RunFolder.JSON.readValue(o.run().readOtherRun(base, "results.json"), Map.class);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> before = (List<Map<String, Object>>) doc.get("cells");
      return Optional.of(Comparison.of(base, before, ResultsTable.rows(o)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read results.json of run " + base, e);
    }
  }

  /** Utterances of the spec's corpora whose emotion is in the label set. */
  private Dataset<Row> labelled(BenchmarkSpec spec) {
    Dataset<Row> u =
        warehouse.read("utterances").filter(col("corpus").isin(spec.corpusNames().toArray()));
    u =
        spec.labels().isEmpty()
            ? u.filter(col("emotion").isNotNull())
            : u.filter(col("emotion").isin(spec.labels().toArray()));
    List<String> present = Arrays.asList(u.columns());
    return u.select(
        List.of("utterance_id", "corpus", "speaker", "gender", "emotion", "split", "text_id")
            .stream()
            .filter(present::contains)
            .map(c -> col(c))
            .toArray(org.apache.spark.sql.Column[]::new));
  }

  private RunFolder runFolder(BenchmarkSpec spec, String runId) {
    try {
      return new RunFolder(
          warehouse.fs(), RunFolder.benchmarkDir(warehouse.root(), spec.name()), runId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
