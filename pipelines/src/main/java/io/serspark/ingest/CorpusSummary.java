package io.serspark.ingest;

import java.util.Map;
import java.util.TreeMap;

/** What ingest did to one corpus. Files seen == written + unchanged + quarantined, always. */
public final class CorpusSummary {
  public final String corpus;
  public long filesSeen;
  public long written;
  public long unchanged;
  public long quarantined;
  public long unmappedLabels;
  public long ignoredNonAudio;

  /**
   * Append only: rows kept from the table whose file is no longer in the corpus folder (append
   * never deletes).
   */
  public long keptWithoutFile;

  public final Map<String, Long> quarantinedByReason = new TreeMap<>();

  /**
   * The first files of each reason, so that the summary names them (the quarantine table has them
   * all).
   */
  public final Map<String, java.util.List<String>> quarantinedExamples = new TreeMap<>();

  public final Map<String, Long> unmappedByRawLabel = new TreeMap<>();

  /** Non-audio files by kind (extension), e.g. CASIA's .lab/.peak/.tag side files. */
  public final Map<String, Long> ignoredByKind = new TreeMap<>();

  /**
   * Fields the adapter infers rather than reads from the corpus, with how (e.g. CASIA's gender from
   * F0).
   */
  public final Map<String, String> inferredFields = new TreeMap<>();

  CorpusSummary(String corpus) {
    this.corpus = corpus;
  }

  /** Counts one quarantined file under its reason, keeping its path among the first few named. */
  void quarantine(String reason, String path) {
    quarantined++;
    quarantinedByReason.merge(reason, 1L, Long::sum);
    java.util.List<String> named =
        quarantinedExamples.computeIfAbsent(reason, r -> new java.util.ArrayList<>());
    if (named.size() < NAMED_PER_REASON) named.add(path);
  }

  private static final int NAMED_PER_REASON = 3;

  public boolean conserved() {
    return filesSeen == written + unchanged + quarantined;
  }

  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "%-12s files seen %6d | utterances written %6d | unchanged %6d | quarantined %5d"
                + " | unmapped labels %5d | non-audio files ignored %d%n",
            corpus, filesSeen, written, unchanged, quarantined, unmappedLabels, ignoredNonAudio));
    if (keptWithoutFile > 0) {
      sb.append(
          String.format(
              "%12s   kept %d rows whose file is no longer in the corpus folder (append never deletes;"
                  + " --mode replace drops them)%n",
              "", keptWithoutFile));
    }
    quarantinedByReason.forEach(
        (r, n) -> {
          java.util.List<String> named = quarantinedExamples.getOrDefault(r, java.util.List.of());
          String files =
              named.isEmpty()
                  ? ""
                  : (n > named.size() ? " (e.g. " : " (") + String.join(", ", named) + ")";
          sb.append(String.format("%12s   quarantined %5d x %s%s%n", "", n, r, files));
        });
    if (!ignoredByKind.isEmpty()) {
      StringBuilder kinds = new StringBuilder();
      ignoredByKind.forEach(
          (k, n) ->
              kinds.append(kinds.length() == 0 ? "" : ", ").append(n).append(" x ").append(k));
      sb.append(String.format("%12s   non-audio files ignored: %s%n", "", kinds));
    }
    inferredFields.forEach(
        (f, how) ->
            sb.append(
                String.format(
                    "%12s   %s is inferred, not stated by the corpus: %s%n", "", f, how)));
    unmappedByRawLabel.forEach(
        (r, n) ->
            sb.append(
                String.format(
                    "%12s   unmapped label '%s' on %d utterances (kept, emotion = null)%n",
                    "", r, n)));
    return sb.toString();
  }
}
