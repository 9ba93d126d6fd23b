package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.serspark.benchmark.ExperimentEvaluator;
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
 * A corpus with two speakers in a spec whose SVM chooses its regularisation by inner
 * speaker-disjoint validation (TESS ended such a benchmark halfway): under LOSO each training side
 * holds one speaker, so its within-corpus cells cannot run. Planning finds that before any cell
 * runs; the job completes every other cell with the real experiment API and reports the impossible
 * ones as ✗ with a protocol ERROR row giving the reason.
 */
class TwoSpeakerCorpusBenchmarkTest {
  static SparkSession spark;
  @TempDir static Path tmp;

  @BeforeAll
  static void setUp() {
    System.setProperty("spark.master", "local[2]");
    spark = Sessions.getOrCreate("benchmark-test");
  }

  @AfterAll
  static void tearDown() {
    System.clearProperty("spark.master");
  }

  @Test
  void impossibleCellsAreMarkedAndEveryOtherCellCompletes() throws Exception {
    Path warehouse = tmp.resolve("wh");
    BenchmarkFixtures.writeWarehouse(
        spark, Warehouse.open(spark, warehouse.toString()), Map.of("duo", 2, "trio", 3));
    Path spec = tmp.resolve("duo.yaml");
    Files.writeString(
        spec,
        """
        name: duo
        label_set: 4class
        corpora: [duo, trio]
        features: [egemaps]
        classifiers: [svm]
        protocols: {within: loso, cross: true}
        normalisation: [per-corpus]
        bootstrap: {resamples: 50, seed: 3}
        """);
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            if (cls == BenchmarkJob.class) {
              return cls.cast(
                  new BenchmarkJob(wh -> new ExperimentEvaluator(wh), wh -> StageRunner.NONE));
            }
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
    int code;
    try {
      code = cl.execute("benchmark", spec.toString(), "--warehouse", warehouse.toString());
    } finally {
      System.setOut(old);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    assertEquals(0, code, err.toString());

    Path runDir;
    try (Stream<Path> s = Files.list(warehouse.resolve("runs/duo"))) {
      runDir = s.filter(p -> !p.getFileName().toString().startsWith("_")).findFirst().orElseThrow();
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cells =
        (List<Map<String, Object>>)
            new ObjectMapper()
                .readValue(runDir.resolve("results.json").toFile(), Map.class)
                .get("cells");
    assertEquals(4, cells.size(), "svm x per-corpus x (2 within + 2 cross)");
    for (Map<String, Object> c : cells) {
      String id = (String) c.get("cell_id");
      boolean impossible = id.endsWith("within:duo");
      assertEquals(impossible ? 1 : 0, ((Number) c.get("errors")).intValue(), id);
      assertEquals(!impossible, c.get("macro_f1") instanceof Number, id + ": " + c.get("macro_f1"));
    }

    String report = Files.readString(runDir.resolve("report.md"));
    assertTrue(report.contains("cell cannot run: inner folds for the grid"), report);
    assertTrue(report.contains("fold duo/duo:0's has 1"), report);
    assertTrue(report.contains("— ✗"), "the leaderboard marks the cells: " + report);
    assertTrue(
        report.contains("unsupervised adaptation to the test corpus"),
        "the header says what per-corpus did");
    assertTrue(printed.contains("protocol checks: 1 ERROR"), printed);
    assertTrue(
        printed.contains("egemaps|svm|per-corpus|within:duo")
            && printed.contains("not run (protocol ERROR"),
        printed);
  }
}
