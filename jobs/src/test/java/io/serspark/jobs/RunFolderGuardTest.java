package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.config.ConfigException;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Below the options' checks, the writer itself never replaces more than the run it owns: {@code
 * runs/train/..} is {@code runs/} once Hadoop normalises it, which a train run once swapped for its
 * own files (every run gone).
 */
class RunFolderGuardTest {
  @TempDir Path tmp;

  @Test
  void aTrainRunNamedDotDotCannotReplaceRuns() throws Exception {
    Path wh = tmp.resolve("wh");
    Path earlier = wh.resolve("runs/emodb-ravdess/20260101T000000-abc-12345678/report.md");
    Files.createDirectories(earlier.getParent());
    Files.writeString(earlier, "# an earlier benchmark run\n");
    Warehouse w = Warehouse.open(Sessions.local(1), wh.toString());
    org.apache.hadoop.fs.Path staging =
        new org.apache.hadoop.fs.Path(w.path("_staging/runs__train__x"));
    w.fs().mkdirs(staging);

    for (String id : new String[] {"..", ".", "a/..", ""}) {
      ConfigException e =
          assertThrows(ConfigException.class, () -> TrainRunWriter.swapIn(w, id, staging), id);
      assertTrue(e.getMessage().startsWith("the folder name under runs/train"), e.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> w.swapIn(staging, new org.apache.hadoop.fs.Path(w.root())),
        "the warehouse itself is never a swap target");
    assertEquals(
        "# an earlier benchmark run\n", Files.readString(earlier), "earlier runs untouched");
    assertTrue(
        Files.isDirectory(Path.of(staging.toUri())),
        "the staged run is still there for the next attempt");
  }
}
