package io.serspark.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per table: another live job's lock refuses a writer and a reader with a line naming
 * it; a lock whose process is gone or that is no longer renewed is taken over; the lock is
 * re-entrant and taken all or none.
 */
class TableWriteLockTest {
  @TempDir java.nio.file.Path tmp;

  private FileSystem fs() throws Exception {
    return FileSystem.getLocal(new Configuration());
  }

  private Path root() {
    return new Path(tmp.toUri());
  }

  /** Writes a lock file as another process would: job, host, pid and that process's start time. */
  private java.nio.file.Path plant(String table, String job, String host, ProcessHandle p)
      throws Exception {
    java.nio.file.Path f = tmp.resolve("_locks").resolve(table.replace("/", "__") + ".lock");
    Files.createDirectories(f.getParent());
    String start = p == null ? "" : p.info().startInstant().map(Instant::toString).orElse("");
    Files.writeString(
        f,
        "id=planted\njob="
            + job
            + "\nhost="
            + host
            + "\npid="
            + (p == null ? 99999999 : p.pid())
            + "\nprocess_start="
            + start
            + "\nsince=2026-11-30T07:00:00Z\n");
    return f;
  }

  private static String thisHost() throws Exception {
    return java.net.InetAddress.getLocalHost().getHostName();
  }

