package io.serspark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serspark.demo.DemoCorpus;
import io.serspark.jobs.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The notebooks in {@code notebooks/} run headless on a small demo warehouse ({@code
 * notebooks/run-notebooks.sh}) and produce their tables and pictures, so they cannot rot. Skipped
 * only when Jupyter is not installed.
 */
class NotebooksTest {
  private static final String PACKAGES =
      "jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client jupyter-core";

  private static final List<String> NOTEBOOKS =
      List.of(
          "01-utterances.ipynb", "02-features.ipynb", "03-benchmark.ipynb", "04-pipeline.ipynb");

  @TempDir Path tmp;

  @Test
  void notebooksRunOnTheDemoWarehouse() throws Exception {
    assumeJupyter();
    Path warehouse = demoWarehouse();
    Path executed = TestData.root().resolve("notebooks/target/executed");
    for (String nb : NOTEBOOKS)
      Files.deleteIfExists(executed.resolve(nb)); // no stale copy can pass the checks

    ScriptRun run = runNotebooksScript("run-notebooks.log", 30, warehouse.toString());
    // the attempts and times in the build log, so that kernels that never answered (retried) show
    // there too
    run.log()
        .lines()
        .filter(l -> l.matches("=== .*|\\s+(ok in|FAILED after) .*"))
        .forEach(l -> System.out.println("run-notebooks: " + l.strip()));
    assertTrue(run.ok(), "run-notebooks.sh failed:\n" + tail(run.log()));

    boolean benchmark = hasBenchmarkJob();
    assertEquals(
        NOTEBOOKS, listNotebooks(), "notebooks/ holds other notebooks than this test checks");
    check(
        executed.resolve("01-utterances.ipynb"),
        1,
        List.of("demo-a", "demo-b", "speaker-disjoint"));
    check(
        executed.resolve("02-features.ipynb"),
        2,
        List.of("F0semitoneFrom27.5Hz_sma3nz_amean", "η²"));
    check(
        executed.resolve("03-benchmark.ipynb"),
        benchmark ? 4 : 0,
        benchmark
            ? List.of(
                "macro-F1",
                "cross:demo-a",
                "within:demo-b",
                "demo-a-egemaps-svm-loso",
                "macro-F1 differences are significantly different from zero")
            : List.of("No completed benchmark run", "demo-a-egemaps-svm-loso"));
    // a Pipeline of serspark's stages and MLlib's: saved, loaded, the same predictions; eGeMAPS =
    // the features job's
    check(
        executed.resolve("04-pipeline.ipynb"),
        0,
        List.of(
            "same predictions after save and load: true",
            "max |stage - features job| = 0.0",
            "undefined in one only: 0",
            "accuracy"));
  }

  /**
   * Every start of the Java kernel answers {@code kernel_info}, with no retries. rapaio's loop
   * threads can lose a race with their own start and exit before their first pass (a kernel that
   * never answers: 10 of 20, then 3 of 15 starts, before KernelStart.java restarted such loops), so
   * fifteen starts in a row pass only with that repair.
   */
  @Test
  void everyKernelStartAnswers() throws Exception {
    assumeJupyter();
    Path warehouse = Files.createDirectories(tmp.resolve("empty-warehouse/utterances")).getParent();
    int starts = 15;
    ScriptRun run =
        runNotebooksScript(
            "kernel-starts.log",
            15,
            warehouse.toString(),
            "--check-starts",
            Integer.toString(starts));
    run.log()
        .lines()
        .filter(l -> l.startsWith("start ") || l.startsWith("kernel starts:"))
        .forEach(l -> System.out.println("check-kernel-starts: " + l));
    assertTrue(run.ok(), "some kernel starts never answered:\n" + tail(run.log()));
    assertTrue(
        run.log().contains("kernel starts: " + starts + " of " + starts + " answered"),
        tail(run.log()));
  }

  /** Whether notebooks/run-notebooks.sh exited 0 within its time, and what it printed. */
  private record ScriptRun(boolean ok, String log) {}

