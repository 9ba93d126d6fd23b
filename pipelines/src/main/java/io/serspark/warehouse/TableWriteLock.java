package io.serspark.warehouse;

import io.serspark.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job at a time writes a table. Jobs that replace a table read it first (to keep the other
 * corpora's rows), write a staged copy and swap it in; two of them at once would each keep the rows
 * the other is replacing (a lost update), and each one's {@link Warehouse#recover} would delete the
 * other's staging. So a writer holds {@code _locks/<table>.lock} in the warehouse from before it
 * reads the table until after its swap, and a second writer (or a reader starting meanwhile) is
 * refused with one line that names the holder.
 *
 * <p>The lock file is created atomically (local disk: {@code O_EXCL}; HDFS: create without
 * overwrite) and says who holds it. Its holder renews its modification time every {@value
 * #RENEW_SECONDS} s; a lock not renewed for {@value #STALE_SECONDS} s, or held by a process of this
 * host that is gone (a job killed with {@code kill -9}), is stale: the next writer removes it with
 * a warning. Re-entrant within a process: a benchmark that runs ingest as one of its stages takes
 * the same lock again.
 *
 * <p>Jobs also mark the tables they read ({@link #readScope}): {@code _locks/<table>.read-<id>},
 * renewed the same way, so that a writer does not swap a table away under a job that is still
 * reading it (an embed job of hours would fail at its end); the writer is refused instead, naming
 * the reader. Outside a job (notebooks, users' own Spark code) reads leave no mark: only a running
 * writer is checked.
 */
public final class TableWriteLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableWriteLock.class);
  static final long RENEW_SECONDS = 15;
  static final long STALE_SECONDS = 60;
  static final String DIR = "_locks";

  /** Locks this process holds: file → (how many holders, the lock's id, its file system). */
  private static final Map<Path, Held> HELD = new ConcurrentHashMap<>();

  private static volatile ScheduledExecutorService renewer;
  private static volatile String hostName;

  private record Held(String id, FileSystem fs, int count) {}

  /** Whether reads leave marks: only inside a job ({@link #readScope}). */
  private static volatile boolean marking;

  /** Read marks this process holds: table's lock file → the mark's file and file system. */
  private static final Map<Path, Mark> READS = new ConcurrentHashMap<>();

  private record Mark(Path file, FileSystem fs) {}

  private final List<Path> files;
  private boolean closed;

  private TableWriteLock(List<Path> files) {
    this.files = files;
  }

  /**
   * Takes the write locks of {@code tables} for {@code job}, all or none; throws a {@link
   * ConfigException} naming the holder when another live job holds one of them.
   */
  public static TableWriteLock acquire(FileSystem fs, Path root, String job, String... tables) {
    List<Path> taken = new ArrayList<>();
    try {
      // in the caller's order, so that a refusal names the job's main table
      for (String table : new LinkedHashSet<>(List.of(tables))) {
        Path file = file(root, table);
        acquireOne(fs, file, table, job);
        taken.add(file);
      }
    } catch (RuntimeException e) {
      for (Path f : taken) release(f);
      throw e;
    }
    return new TableWriteLock(taken);
  }

  /** A {@link #readScope}: closing it removes the marks. */
  public interface ReadScope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * While open, tables read through {@link Warehouse#read} by this process are marked as read;
   * closing removes the marks. The jobs' entry point opens one around each job.
   */
  public static ReadScope readScope() {
    marking = true;
    return () -> {
      marking = false;
      READS.keySet().forEach(TableWriteLock::unmark);
    };
  }

  /**
   * Before {@code job} reads {@code table}: refused when another live job is writing it; inside a
   * {@link #readScope}, marks the table as read by this job until the scope closes.
   */
  public static void markRead(FileSystem fs, Path root, String table, String job) {
    Path lock = file(root, table);
    if (!marking || READS.containsKey(lock)) {
      requireNoOtherWriter(fs, root, table, "read it");
      return;
    }
    Holder me = Holder.of(job);
    Path mark = new Path(lock.getParent(), markPrefix(lock) + me.id());
    if (!createExclusive(fs, mark, me.format()))
      throw new IllegalStateException("read mark " + mark + " exists");
    renew(fs, mark);
    READS.put(lock, new Mark(mark, fs));
    startRenewing();
    try {
      requireNoOtherWriter(
          fs, root, table, "read it"); // after the mark: a writer starting now sees it
    } catch (RuntimeException e) {
      unmark(lock);
      throw e;
    }
  }

  private static void unmark(Path lock) {
    Mark m = READS.remove(lock);
    if (m == null) return;
    try {
      m.fs().delete(m.file(), false);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "warehouse: could not remove the read mark {} ({}); it expires within {} s",
          m.file(),
          e,
          STALE_SECONDS);
    }
  }

  /**
   * After taking the write lock: refused when another live job is reading the table (stale marks
   * are removed).
   */
  private static void requireNoOtherReader(FileSystem fs, Path lock, String table) {
    String prefix = markPrefix(lock);
    Mark own = READS.get(lock);
    org.apache.hadoop.fs.FileStatus[] marks;
    try {
      marks = fs.listStatus(lock.getParent(), p -> p.getName().startsWith(prefix));
    } catch (java.io.FileNotFoundException e) {
      return;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the read marks of " + table, e);
    }
    for (var st : marks) {
      Path mark = st.getPath();
      if (own != null && own.file().getName().equals(mark.getName())) continue;
      Optional<Holder> reader = Holder.read(fs, mark);
      if (reader.isEmpty()) continue;
      String stale = reader.get().staleBecause(fs, mark);
      if (stale != null) {
        LOG.warn(
            "warehouse: removing the stale read mark of {} left by {} ({})",
            table,
            reader.get().describe(),
            stale);
        deleteIfStill(fs, mark, reader.get().id());
        continue;
      }
      throw new ConfigException(
          "table "
              + table
              + " is being read by another job: "
              + reader.get().describe()
              + ". Run this job when that one has finished (replacing the table now would make it fail); if that job "
              + "was stopped, its mark expires within "
              + STALE_SECONDS
              + " s, or delete "
              + mark);
    }
  }

  /**
   * Throws when another live job is writing {@code table}: a reader starting now would see it
   * swapped away.
   */
  static void requireNoOtherWriter(FileSystem fs, Path root, String table, String purpose) {
    Path file = file(root, table);
    if (HELD.containsKey(file)) return;
    Optional<Holder> h = Holder.read(fs, file);
    if (h.isPresent() && h.get().staleBecause(fs, file) == null)
      throw busy(table, h.get(), file, purpose);
  }

  /**
   * Before a swap: throws when this process took the lock of {@code table} and another job has
   * taken it over since (this one looked dead for {@value #STALE_SECONDS} s: a laptop asleep, a
   * long GC pause), so that two writers never both swap. Tables this process does not hold a lock
   * for (run folders) pass.
   */
  public static void requireStillHeld(FileSystem fs, Path root, String table) {
    Path file = file(root, table);
    Held mine = HELD.get(file);
    if (mine == null) return;
    Optional<Holder> now = Holder.read(fs, file);
    if (now.isEmpty() || !now.get().id().equals(mine.id())) {
      throw new IllegalStateException(
          "the write lock of table "
              + table
              + " was taken over by "
              + now.map(Holder::describe).orElse("nobody (its file is gone)")
              + " while this job ran (it was not renewed "
              + "for "
              + STALE_SECONDS
              + " s: the machine asleep or the JVM paused?); this job's new version is not "
              + "swapped in. Run this job again once the other has finished");
    }
  }

  static Path file(Path root, String table) {
    return new Path(new Path(root, DIR), table.replace("/", "__") + ".lock");
  }

  /**
   * Read marks of the table whose write lock is {@code lock} are named this, then the mark's id.
   */
  private static String markPrefix(Path lock) {
    return lock.getName().substring(0, lock.getName().length() - ".lock".length()) + ".read-";
  }

  private static void acquireOne(FileSystem fs, Path file, String table, String job) {
    Held mine = HELD.computeIfPresent(file, (f, h) -> new Held(h.id(), h.fs(), h.count() + 1));
    if (mine != null) return;
    for (int attempt = 0; attempt < 3; attempt++) {
      Holder me = Holder.of(job);
      if (createExclusive(fs, file, me.format())) {
        renew(
            fs,
            file); // from now on every renewal time comes from a client clock (HDFS stamps creation
        // itself)
        HELD.put(file, new Held(me.id(), fs, 1));
        startRenewing();
        try {
          requireNoOtherReader(fs, file, table); // after the lock: a reader starting now sees it
        } catch (RuntimeException e) {
          releaseAll(file);
          throw e;
        }
        return;
      }
      Optional<Holder> other = Holder.read(fs, file);
      if (other.isEmpty()) continue; // released between our attempt and the read: try again
      String stale = other.get().staleBecause(fs, file);
      if (stale == null) throw busy(table, other.get(), file, "write it");
      LOG.warn(
          "warehouse: removing the stale write lock of {} held by {} ({})",
          table,
          other.get().describe(),
          stale);
      deleteIfStill(fs, file, other.get().id());
    }
    throw new IllegalStateException("could not take the write lock " + file + " in 3 attempts");
  }

  private static ConfigException busy(String table, Holder h, Path file, String purpose) {
    return new ConfigException(
        "table "
            + table
            + " is being written by another job: "
            + h.describe()
            + ". Run this "
            + "job when that one has finished (this one would "
            + purpose
            + " while it is replaced); if that job was "
            + "stopped, its lock frees itself within "
            + STALE_SECONDS
            + " s, or delete "
            + file);
  }

  private static boolean createExclusive(FileSystem fs, Path file, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    try {
      fs.mkdirs(file.getParent());
      if ("file".equals(fs.getUri().getScheme())) {
        // Hadoop's local create(overwrite=false) checks and then creates; O_EXCL is one step
        java.nio.file.Path p = Paths.get(fs.makeQualified(file).toUri());
        try {
          Files.write(
              p,
              bytes,
              java.nio.file.StandardOpenOption.CREATE_NEW,
              java.nio.file.StandardOpenOption.WRITE);
          return true;
        } catch (FileAlreadyExistsException e) {
          return false;
        }
      }
      try (OutputStream out = fs.create(file, false)) { // atomic on HDFS
        out.write(bytes);
        return true;
      } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
        return false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the write lock " + file, e);
    }
  }

  private static void deleteIfStill(FileSystem fs, Path file, String id) {
    try {
      Optional<Holder> now = Holder.read(fs, file);
      if (now.isPresent() && now.get().id().equals(id)) fs.delete(file, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the stale write lock " + file, e);
    }
  }

  private static synchronized void startRenewing() {
    if (renewer != null) return;
    renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "serspark-lock-renewer");
              t.setDaemon(true);
              return t;
            });
    renewer.scheduleWithFixedDelay(
        TableWriteLock::renewAll, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
    // Ctrl-C (SIGINT/SIGTERM) skips the jobs' finally blocks; free the locks on the way out
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  HELD.keySet().forEach(TableWriteLock::releaseAll);
                  READS.keySet().forEach(TableWriteLock::unmark);
                },
                "serspark-lock-release"));
  }

  private static void renewAll() {
    for (Map.Entry<Path, Held> e : HELD.entrySet()) renew(e.getValue().fs(), e.getKey());
    for (Mark m : READS.values()) renew(m.fs(), m.file());
  }

  private static void renew(FileSystem fs, Path file) {
    try {
      fs.setTimes(file, System.currentTimeMillis(), -1);
    } catch (IOException | RuntimeException e) {
      LOG.warn("warehouse: could not renew the write lock {} ({})", file, e.toString());
    }
  }

  private static void release(Path file) {
    Held h = HELD.computeIfPresent(file, (f, x) -> new Held(x.id(), x.fs(), x.count() - 1));
    if (h != null && h.count() <= 0) releaseAll(file);
  }

  private static void releaseAll(Path file) {
    Held h = HELD.remove(file);
    if (h == null) return;
    try {
      deleteIfStill(h.fs(), file, h.id());
    } catch (RuntimeException e) {
      LOG.warn(
          "warehouse: could not remove the write lock {} ({}); it frees itself within {} s",
          file,
          e,
          STALE_SECONDS);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    for (Path f : files) release(f);
  }

  /** Who holds a lock: written into the lock file as {@code key=value} lines. */
  record Holder(String id, String job, String host, long pid, String processStart, Instant since) {
    private static final DateTimeFormatter SHOWN =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    static Holder of(String job) {
      ProcessHandle self = ProcessHandle.current();
      return new Holder(
          UUID.randomUUID().toString(), job, thisHost(), self.pid(), startOf(self), Instant.now());
    }

    String format() {
      return "id="
          + id
          + "\njob="
          + job
          + "\nhost="
          + host
          + "\npid="
          + pid
          + "\nprocess_start="
          + processStart
          + "\nsince="
          + since
          + "\n";
    }

    /**
     * The holder written in {@code file}; empty when there is no such file. A half-written file
     * reads as unknown.
     */
    static Optional<Holder> read(FileSystem fs, Path file) {
      byte[] bytes;
      try (InputStream in = fs.open(file)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        bytes = out.toByteArray();
      } catch (java.io.FileNotFoundException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the write lock " + file, e);
      }
      Map<String, String> kv = new LinkedHashMap<>();
      for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) kv.put(line.substring(0, eq), line.substring(eq + 1));
      }
      long pid;
      Instant since;
      try {
        pid = Long.parseLong(kv.getOrDefault("pid", "-1"));
        since = Instant.parse(kv.getOrDefault("since", Instant.EPOCH.toString()));
      } catch (RuntimeException e) {
        pid = -1;
        since = Instant.EPOCH;
      }
      return Optional.of(
          new Holder(
              kv.getOrDefault("id", ""),
              kv.getOrDefault("job", "an unknown job"),
              kv.getOrDefault("host", "?"),
              pid,
              kv.getOrDefault("process_start", ""),
              since));
    }

    /** Why this lock no longer protects anything, or null when its holder is alive. */
    String staleBecause(FileSystem fs, Path file) {
      long renewed;
      try {
        renewed = fs.getFileStatus(file).getModificationTime();
      } catch (java.io.FileNotFoundException e) {
        return "released";
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the write lock " + file, e);
      }
      long idle = System.currentTimeMillis() - renewed;
      if (idle > Duration.ofSeconds(STALE_SECONDS).toMillis())
        return "not renewed for " + idle / 1000 + " s";
      if (host.equals(thisHost()) && pid > 0) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) return "its process " + pid + " has ended";
        String start = startOf(p.get());
        if (!processStart.isEmpty() && !start.isEmpty() && !start.equals(processStart)) {
          return "its process " + pid + " has ended (the number now belongs to another process)";
        }
      }
      return null;
    }

    String describe() {
      return job + " since " + SHOWN.format(since) + " (pid " + pid + " on " + host + ")";
    }

    private static String startOf(ProcessHandle p) {
      return p.info().startInstant().map(Instant::toString).orElse("");
    }

    private static String thisHost() {
      String h = hostName;
      if (h == null) {
        try {
          h = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
          h = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
        }
        hostName = h;
      }
      return h;
    }
  }
}
