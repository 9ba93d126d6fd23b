package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.serspark.benchmark.StageRunner;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The benchmark job end to end on a synthetic warehouse with a stand-in evaluator: run folder
 * contents, cells cached and reused, a crashed run resumed, --compare-to, the report rendered in
 * headless Chromium, and bad specs.
 */
class BenchmarkJobTest {
  static SparkSession spark;
  @TempDir static Path tmp;
  static Path warehouse;
  static Path spec;

  @BeforeAll
  static void setUp() throws Exception {
    System.setProperty("spark.master", "local[2]");
    spark = Sessions.getOrCreate("benchmark-test");
    warehouse = tmp.resolve("wh");
    BenchmarkFixtures.writeWarehouse(spark, Warehouse.open(spark, warehouse.toString()));
    spec = tmp.resolve("synthetic.yaml");
    Files.writeString(
        spec,
        """
        name: synthetic
        label_set: 4class
        corpora: [a, b]
        features: [egemaps]
        classifiers: [svm, rf]
        protocols: {within: loso, cross: true}
        normalisation: [global, per-corpus]
        bootstrap: {resamples: 400, seed: 3}
        compare: [{classifiers: [svm, rf]}]
        """);
  }

  @AfterAll
  static void tearDown() {
    System.clearProperty("spark.master");
  }

  record Run(int code, String out, String err) {}