  @Test
  void aLiveWriterOfThisHostRefusesWritersAndReadersUntilItsProcessEnds() throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      java.nio.file.Path f = plant("utterances", "ingest", thisHost(), other.toHandle());
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> TableWriteLock.acquire(fs(), root(), "features", "utterances", "quarantine"));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "table utterances is being written by another job: ingest since "
                      + "2026-11-30 07:00:00 UTC (pid "
                      + other.pid()
                      + " on "),
          e.getMessage());
      assertTrue(
          e.getMessage().contains("delete " + new Path(root(), "_locks/utterances.lock")),
          e.getMessage());
      assertFalse(
          Files.exists(tmp.resolve("_locks/quarantine.lock")),
          "all or none: nothing else left locked");
      ConfigException r =
          assertThrows(
              ConfigException.class,
              () -> TableWriteLock.requireNoOtherWriter(fs(), root(), "utterances", "read it"));
      assertTrue(
          r.getMessage().contains("this one would read it while it is replaced"), r.getMessage());
      assertTrue(Files.exists(f), "a live holder's lock is left alone");
    } finally {
      other.destroyForcibly();
      assertTrue(other.waitFor(10, TimeUnit.SECONDS));
    }
    // its process is gone (kill -9 leaves the file): taken over at once
    try (TableWriteLock lock = TableWriteLock.acquire(fs(), root(), "features", "utterances")) {
      assertTrue(Files.readString(tmp.resolve("_locks/utterances.lock")).contains("job=features"));
    }
    assertFalse(Files.exists(tmp.resolve("_locks/utterances.lock")), "released on close");
  }

  @Test
  void aLockNotRenewedForAMinuteIsStaleWhereverItsHolderRan() throws Exception {
    java.nio.file.Path f = plant("embeddings/tiny", "embed", "some-other-host", null);
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> TableWriteLock.acquire(fs(), root(), "embed", "embeddings/tiny"));
    assertTrue(
        e.getMessage().contains("(pid 99999999 on some-other-host)"),
        "another host's pid says nothing here: " + e.getMessage());
    Files.setLastModifiedTime(
        f, FileTime.from(Instant.now().minusSeconds(TableWriteLock.STALE_SECONDS + 5)));
    try (TableWriteLock lock = TableWriteLock.acquire(fs(), root(), "embed", "embeddings/tiny")) {
      assertTrue(Files.readString(f).contains("host=" + thisHost()));
    }
  }

  @Test
  void aJobStillReadingATableRefusesItsWritersUntilItEnds() throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      java.nio.file.Path mark = plant("utterances", "embed", thisHost(), other.toHandle());
      Files.move(mark, mark.resolveSibling("utterances.read-planted"));
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> TableWriteLock.acquire(fs(), root(), "ingest", "utterances", "quarantine"));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "table utterances is being read by another job: embed since "
                      + "2026-11-30 07:00:00 UTC (pid "
                      + other.pid()
                      + " on "),
          e.getMessage());
      assertFalse(Files.exists(mark), "the refused writer leaves no lock");
      assertFalse(Files.exists(tmp.resolve("_locks/quarantine.lock")));
    } finally {
      other.destroyForcibly();
      assertTrue(other.waitFor(10, TimeUnit.SECONDS));
    }
    // the reader was killed: its mark is stale, the writer removes it
    try (TableWriteLock lock = TableWriteLock.acquire(fs(), root(), "ingest", "utterances")) {
      assertFalse(Files.exists(tmp.resolve("_locks/utterances.read-planted")));
    }
  }

  @Test
  void readsInsideAJobLeaveMarksThatItsOwnWritesIgnoreAndItsEndRemoves() throws Exception {
    TableWriteLock.markRead(fs(), root(), "utterances", "benchmark"); // outside a job: no mark
    assertEquals(java.util.List.of(), lockFiles());
    try (TableWriteLock.ReadScope scope = TableWriteLock.readScope()) {
      TableWriteLock.markRead(fs(), root(), "utterances", "benchmark");
      TableWriteLock.markRead(fs(), root(), "utterances", "benchmark"); // once per table
      java.util.List<String> names = lockFiles();
      assertEquals(1, names.size(), names.toString());
      assertTrue(names.get(0).startsWith("utterances.read-"), names.toString());
      assertTrue(
          Files.readString(tmp.resolve("_locks").resolve(names.get(0))).contains("job=benchmark"));
      // a benchmark that reads utterances and then runs ingest as a stage writes them
      try (TableWriteLock lock = TableWriteLock.acquire(fs(), root(), "ingest", "utterances")) {
        assertTrue(Files.exists(tmp.resolve("_locks/utterances.lock")));
      }
    }
    assertEquals(java.util.List.of(), lockFiles(), "the job's end removes its marks");
  }

  private java.util.List<String> lockFiles() throws Exception {
    if (!Files.isDirectory(tmp.resolve("_locks"))) return java.util.List.of();
    try (var s = Files.list(tmp.resolve("_locks"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void reEntrantWithinAProcessAndReadableByItsHolder() throws Exception {
    java.nio.file.Path f = tmp.resolve("_locks/features__egemaps_v02.lock");
    try (TableWriteLock outer =
        TableWriteLock.acquire(fs(), root(), "benchmark", "features/egemaps_v02")) {
      String content = Files.readString(f);
      try (TableWriteLock inner =
          TableWriteLock.acquire(fs(), root(), "features", "features/egemaps_v02")) {
        assertEquals(content, Files.readString(f), "the same lock, not a second one");
        TableWriteLock.requireNoOtherWriter(
            fs(), root(), "features/egemaps_v02", "read it"); // its own writer
      }
      assertTrue(Files.exists(f), "still held by the outer holder");
    }
    assertFalse(Files.exists(f));
  }

  @Test
  void aReleasedLockIsNotDeletedIfAnotherJobHasTakenItMeanwhile() throws Exception {
    TableWriteLock lock = TableWriteLock.acquire(fs(), root(), "ingest", "utterances");
    TableWriteLock.requireStillHeld(fs(), root(), "utterances");
    TableWriteLock.requireStillHeld(
        fs(), root(), "runs/train/x"); // not a locked table: nothing to check
    // the holder was presumed dead and its lock taken over by another host's job: it must not swap,
    // nor delete
    java.nio.file.Path f = plant("utterances", "ingest", "some-other-host", null);
    IllegalStateException lost =
        assertThrows(
            IllegalStateException.class,
            () -> TableWriteLock.requireStillHeld(fs(), root(), "utterances"));
    assertTrue(
        lost.getMessage()
            .startsWith(
                "the write lock of table utterances was taken over by ingest since "
                    + "2026-11-30 07:00:00 UTC (pid 99999999 on some-other-host) while this job ran"),
        lost.getMessage());
    lock.close();
    assertTrue(Files.exists(f), "the other job's lock stays");
    assertTrue(Files.readString(f).contains("host=some-other-host"));
  }
}
