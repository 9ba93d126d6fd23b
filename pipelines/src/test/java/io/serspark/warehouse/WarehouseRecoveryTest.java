package io.serspark.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.spark.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed writer can leave in a warehouse, made by hand (the states between the steps of a
 * swap), and how the next writer of the table recovers: the previous complete table is never lost
 * and no leftover stays.
 */
class WarehouseRecoveryTest {
  @TempDir Path tmp;

  private static Dataset<Row> rows(SparkSession spark, int n) {
    return spark.range(n).selectExpr("concat('u', id) AS utterance_id", "'c' AS corpus", "id");
  }

  private static List<Long> ids(Warehouse wh, String table) {
    return wh.read(table)
        .orderBy("id")
        .select("id")
        .as(org.apache.spark.sql.Encoders.LONG())
        .collectAsList();
  }

  private static List<String> names(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void killedBetweenTheTwoRenamesThePreviousTableComesBack() throws Exception {
    SparkSession spark = Sessions.local(2);
    Warehouse wh = Warehouse.open(spark, tmp.toString());
    wh.writeAtomically(rows(spark, 5), "features/t", List.of());
    // the state a job leaves when killed after moving the old table aside and before renaming the
    // new one in
    Path staged = Path.of(wh.writeStaging(rows(spark, 9), "features/t", List.of()).toUri());
    Files.move(tmp.resolve("features/t"), tmp.resolve("features/.t.old-1234"));
    assertFalse(wh.exists("features/t"));

    wh.recover("features/t");
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), ids(wh, "features/t"), "the previous complete table");
    assertEquals(List.of("t"), names(tmp.resolve("features")), "nothing aside any more");
    assertFalse(Files.exists(staged), "the unfinished staging folder is gone");
    assertEquals(List.of(), names(tmp.resolve("_staging")));
  }

  @Test
  void aWriterWhoseLockWasTakenOverDoesNotSwap() throws Exception {
    SparkSession spark = Sessions.local(2);
    Warehouse wh = Warehouse.open(spark, tmp.toString());
    wh.writeAtomically(rows(spark, 5), "features/t", List.of());
    try (TableWriteLock lock = wh.lockForWriting("features/t")) {
      var staged = wh.writeStaging(rows(spark, 9), "features/t", List.of());
      // meanwhile this job looked dead (asleep for over a minute) and another host's job took the
      // lock over
      Files.writeString(
          tmp.resolve("_locks/features__t.lock"),
          "id=other\njob=features\nhost=elsewhere\npid=7\n" + "since=2026-11-30T08:00:00Z\n");
      IllegalStateException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalStateException.class, () -> wh.swapIn(staged, wh.tablePath("features/t")));
      assertTrue(
          e.getMessage().contains("write lock of table features/t was taken over by features"),
          e.getMessage());
      assertEquals(List.of(0L, 1L, 2L, 3L, 4L), ids(wh, "features/t"), "not swapped");
      Files.delete(tmp.resolve("_locks/features__t.lock"));
    }
  }

  @Test
  void killedAfterTheSwapTheLeftoversGoAndTheNewTableStays() throws Exception {
    SparkSession spark = Sessions.local(2);
    Warehouse wh = Warehouse.open(spark, tmp.toString());
    wh.writeAtomically(rows(spark, 3), "u", List.of("corpus"));
    // a previous version the swap did not get to delete, a half-written staging folder of this
    // table and one of
    // another table (a concurrent writer of "u2"; not ours to touch)
    wh.writeAtomically(rows(spark, 2), "old", List.of());
    Files.move(tmp.resolve("old"), tmp.resolve(".u.old-99"));
    Files.createDirectories(tmp.resolve("_staging/u-abc/_temporary/0"));
    Files.createDirectories(tmp.resolve("_staging/u2-def/_temporary/0"));

    wh.writeAtomically(rows(spark, 4), "u", List.of("corpus")); // a re-run recovers on its own
    assertEquals(List.of(0L, 1L, 2L, 3L), ids(wh, "u"));
    assertTrue(names(tmp).stream().noneMatch(n -> n.startsWith(".u.old")), names(tmp).toString());
    assertEquals(List.of("u2-def"), names(tmp.resolve("_staging")));
  }
}
