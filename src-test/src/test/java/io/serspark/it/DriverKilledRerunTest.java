package io.serspark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.config.ConfigException;
import io.serspark.features.FeaturesPipeline;
import io.serspark.ingest.CorpusSource;
import io.serspark.ingest.IngestPipeline;
import io.serspark.ingest.UtteranceTables;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver killed (SIGKILL) half-way through writing a table, then the job re-run: readers only
 * ever see the previous complete table, and the re-run writes exactly what an uninterrupted run
 * writes.
 *
 * <p>The jobs run as users run them, {@code ./submit.sh ingest|features} in a separate JVM
 * (embedded local Spark, so driver and executors die together). The kill point is not a guess: the
 * test-only write stall ({@code -Dserspark.test.stallWriteOf=<table>}, passed through
 * JAVA_TOOL_OPTIONS) lets every write task of that table hand one row to the Parquet writer and
 * then wait, after dropping a marker file; the test kills the JVM once the marker is there, i.e.
 * while the table's staging folder is being written. Meanwhile a second writer and a reader of that
 * table are refused (its write lock), an ingest is refused while features still reads the
 * utterances (its read mark), and the re-run takes over the killed job's lock.
 */
class DriverKilledRerunTest {
  private static final int FIRST = 20;
  private static final int ADDED = 10;

  @TempDir Path tmp;
  private final long t0 = System.nanoTime();

  /**
   * Progress with the time since the test started (the test's cost is mostly JVM and Spark
   * start-ups).
   */
  private void step(String what) {
    System.out.printf(
        java.util.Locale.ROOT,
        "DriverKilledRerunTest %6.1f s  %s%n",
        (System.nanoTime() - t0) / 1e9,
        what);
  }

  @Test
  void killedIngestAndFeaturesLeaveThePreviousTablesAndReRunsEqualAnUninterruptedRun()
      throws Exception {
    List<Path> files = emodbFiles(FIRST + ADDED);
    Path corpus = Files.createDirectories(tmp.resolve("emodb-small/wav"));
    for (Path f : files.subList(0, FIRST)) Files.copy(f, corpus.resolve(f.getFileName()));
    SparkSession spark = Sessions.local(2);

    // previous complete versions of both tables: the first 20 files
    Path dir = tmp.resolve("wh");
    Warehouse wh = Warehouse.open(spark, dir.toString());
    ingestAndFeatures(wh, corpus.getParent());
    List<Row> utterancesBefore = TableRows.of(wh.read("utterances"));
    List<Row> featuresBefore = TableRows.of(wh.read("features/egemaps_v02"));
    assertEquals(FIRST, utterancesBefore.size());
    step("previous tables written (in-process)");

    // 10 files more; the reference is an uninterrupted run over all 30 in another warehouse
    for (Path f : files.subList(FIRST, FIRST + ADDED))
      Files.copy(f, corpus.resolve(f.getFileName()));
    Warehouse ref = Warehouse.open(spark, tmp.resolve("ref").toString());
    ingestAndFeatures(ref, corpus.getParent());
    List<Row> utterancesAll = TableRows.of(ref.read("utterances"));
    List<Row> featuresAll = TableRows.of(ref.read("features/egemaps_v02"));
    assertEquals(FIRST + ADDED, utterancesAll.size());
    step("reference tables written (in-process)");

    List<String> ingest =
        List.of(
            "--master",
            "local[2]",
            "ingest",
            "--corpus",
            "emodb=" + corpus.getParent(),
            "--warehouse",
            dir.toString());
    killWhileWriting(
        dir,
        "utterances",
        ingest,
        () -> {
          // meanwhile a second ingest of the same warehouse is refused before it reads anything (it
          // would keep rows
          // the first is replacing, and delete its staging folder), and so is a reader of the table
          // being replaced
          assertRefused(
              "second-ingest.log",
              ingest,
              "serspark ingest: table utterances is being written by another job: serspark ingest since ");
          ConfigException refused =
              assertThrows(ConfigException.class, () -> wh.read("utterances"));
          assertTrue(
              refused
                  .getMessage()
                  .startsWith(
                      "table utterances is being written by another job: "
                          + "serspark ingest since "),
              refused.getMessage());
        });
    assertEquals(
        utterancesBefore,
        TableRows.of(wh.read("utterances")),
        "after the kill: the previous utterances");
    assertEquals(List.of("features/egemaps_v02", "quarantine", "utterances"), tables(dir));
    step("ingest killed while writing utterances; previous table intact");
    String log = SubmitSh.run(tmp.resolve("ingest-rerun.log"), Map.of(), ingest);
    assertTrue(
        log.contains("removed the unfinished staging folder"),
        "the re-run says what it cleaned up:\n" + SubmitSh.tail(log));
    assertTrue(
        log.contains("removing the stale write lock of utterances held by serspark ingest since"),
        SubmitSh.tail(log));
    assertEquals(utterancesAll, TableRows.of(wh.read("utterances")), "re-run == uninterrupted run");
    assertEquals(
        TableRows.of(ref.read("quarantine", UtteranceTables.QUARANTINE_SCHEMA)),
        TableRows.of(wh.read("quarantine", UtteranceTables.QUARANTINE_SCHEMA)));
    assertEquals(List.of(), staging(dir));
    step("ingest re-run == uninterrupted run");

    List<String> features =
        List.of("--master", "local[2]", "features", "--warehouse", dir.toString());
    killWhileWriting(
        dir,
        "features/egemaps_v02",
        features,
        () -> {
          // the stalled features job is still reading utterances: an ingest now would swap them
          // away under it
          assertRefused(
              "ingest-while-features.log",
              ingest,
              "serspark ingest: table utterances is being read by another job: serspark features since ");
        });
    assertEquals(
        featuresBefore,
        TableRows.of(wh.read("features/egemaps_v02")),
        "after the kill: the previous features");
    assertEquals(List.of("features/egemaps_v02", "quarantine", "utterances"), tables(dir));
    step("features killed while writing features/egemaps_v02; previous table intact");
    log = SubmitSh.run(tmp.resolve("features-rerun.log"), Map.of(), features);
    assertTrue(log.contains("removed the unfinished staging folder"), SubmitSh.tail(log));
    assertEquals(
        featuresAll, TableRows.of(wh.read("features/egemaps_v02")), "re-run == uninterrupted run");
    assertEquals(List.of(), staging(dir));
    step("features re-run == uninterrupted run");
  }

