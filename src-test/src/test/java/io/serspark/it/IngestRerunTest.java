package io.serspark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.features.FeaturesPipeline;
import io.serspark.ingest.CorpusSource;
import io.serspark.ingest.CorpusSummary;
import io.serspark.ingest.IngestPipeline;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-runs and determinism: the same ingest twice gives the same table; --mode append decodes only
 * new or changed files; the partition count never changes the content (ingest and features); a task
 * that fails once mid-partition is retried without duplicates.
 */
class IngestRerunTest {

  @TempDir Path tmp;

  /** A copy of 40 EmoDB files (two speakers), so that the test can add and change files. */
  private Path smallCorpus() throws Exception {
    Path root = tmp.resolve("emodb-small");
    Files.createDirectories(root.resolve("wav"));
    try (var s = Files.list(TestData.emodb().resolve("wav"))) {
      for (Path p :
          s.sorted()
              .filter(
                  p ->
                      p.getFileName().toString().startsWith("03")
                          || p.getFileName().toString().startsWith("08"))
              .limit(40)
              .toList()) {
        Files.copy(p, root.resolve("wav/" + p.getFileName()));
      }
    }
    return root;
  }

  private static CorpusSummary ingest(
      Warehouse wh, Path root, IngestPipeline.Mode mode, int parts) {
    var opts =
        new IngestPipeline.Options(
            List.of(new CorpusSource("emodb", "emodb", root.toString())), mode, parts, 2);
    return new IngestPipeline(wh, TestData.conf()).run(opts).get("emodb");
  }

  private static List<Row> content(Warehouse wh) {
    Dataset<Row> u = wh.read("utterances");
    return u.select(
            u.columns()[0], java.util.Arrays.copyOfRange(u.columns(), 1, u.columns().length))
        .orderBy("corpus", "path")
        .collectAsList();
  }

  @Test
  void rerunsAppendsAndPartitioningGiveTheSameTable() throws Exception {
    Path root = smallCorpus();
    SparkSession spark = Sessions.local(2);
    Warehouse a = Warehouse.open(spark, tmp.resolve("wh-a").toString());
    Warehouse b = Warehouse.open(spark, tmp.resolve("wh-b").toString());

    ingest(a, root, IngestPipeline.Mode.REPLACE, 1);
    ingest(b, root, IngestPipeline.Mode.REPLACE, 7);
    List<Row> one = content(a);
    assertEquals(40, one.size());
    assertEquals(one, content(b), "1 vs 7 decode partitions");

    ingest(a, root, IngestPipeline.Mode.REPLACE, 3);
    assertEquals(one, content(a), "re-running the same ingest");

    CorpusSummary again = ingest(a, root, IngestPipeline.Mode.APPEND, 2);
    assertEquals(40, again.unchanged, again.describe());
    assertEquals(0, again.written);
    assertEquals(one, content(a), "append with nothing new");

    // one new file, one changed file (another EmoDB recording under an existing name)
    Path extra = TestData.emodb().resolve("wav/16b10Wb.wav");
    Files.copy(extra, root.resolve("wav/16b10Wb.wav"));
    String changed;
    try (var s = Files.list(root.resolve("wav"))) {
      changed = s.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
    }
    Files.copy(
        TestData.emodb().resolve("wav/16a01Ec.wav"),
        root.resolve("wav/" + changed),
        StandardCopyOption.REPLACE_EXISTING);
    CorpusSummary appended = ingest(a, root, IngestPipeline.Mode.APPEND, 2);
    assertEquals(39, appended.unchanged, appended.describe());
    assertEquals(2, appended.written, appended.describe());
    assertTrue(appended.conserved());
    List<Row> after = content(a);
    assertEquals(41, after.size(), "no duplicates after append");
    assertEquals(41, a.read("utterances").select("corpus", "path").distinct().count());

    // a fresh replace of the changed folder equals the appended table
    Warehouse c = Warehouse.open(spark, tmp.resolve("wh-c").toString());
    ingest(c, root, IngestPipeline.Mode.REPLACE, 5);
    assertEquals(content(c), after, "append == full re-ingest");
    assertEquals(0, appended.keptWithoutFile);

    // a file removed from the folder: append keeps its row (it never deletes) and says so; replace
    // drops it
    Files.delete(root.resolve("wav/16b10Wb.wav"));
    CorpusSummary removed = ingest(a, root, IngestPipeline.Mode.APPEND, 2);
    assertEquals(1, removed.keptWithoutFile, removed.describe());
    assertEquals(40, removed.unchanged, removed.describe());
    assertTrue(
        removed.describe().contains("kept 1 rows whose file is no longer in the corpus folder"),
        removed.describe());
    assertEquals(after, content(a), "append kept every row");
    CorpusSummary replaced = ingest(a, root, IngestPipeline.Mode.REPLACE, 2);
    assertEquals(0, replaced.keptWithoutFile);
    assertEquals(40, content(a).size(), "replace mirrors the folder");
  }

  @Test
  void featuresAreTheSameWhateverTheNumberOfPartitions() throws Exception {
    Warehouse wh = Warehouse.open(Sessions.local(2), tmp.resolve("wh").toString());
    ingest(wh, smallCorpus(), IngestPipeline.Mode.REPLACE, 2);
    List<List<Row>> tables = new java.util.ArrayList<>();
    for (int parts : new int[] {1, 6}) {
      new FeaturesPipeline(wh).run(new FeaturesPipeline.Options(List.of(), false, parts, 2));
      tables.add(TableRows.of(wh.read("features/egemaps_v02")));
    }
    assertEquals(40, tables.get(0).size());
    assertEquals(tables.get(0), tables.get(1), "1 vs 6 extraction partitions");
  }

  @Test
  void aTaskThatFailsOnceIsRetriedWithoutDuplicates() throws Exception {
    Path root = smallCorpus();
    Path markers = Files.createDirectories(tmp.resolve("markers"));
    // local[2,3]: up to 3 attempts per task, so an injected failure is retried like on a cluster
    SparkSession spark = Sessions.local(2);
    spark.stop();
    spark =
        SparkSession.builder()
            .master("local[2,3]")
            .appName("fault-test")
            .config("spark.ui.enabled", "false")
            .getOrCreate();
    System.setProperty("serspark.test.faultMarkerDir", markers.toString());
    System.setProperty("serspark.test.failIngestTaskOnceAfter", "5");
    try {
      Warehouse wh = Warehouse.open(spark, tmp.resolve("wh").toString());
      CorpusSummary s = ingest(wh, root, IngestPipeline.Mode.REPLACE, 3);
      assertTrue(
          Files.exists(markers.resolve("serspark-fault-ingest-decode")), "the fault was injected");
      assertEquals(40, s.written, s.describe());
      assertEquals(40, wh.read("utterances").count());
      assertEquals(40, wh.read("utterances").select("path").distinct().count());
    } finally {
      System.clearProperty("serspark.test.failIngestTaskOnceAfter");
      System.clearProperty("serspark.test.faultMarkerDir");
      spark.stop();
    }
  }
}
