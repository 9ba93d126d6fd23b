package io.serspark.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files of one benchmark under {@code <warehouse>/runs/<benchmark>/}: one folder per run
 * ({@code <run-id>/}), and the cell cache {@code _cells/<cache-key>.json} shared by all runs of the
 * benchmark, so that a re-run of the same spec on the same inputs, or a run resumed after a crash,
 * only computes the cells not yet finished.
 *
 * <p>Every file is written to a temporary name beside its target and renamed into place, so a run
 * killed at any point leaves either the old file or the complete new one — never half a cell.
 */
public final class RunFolder {
  /** Marks a run folder whose report was completely written. */
  public static final String COMPLETE = "_COMPLETE";

  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final FileSystem fs;
  private final Path benchmarkDir;
  private final String runId;

  RunFolder(FileSystem fs, Path benchmarkDir, String runId) {
    this.fs = fs;
    this.benchmarkDir = benchmarkDir;
    this.runId = runId;
  }

  public static Path benchmarkDir(String warehouseRoot, String benchmark) {
    return new Path(new Path(warehouseRoot, "runs"), benchmark);
  }

  public String runId() {
    return runId;
  }

  public Path dir() {
    return new Path(benchmarkDir, runId);
  }

  public Path benchmarkDir() {
    return benchmarkDir;
  }

  public FileSystem fs() {
    return fs;
  }

  public String uri(String relative) {
    return new Path(dir(), relative).toString();
  }

  /** Writes {@code bytes} to {@code <run>/<relative>} atomically. */
  public void write(String relative, byte[] bytes) {
    writeAtomically(new Path(dir(), relative), bytes);
  }

  public void writeString(String relative, String text) {
    write(relative, text.getBytes(StandardCharsets.UTF_8));
  }

  public void writeJson(String relative, Object value) {
    try {
      write(relative, JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void markComplete() {
    write(COMPLETE, runId.getBytes(StandardCharsets.UTF_8));
  }

  // ---- cell cache
  // -------------------------------------------------------------------------------------------------

  public Optional<CellResult> cachedCell(String cacheKey) {
    Path p = cellPath(cacheKey);
    try {
      if (!fs.exists(p)) return Optional.empty();
      try (InputStream in = fs.open(p)) {
        return Optional.of(JSON.readValue(in, CellResult.class));
      }
    } catch (IOException e) {
      // A damaged cache entry is recomputed rather than trusted.
      return Optional.empty();
    }
  }

  public void storeCell(CellResult r) {
    try {
      writeAtomically(cellPath(r.cacheKey()), JSON.writeValueAsBytes(r));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path cellPath(String cacheKey) {
    return new Path(new Path(benchmarkDir, "_cells"), cacheKey + ".json");
  }

  // ---- other runs
  // -------------------------------------------------------------------------------------------------

  /**
   * Completed runs of this benchmark other than this one, oldest first (run ids start with their
   * UTC time).
   */
  public List<String> completedRuns() {
    List<String> out = new ArrayList<>();
    try {
      if (!fs.exists(benchmarkDir)) return out;
      for (FileStatus s : fs.listStatus(benchmarkDir)) {
        String name = s.getPath().getName();
        if (s.isDirectory()
            && !name.startsWith("_")
            && !name.startsWith(".")
            && !name.equals(runId)
            && fs.exists(new Path(s.getPath(), COMPLETE))) {
          out.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(null);
    return out;
  }

  /** An unfinished run folder of the same spec and inputs (same trailing hash), to resume into. */
  static Optional<String> unfinishedRun(FileSystem fs, Path benchmarkDir, String hashSuffix) {
    try {
      if (!fs.exists(benchmarkDir)) return Optional.empty();
      List<String> found = new ArrayList<>();
      for (FileStatus s : fs.listStatus(benchmarkDir)) {
        String name = s.getPath().getName();
        if (s.isDirectory()
            && name.endsWith("-" + hashSuffix)
            && !fs.exists(new Path(s.getPath(), COMPLETE))) {
          found.add(name);
        }
      }
      found.sort(null);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] readOtherRun(String otherRunId, String relative) {
    Path p = new Path(new Path(benchmarkDir, otherRunId), relative);
    try (InputStream in = fs.open(p)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }

  public boolean otherRunHas(String otherRunId, String relative) {
    try {
      return fs.exists(new Path(new Path(benchmarkDir, otherRunId), relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeAtomically(Path target, byte[] bytes) {
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    try {
      fs.mkdirs(target.getParent());
      try (OutputStream out = fs.create(tmp, false)) {
        out.write(bytes);
      }
      if (fs.exists(target)) fs.delete(target, false);
      if (!fs.rename(tmp, target)) throw new IOException("cannot rename " + tmp + " to " + target);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + target + " failed", e);
    }
  }
}