  /**
   * Starts the job with the write stall on {@code table}, waits until a task is writing it,
   * SIGKILLs the JVM.
   */
  private void killWhileWriting(
      Path warehouse, String table, List<String> args, Meanwhile meanwhile) throws Exception {
    Path markers = Files.createDirectories(tmp.resolve("markers-" + table.replace('/', '_')));
    Path marker = markers.resolve("serspark-stall-" + table.replace('/', '_'));
    Path log = tmp.resolve("killed-" + table.replace('/', '_') + ".log");
    String inherited = System.getenv().getOrDefault("JAVA_TOOL_OPTIONS", "");
    Process p =
        SubmitSh.start(
            log,
            Map.of(
                "JAVA_TOOL_OPTIONS",
                (inherited
                        + " -Dserspark.test.stallWriteOf="
                        + table
                        + " -Dserspark.test.faultMarkerDir="
                        + markers)
                    .strip()),
            args);
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!Files.exists(marker) && p.isAlive() && System.nanoTime() < deadline)
        Thread.sleep(100);
      assertTrue(
          Files.exists(marker),
          "the job never reached the write of "
              + table
              + ":\n"
              + SubmitSh.tail(Files.readString(log)));
      meanwhile.run();
    } finally {
      p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly(); // SIGKILL: no shutdown hooks, nothing cleaned up
      assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    }
    assertEquals(137, p.exitValue(), "killed by SIGKILL");
    String text = Files.readString(log);
    assertFalse(text.contains("finished in"), "the job did not finish:\n" + SubmitSh.tail(text));
    List<String> left = staging(warehouse);
    assertTrue(
        left.stream().anyMatch(n -> n.startsWith(table.replace("/", "__") + "-")),
        "killed half-way: the staging folder of " + table + " is there: " + left);
  }

  /** Runs {@code ./submit.sh args} to its end: refused, exit 2, with {@code line} in its output. */
  private void assertRefused(String logName, List<String> args, String line) throws Exception {
    Path log = tmp.resolve(logName);
    Process p = SubmitSh.start(log, Map.of(), args);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    String text = Files.readString(log);
    assertEquals(2, p.exitValue(), SubmitSh.tail(text));
    assertTrue(text.contains(line), SubmitSh.tail(text));
  }

  /** What the test checks while the stalled job holds its table. */
  private interface Meanwhile {
    void run() throws Exception;
  }

  private static void ingestAndFeatures(Warehouse wh, Path corpusRoot) {
    new IngestPipeline(wh, TestData.conf())
        .run(
            new IngestPipeline.Options(
                List.of(new CorpusSource("emodb", "emodb", corpusRoot.toString())),
                IngestPipeline.Mode.REPLACE,
                0,
                4));
    new FeaturesPipeline(wh).run(new FeaturesPipeline.Options(List.of(), false, 0, 2));
  }

  /** The first EmoDB files of two speakers, in name order. */
  private static List<Path> emodbFiles(int n) throws Exception {
    try (Stream<Path> s = Files.list(TestData.emodb().resolve("wav"))) {
      return s.filter(p -> p.getFileName().toString().matches("(03|08).*\\.wav"))
          .sorted()
          .limit(n)
          .toList();
    }
  }

  /**
   * Every folder a reader would take for a table: it holds _SUCCESS and no part of its path starts
   * with _ or .
   */
  private static List<String> tables(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().equals("_SUCCESS"))
          .map(p -> root.relativize(p.getParent()))
          .filter(
              rel -> {
                for (Path part : rel) if (part.toString().matches("[_.].*")) return false;
                return true;
              })
          .map(Path::toString)
          .sorted()
          .toList();
    }
  }

  private static List<String> staging(Path root) throws Exception {
    Path dir = root.resolve("_staging");
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
