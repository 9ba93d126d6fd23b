package io.serspark.benchmark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;

import io.serspark.benchmark.Check.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The protocol sanity checks every report carries (thresholds and meanings: docs/benchmark.md):
 *
 * <ul>
 *   <li>speaker overlap: a speaker in both a training and a test fold (ERROR; the cell is not
 *       speaker-independent);
 *   <li>missing classes: a class of the label set absent from a corpus, a training fold or a test
 *       fold (WARN);
 *   <li>undefined feature values filled with the training side's mean, per cell (WARN);
 *   <li>speaker–label confounding: share of speakers with a single class; at or above {@link
 *       #CONFOUNDING_WARN} it is a WARN naming the per-speaker-normalised cells it affects.
 * </ul>
 */
public final class ProtocolChecks {
  /**
   * Share of single-class speakers from which per-speaker normalisation is flagged (see
   * docs/benchmark.md).
   */
  public static final double CONFOUNDING_WARN = 0.2;

  private ProtocolChecks() {}

  /** Per-corpus checks on the labelled utterances (before any cell runs). */
  public static List<Check> corpusChecks(
      Dataset<Row> labelled, BenchmarkSpec spec, List<Cell> cells) {
    List<Check> out = new ArrayList<>();
    Map<String, Map<String, Long>> classCounts = new TreeMap<>();
    for (Row r : labelled.groupBy("corpus", "emotion").count().collectAsList()) {
      classCounts
          .computeIfAbsent(r.<String>getAs("corpus"), k -> new TreeMap<>())
          .put(r.<String>getAs("emotion"), r.<Long>getAs("count"));
    }
    Map<String, long[]> speakers = new TreeMap<>(); // corpus -> {speakers, single-class speakers}
    for (Row r :
        labelled
            .groupBy("corpus", "speaker")
            .agg(countDistinct(col("emotion")).as("classes"))
            .collectAsList()) {
      long[] s = speakers.computeIfAbsent(r.<String>getAs("corpus"), k -> new long[2]);
      s[0]++;
      if (r.<Long>getAs("classes") <= 1) s[1]++;
    }
    for (String corpus : spec.corpusNames()) {
      Map<String, Long> counts = classCounts.getOrDefault(corpus, Map.of());
      List<String> expected =
          spec.labels().isEmpty() ? List.copyOf(counts.keySet()) : spec.labels();
      List<String> missing = expected.stream().filter(l -> !counts.containsKey(l)).toList();
      if (counts.isEmpty()) {
        out.add(
            new Check(
                Severity.ERROR,
                "classes",
                corpus,
                "no utterances of label set '" + spec.labelSet() + "' in " + corpus,
                cellsOn(cells, corpus)));
      } else if (!missing.isEmpty()) {
        out.add(
            new Check(
                Severity.WARN,
                "classes",
                corpus,
                corpus
                    + " has no utterances of "
                    + missing
                    + " (label set '"
                    + spec.labelSet()
                    + "'); those classes score 0 recall when tested on it",
                cellsOn(cells, corpus)));
      } else {
        out.add(
            new Check(
                Severity.OK,
                "classes",
                corpus,
                corpus + ": all " + expected.size() + " classes present " + counts,
                List.of()));
      }
      long[] s = speakers.getOrDefault(corpus, new long[2]);
      double share = s[0] == 0 ? 0 : (double) s[1] / s[0];
      String msg =
          String.format(
              "%s: %d of %d speakers (%.0f%%) have a single class",
              corpus, s[1], s[0], 100 * share);
      List<String> perSpeaker =
          cells.stream()
              .filter(
                  c ->
                      c.normalisation().equals("per-speaker")
                          && c.condition().corpora().contains(corpus))
              .map(Cell::id)
              .toList();
      if (share >= CONFOUNDING_WARN) {
        out.add(
            new Check(
                Severity.WARN,
                "speaker-label confounding",
                corpus,
                msg
                    + "; per-speaker normalisation "
                    + "removes their class differences and speaker identity predicts the label"
                    + (perSpeaker.isEmpty()
                        ? " (no cell uses per-speaker normalisation)"
                        : "; affects the cells listed"),
                perSpeaker));
      } else {
        out.add(new Check(Severity.OK, "speaker-label confounding", corpus, msg, List.of()));
      }
    }
    return out;
  }

  /** Per-cell checks on the folds the protocol made. */
  public static List<Check> foldChecks(Cell cell, Evaluation e, List<String> labels) {
    List<Check> out = new ArrayList<>();
    int overlapping = 0;
    Set<String> overlapSpeakers = new java.util.TreeSet<>();
    int trainMissing = 0;
    int testMissing = 0;
    Set<String> trainMissingClasses = new java.util.TreeSet<>();
    Set<String> testMissingClasses = new java.util.TreeSet<>();
    for (FoldSummary f : e.folds()) {
      Set<String> train = new HashSet<>(f.trainSpeakers());
      boolean any = false;
      for (String s : f.testSpeakers()) {
        if (train.contains(s)) {
          overlapSpeakers.add(s);
          any = true;
        }
      }
      if (any) overlapping++;
      List<String> tm =
          labels.stream().filter(l -> f.trainClasses().getOrDefault(l, 0L) == 0).toList();
      List<String> sm =
          labels.stream().filter(l -> f.testClasses().getOrDefault(l, 0L) == 0).toList();
      if (!tm.isEmpty()) trainMissing++;
      if (!sm.isEmpty()) testMissing++;
      trainMissingClasses.addAll(tm);
      testMissingClasses.addAll(sm);
    }
    int n = e.folds().size();
    String scope = cell.condition().id();
    if (overlapping > 0) {
      out.add(
          new Check(
              Severity.ERROR,
              "speaker overlap",
              scope,
              overlapping
                  + " of "
                  + n
                  + " folds have speakers "
                  + "in both train and test "
                  + overlapSpeakers
                  + ": the result is not speaker-independent",
              List.of(cell.id())));
    }
    if (trainMissing > 0) {
      out.add(
          new Check(
              Severity.WARN,
              "classes missing in training",
              scope,
              trainMissing
                  + " of "
                  + n
                  + " training folds lack "
                  + trainMissingClasses
                  + ": the classifier cannot predict them",
              List.of(cell.id())));
    }
    if (testMissing > 0) {
      out.add(
          new Check(
              Severity.WARN,
              "classes missing in test",
              scope,
              testMissing
                  + " of "
                  + n
                  + " test folds lack "
                  + testMissingClasses
                  + " (normal for LOSO when a speaker lacks a class; the pooled "
                  + "confusion matrix still has them when another fold does)",
              List.of(cell.id())));
    }
    if (e.undefinedFilled() != null && e.undefinedFilled() > 0) {
      out.add(
          new Check(
              Severity.WARN,
              "undefined feature values",
              scope,
              e.undefinedFilled()
                  + " utterances have "
                  + "feature values that are undefined for them (e.g. an eGeMAPS functional without input frames), each "
                  + "filled with the training side's mean of that feature",
              List.of(cell.id())));
    }
    return out;
  }

  private static List<String> cellsOn(List<Cell> cells, String corpus) {
    return cells.stream()
        .filter(c -> c.condition().corpora().contains(corpus))
        .map(Cell::id)
        .toList();
  }
}