  private ScriptRun runNotebooksScript(String logName, int minutes, String... args)
      throws Exception {
    Path log = tmp.resolve(logName);
    List<String> command =
        new ArrayList<>(
            List.of("bash", TestData.root().resolve("notebooks/run-notebooks.sh").toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(minutes, TimeUnit.MINUTES);
    if (!done) p.destroyForcibly();
    return new ScriptRun(done && p.exitValue() == 0, Files.readString(log));
  }

  /**
   * A small SYNTHETIC demo warehouse through the real jobs: 2 corpora x 4 speakers x 4 emotions x 2
   * takes, eGeMAPS, one LOSO training run and, where the benchmark job exists, the demo benchmark.
   * (Smaller than {@code demo}'s default corpus to keep CI short; the notebooks read it the same
   * way.)
   */
  private Path demoWarehouse() throws IOException {
    Path corpora = tmp.resolve("demo-corpus");
    Path wh = tmp.resolve("warehouse");
    DemoCorpus.write(corpora, DemoCorpus.DEFAULT_SEED, 4, 2);
    job(
        "ingest",
        "--corpus",
        "demo-a=" + corpora.resolve("demo-a"),
        "--corpus",
        "demo-b=" + corpora.resolve("demo-b"),
        "--warehouse",
        wh.toString(),
        "--files-per-corpus",
        "1");
    job("features", "--warehouse", wh.toString());
    job(
        "train",
        "--warehouse",
        wh.toString(),
        "--corpus",
        "demo-a",
        "--features",
        "egemaps_v02",
        "--classifier",
        "svm",
        "--grid",
        "regParam=0.1",
        "--labels",
        "4class",
        "--protocol",
        "loso",
        "--bootstrap",
        "50",
        "--run-id",
        "demo-a-egemaps-svm-loso");
    if (hasBenchmarkJob()) {
      job(
          "benchmark",
          TestData.root().resolve("conf/benchmarks/demo.yaml").toString(),
          "--warehouse",
          wh.toString());
    }
    return wh;
  }

  private static void job(String... args) {
    assertEquals(0, Main.run(args), "job failed: " + String.join(" ", args));
  }

  private static boolean hasBenchmarkJob() {
    return new CommandLine(new Main()).getSubcommands().containsKey("benchmark");
  }

  /**
   * No cell raised, no Spark code-generation errors leaked into outputs, pictures and the expected
   * texts are there.
   */
  private static void check(Path notebook, int minImages, List<String> texts) throws IOException {
    assertTrue(Files.isRegularFile(notebook), "not executed: " + notebook);
    JsonNode nb = new ObjectMapper().readTree(notebook.toFile());
    StringBuilder all = new StringBuilder();
    int images = 0;
    int codeCells = 0;
    int withOutput = 0;
    List<String> errors = new ArrayList<>();
    for (JsonNode cell : nb.path("cells")) {
      if (!cell.path("cell_type").asText().equals("code")) continue;
      codeCells++;
      if (cell.path("outputs").size() > 0) withOutput++;
      for (JsonNode out : cell.path("outputs")) {
        if (out.path("output_type").asText().equals("error"))
          errors.add(out.path("evalue").asText());
        all.append(join(out.path("text")));
        all.append(join(out.path("data").path("text/html")));
        all.append(join(out.path("data").path("text/plain")));
        if (out.path("data").has("image/png")) {
          images++;
          assertTrue(
              out.path("data").path("image/png").asText().length() > 1000,
              "empty picture in " + notebook);
        }
      }
    }
    assertTrue(errors.isEmpty(), notebook + ": cells raised " + errors);
    assertTrue(
        codeCells > 0 && withOutput >= codeCells / 2,
        notebook + ": only " + withOutput + " of " + codeCells + " code cells have output");
    assertTrue(
        images >= minImages,
        notebook + ": " + images + " pictures, expected at least " + minImages);
    String text = all.toString();
    for (String t : texts) assertTrue(text.contains(t), notebook + " lacks '" + t + "'");
    assertFalse(
        text.contains("failed to compile"),
        notebook + ": Spark code generation failed inside the kernel");
    assertFalse(
        text.contains("Exception"), notebook + ": an exception was printed:\n" + tail(text));
  }

  private static List<String> listNotebooks() throws IOException {
    try (var s = Files.list(TestData.root().resolve("notebooks"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".ipynb"))
          .sorted()
          .toList();
    }
  }

  private static String join(JsonNode n) {
    if (n.isArray()) {
      StringBuilder b = new StringBuilder();
      n.forEach(x -> b.append(x.asText()));
      return b.toString();
    }
    return n.asText("");
  }

  private static void assumeJupyter() {
    Assumptions.assumeTrue(
        jupyterInstalled(),
        "jupyter nbconvert is not installed: NotebooksTest skipped"
            + " (apt-get install --no-install-recommends "
            + PACKAGES
            + ")");
  }

  private static boolean jupyterInstalled() {
    try {
      Process p =
          new ProcessBuilder("jupyter", "nbconvert", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String tail(String s) {
    return s.length() < 8000 ? s : s.substring(s.length() - 8000);
  }
}