  static Run run(BenchmarkFixtures.FixedEvaluator ev, String... args) {
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            if (cls == BenchmarkJob.class)
              return cls.cast(new BenchmarkJob(wh -> ev, wh -> StageRunner.NONE));
            return CommandLine.defaultFactory().create(cls);
          }
        };
    CommandLine cl = new CommandLine(new Main(), factory);
    cl.setExecutionExceptionHandler(new JobErrors());
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = cl.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(old);
    }
  }

  static Path benchDir() {
    return warehouse.resolve("runs/synthetic");
  }

  static List<String> runs() throws Exception {
    try (Stream<Path> s = Files.list(benchDir())) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("_") && !n.startsWith("."))
          .sorted()
          .toList();
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> results(String runId) throws Exception {
    Map<String, Object> doc =
        new ObjectMapper()
            .readValue(benchDir().resolve(runId).resolve("results.json").toFile(), Map.class);
    return (List<Map<String, Object>>) doc.get("cells");
  }

  @Test
  void crashResumeCacheCompareAndReport() throws Exception {
    // 1. a run that crashes after 3 of its 16 cells leaves those 3 in the cache and no complete run
    var crashing = new BenchmarkFixtures.FixedEvaluator(6, 3);
    Run r1 = run(crashing, "benchmark", spec.toString(), "--warehouse", warehouse.toString());
    assertEquals(1, r1.code(), r1.err());
    assertTrue(r1.err().contains("simulated crash"), r1.err());
    try (Stream<Path> s = Files.list(benchDir().resolve("_cells"))) {
      assertEquals(
          3, s.filter(p -> p.toString().endsWith(".json")).count(), "cells written one by one");
    }
    String interrupted = runs().get(0);
    assertFalse(Files.exists(benchDir().resolve(interrupted).resolve("_COMPLETE")));

    // 2. the re-run resumes into the same run folder and computes only the 13 missing cells
    var full = new BenchmarkFixtures.FixedEvaluator(6, Integer.MAX_VALUE);
    Run r2 = run(full, "benchmark", spec.toString(), "--warehouse", warehouse.toString());
    assertEquals(0, r2.code(), r2.err());
    assertEquals(13, full.evaluated.get());
    assertEquals(List.of(interrupted), runs(), "resumed into the interrupted run");
    Path runDir = benchDir().resolve(interrupted);
    for (String f :
        List.of(
            "results.parquet",
            "results.csv",
            "results.json",
            "paired.csv",
            "report.md",
            "report.html",
            "stages.json",
            "spec.yaml",
            "inputs.json",
            "plots/leaderboard.png",
            "_COMPLETE")) {
      assertTrue(Files.exists(runDir.resolve(f)), f + " in the run folder");
    }
    assertTrue(
        interrupted.matches("\\d{8}T\\d{6}Z-.+-[0-9a-f]{8}"),
        "run id = time-code version-hash: " + interrupted);
    List<Map<String, Object>> first = results(interrupted);
    assertEquals(16, first.size());
    // svm predicts 6 of 8 utterances right in every class: UAR = WA = 0.75 in every cell
    Map<String, Object> svmWithinA =
        first.stream()
            .filter(m -> m.get("cell_id").equals("egemaps|svm|global|within:a"))
            .findFirst()
            .orElseThrow();
    assertEquals(0.75, (Double) svmWithinA.get("uar"), 1e-12);
    assertEquals(0.75, (Double) svmWithinA.get("wa"), 1e-12);
    assertTrue(
        (Double) svmWithinA.get("macro_f1_lo") <= 0.75
            && (Double) svmWithinA.get("macro_f1_hi") >= 0.70);
    assertEquals(
        16,
        Files.list(runDir.resolve("plots"))
            .filter(p -> p.getFileName().toString().startsWith("confusion-"))
            .count(),
        "one confusion matrix per cell");
    long pngs;
    try (Stream<Path> s = Files.list(runDir.resolve("plots"))) {
      pngs = s.filter(p -> p.toString().endsWith(".png")).count();
    }
    assertEquals(
        16 + 4 + 1, pngs, "16 confusion matrices, 4 train x test matrices, 1 leaderboard chart");
    byte[] png = Files.readAllBytes(runDir.resolve("plots/leaderboard.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);

    String md = Files.readString(runDir.resolve("report.md"));
    assertTrue(md.contains("## Leaderboard (macro-F1, the EMO-SUPERB headline)"), md);
    assertTrue(md.contains("| rank | system | a | b | a→b | b→a | mean |"), md);
    // the 12 dB level offset between a and b survives global normalisation, not per-corpus
    // normalisation
    assertTrue(md.contains("| WARN | recording level | normalisation global |"), md);
    assertTrue(md.contains("| OK | recording level | normalisation per-corpus |"), md);

    // the paired comparisons: svm (6 of 8 right for every speaker) beats rf (5 of 8) on every
    // speaker, so each
    // column's best (svm, global) is significantly better than rf after Holm's correction (p =
    // 2/401, adjusted
    // 3 x 2/401); not than svm per-corpus, whose predictions are the same (Δ = 0, p = 1), nor than
    // rf per-corpus,
    // which is worse on one speaker only
    List<Map<String, Object>> all = paired(interrupted);
    List<Map<String, Object>> paired =
        all.stream()
            .filter(p -> p.get("family").equals("best") && !p.get("condition").equals("mean"))
            .toList();
    assertEquals(4 * 3 * 3, paired.size(), "4 conditions x 3 metrics x 3 other systems");
    for (Map<String, Object> p : paired) {
      String other = (String) p.get("second_cell_id");
      assertTrue(((String) p.get("first_cell_id")).startsWith("egemaps|svm|global|"), p.toString());
      boolean rfGlobal = other.contains("|rf|global|");
      assertEquals(rfGlobal, p.get("significant"), p.toString());
      if (rfGlobal) {
        assertEquals(2.0 / 401, (Double) p.get("p"), 1e-12, p.toString());
        assertEquals(3 * 2.0 / 401, (Double) p.get("p_holm"), 1e-12, p.toString());
        if (p.get("metric").equals("wa"))
          assertEquals(0.125, (Double) p.get("delta"), 1e-12, p.toString());
      } else if (other.contains("|svm|")) {
        assertEquals(0.0, (Double) p.get("delta"), 0.0);
        assertEquals(1.0, (Double) p.get("p_holm"), 0.0);
      } else {
        double speakers = other.endsWith(">a") || other.endsWith(":a") ? 6 : 4;
        if (p.get("metric").equals("wa"))
          assertEquals(0.125 / speakers, (Double) p.get("delta"), 1e-12);
        assertTrue((Double) p.get("p") > 0.2, p.toString());
      }
    }
    // the requested comparison svm − rf pairs cells equal but for the classifier: 2 normalisations
    // x 4 conditions;
    // with global normalisation svm is better on every speaker (p = 2/401, times 8 by Holm: 0.040),
    // per-corpus only
    // on one speaker
    List<Map<String, Object>> contrast =
        all.stream().filter(p -> p.get("family").equals("classifiers: svm − rf")).toList();
    assertEquals(8 * 3, contrast.size(), all.toString());
    for (Map<String, Object> p : contrast) {
      String a = (String) p.get("first_cell_id");
      String b = (String) p.get("second_cell_id");
      assertEquals(a.replace("|svm|", "|rf|"), b, "the same cell but for the classifier");
      boolean global = a.contains("|global|");
      assertEquals(global, p.get("significant"), p.toString());
      if (global) assertEquals(8 * 2.0 / 401, (Double) p.get("p_holm"), 1e-12, p.toString());
      assertTrue((Double) p.get("delta") > 0, p.toString());
    }
    assertTrue(md.contains("### Requested comparison — classifiers: svm − rf"), md);
    assertTrue(
        r2.out()
            .contains(
                "compare classifiers: svm − rf: mean Δ +0.076 over 8 cell pairs; significantly higher "
                    + "in 4, lower in 0"),
        r2.out());
    // the mean column: the same verdicts, with every test set's speakers drawn again together (a's
    // two test sets share
    // one draw, b's the other)
    List<Map<String, Object>> means =
        all.stream().filter(p -> p.get("condition").equals("mean")).toList();
    assertEquals(3 * 3, means.size(), "3 metrics x 3 other systems");
    for (Map<String, Object> p : means) {
      assertEquals("egemaps × svm", p.get("first_system"), p.toString());
      assertEquals(128 * 2 + 192 * 2, p.get("items"), p.toString());
      assertEquals(10, p.get("speakers"), p.toString());
      boolean rfGlobal = p.get("second_system").equals("egemaps × rf");
      assertEquals(rfGlobal, p.get("significant"), p.toString());
      if (rfGlobal) assertEquals(3 * 2.0 / 401, (Double) p.get("p_holm"), 1e-12, p.toString());
    }
    assertTrue(
        md.matches(
            "(?s).*\\| 3 \\| egemaps × rf \\(per-corpus\\)( \\| 0\\.7\\d\\d ≈ <sub>[^|]*</sub>){4} "
                + "\\| 0\\.7\\d\\d ≈ \\|.*"),
        "rf per-corpus's mean is not resolved from the best either: " + md);
    assertTrue(
        r2.out()
            .contains(
                " mean                   best egemaps × svm 0.750: significantly better than 1 of 3; "
                    + "not resolved from egemaps × svm (per-corpus), egemaps × rf (per-corpus)"),
        r2.out());
    assertTrue(
        Files.readString(runDir.resolve("paired.csv"))
            .startsWith("family,condition,metric,first_cell_id,"));
    assertTrue(md.contains("## Paired differences: is each column's best really better?"), md);
    assertTrue(
        md.contains("| 4 | egemaps × rf | 0.625 | 0.625 | 0.625 | 0.625 | 0.625 |"),
        "rf is worse: " + md);
    assertTrue(
        r2.out()
            .contains(
                " best egemaps × svm 0.750: significantly better than 1 of 3; not resolved from "
                    + "egemaps × svm (per-corpus), egemaps × rf (per-corpus)"),
        r2.out());

    // 3. the same spec on the same inputs: a new run, every cell from the cache, the same numbers;
    // a cache entry
    // from before cells kept their test predictions is computed again (the paired comparisons need
    // them)
    Path oldEntry;
    try (Stream<Path> s = Files.list(benchDir().resolve("_cells"))) {
      oldEntry = s.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
    }
    ObjectMapper json = new ObjectMapper();
    @SuppressWarnings("unchecked")
    Map<String, Object> entry = json.readValue(oldEntry.toFile(), Map.class);
    ((Map<?, ?>) entry.get("evaluation")).remove("predictions");
    json.writeValue(oldEntry.toFile(), entry);
    var again = new BenchmarkFixtures.FixedEvaluator(6, Integer.MAX_VALUE);
    Run r3 =
        run(
            again,
            "benchmark",
            spec.toString(),
            "--warehouse",
            warehouse.toString(),
            "--compare-to",
            "latest");
    assertEquals(0, r3.code(), r3.err());
    assertEquals(
        1, again.evaluated.get(), "only the cell cached without its predictions recomputed");
    String second = runs().get(1);
    assertNotEquals(interrupted, second);
    assertEquals(strip(first), strip(results(second)), "same numbers from the cache");
    assertEquals(all, paired(second), "same paired comparisons");
    String md3 = Files.readString(benchDir().resolve(second).resolve("report.md"));
    assertTrue(
        md3.contains("Baseline run `" + interrupted + "`")
            && md3.contains("0 of 48 deltas flagged"),
        md3);

    // 4. a changed evaluator (other numbers) compared with the first run: large drops are flagged
    var worse = new BenchmarkFixtures.FixedEvaluator(3, Integer.MAX_VALUE);
    Run r4 =
        run(
            worse,
            "benchmark",
            spec.toString(),
            "--warehouse",
            warehouse.toString(),
            "--compare-to",
            interrupted);
    assertEquals(0, r4.code(), r4.err());
    assertEquals(16, worse.evaluated.get());
    String third = runs().get(2);
    String md4 = Files.readString(benchDir().resolve(third).resolve("report.md"));
    assertTrue(md4.contains("48 of 48 deltas flagged"), md4);
    assertTrue(
        r4.out().contains("compared with " + interrupted + ": 48 deltas larger than the CI"),
        r4.out());

    copyForInspection(benchDir().resolve(third));
    // 5. the HTML report is self-contained and renders: tables with rows, every picture decoded
    String html = Files.readString(benchDir().resolve(third).resolve("report.html"));
    assertFalse(html.contains("src=\"plots/"), "pictures are inlined");
    String probe = HeadlessChromium.probe(benchDir().resolve(third).resolve("report.html"), tmp);
    String[] tables = probe.replaceAll(".*tables=([0-9,]*).*", "$1").split(",");
    String[] images = probe.replaceAll(".*images=([0-9,]*).*", "$1").split(",");
    assertTrue(tables.length >= 6, probe);
    assertEquals(5, Integer.parseInt(tables[0]), "leaderboard: header + 4 systems: " + probe);
    assertEquals(21, images.length, probe);
    assertTrue(
        Arrays.stream(images).allMatch(w -> Integer.parseInt(w) > 100),
        "every image decoded: " + probe);
  }

  @Test
  void badSpecsFailBeforeAnyWorkWithOneLine() throws Exception {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(
        bad,
        "name: bad\nlabel_set: 4class\ncorpora: [a, b]\nfeatures: [egemaps]\n"
            + "classifiers: [knn]\n");
    Run r =
        run(
            new BenchmarkFixtures.FixedEvaluator(6, 0),
            "benchmark",
            bad.toString(),
            "--warehouse",
            tmp.resolve("nowhere").toString());
    assertEquals(2, r.code());
    assertEquals(
        "serspark benchmark: " + bad + ": unknown classifier 'knn'; known: svm, lr, rf, gbt, mlp",
        r.err().strip());
    assertFalse(Files.exists(tmp.resolve("nowhere")), "nothing written");

    Files.writeString(
        bad,
        "name: bad\nlabel_set: 4class\ncorpora: [a, zz]\nfeatures: [egemaps]\nclassifiers: [svm]\n");
    Run r2 =
        run(
            new BenchmarkFixtures.FixedEvaluator(6, 0),
            "benchmark",
            bad.toString(),
            "--warehouse",
            warehouse.toString());
    assertEquals(2, r2.code());
    assertTrue(
        r2.err().strip().startsWith("serspark benchmark: corpus 'zz' is not in the warehouse"),
        r2.err());

    Run r3 =
        run(
            new BenchmarkFixtures.FixedEvaluator(6, 0),
            "benchmark",
            spec.toString(),
            "--warehouse",
            warehouse.toString(),
            "--compare-to",
            "20200101T000000Z-nope");
    assertEquals(2, r3.code());
    assertTrue(r3.err().contains("--compare-to 20200101T000000Z-nope: no completed run"), r3.err());
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> paired(String runId) throws Exception {
    Map<String, Object> doc =
        new ObjectMapper()
            .readValue(benchDir().resolve(runId).resolve("results.json").toFile(), Map.class);
    return (List<Map<String, Object>>) doc.get("paired");
  }

  /** Keeps the last report under target/ so that a person can look at it after the build. */
  static void copyForInspection(Path runDir) throws Exception {
    Path to = Path.of("target", "benchmark-report-sample");
    try (Stream<Path> s = Files.walk(runDir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Path dest = to.resolve(runDir.relativize(p).toString());
        Files.createDirectories(dest.getParent());
        Files.copy(p, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Results without what legitimately differs between runs (run id, cached flag, seconds). */
  static List<Map<String, Object>> strip(List<Map<String, Object>> rows) {
    return rows.stream()
        .map(
            m -> {
              var c = new java.util.LinkedHashMap<>(m);
              c.remove("run_id");
              c.remove("cached");
              c.remove("seconds");
              return (Map<String, Object>) c;
            })
        .toList();
  }
}
