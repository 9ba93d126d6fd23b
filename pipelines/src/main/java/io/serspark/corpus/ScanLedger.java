package io.serspark.corpus;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects what a scan decided for each file and guarantees the promise of the ingest: a path is an
 * entry, a rejection or ignored, never two of them. Results come out sorted by path, whatever the
 * order of the decisions.
 */
final class ScanLedger {
  private final Map<String, CorpusEntry> entries = new TreeMap<>();
  private final Map<String, Rejection> rejected = new TreeMap<>();
  private final TreeSet<String> ignored = new TreeSet<>();

  void entry(CorpusEntry e) {
    claim(e.relPath());
    entries.put(e.relPath(), e);
  }

  void reject(Rejection r) {
    claim(r.relPath());
    rejected.put(r.relPath(), r);
  }

  void ignore(String relPath) {
    claim(relPath);
    ignored.add(relPath);
  }

  /**
   * The decisions every path-driven kind makes first: a file that is not audio is ignored, an audio
   * file that a {@code rejects:} rule matches is rejected. True when the file is decided by that.
   */
  boolean screened(String relPath, RejectRules rejects) {
    if (!AudioFiles.isAudio(relPath)) {
      ignore(relPath);
      return true;
    }
    Rejection r = rejects.match(relPath);
    if (r != null) {
      reject(r);
      return true;
    }
    return false;
  }

  boolean recorded(String relPath) {
    return entries.containsKey(relPath)
        || rejected.containsKey(relPath)
        || ignored.contains(relPath);
  }

  AdapterResult result() {
    return new AdapterResult(
        new ArrayList<>(entries.values()),
        new ArrayList<>(rejected.values()),
        new ArrayList<>(ignored));
  }

  private void claim(String relPath) {
    if (recorded(relPath))
      throw new IllegalStateException("adapter bug: " + relPath + " was decided twice");
  }
}
