package io.serspark.benchmark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;

import io.serspark.benchmark.Check.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Checks of how a corpus was recorded that make a within-corpus score mean something else than it
 * seems (thresholds and meanings: docs/benchmark.md):
 *
 * <ul>
 *   <li>within-corpus confounding: when most speakers have a single class (URDU: 26 of 29),
 *       speaker-disjoint folds test on speakers whose class the training side only shows in other
 *       speakers, recorded in other shows or sessions; the within cell then measures how well the
 *       features separate those groups of speakers as much as emotion (WARN, scoped to the within
 *       cells of the corpus);
 *   <li>text overlap: a text (sentence) id on both sides of a fold: corpora whose speakers say the
 *       same sentences in every emotion (CASIA, EmoDB, RAVDESS) let a classifier recognise the
 *       sentence; WARN with the share of test utterances whose text was in training
 *       (speaker+text-disjoint folds avoid it).
 * </ul>
 */
public final class DesignChecks {
  /**
   * Share of single-class speakers from which a within cell is flagged (the same as the per-speaker
   * check).
   */
  public static final double WITHIN_CONFOUNDING_WARN = ProtocolChecks.CONFOUNDING_WARN;

  private DesignChecks() {}

  /** One speaker of a corpus: how many classes of the label set and how many utterances it has. */
  public record SpeakerTally(String corpus, String speaker, long classes, long utterances) {}

  /** The tallies of the labelled utterances (columns corpus, speaker, emotion). */
  public static List<SpeakerTally> tally(Dataset<Row> labelled) {
    List<SpeakerTally> out = new ArrayList<>();
    for (Row r :
        labelled
            .groupBy("corpus", "speaker")
            .agg(countDistinct(col("emotion")).as("classes"), count("*").as("n"))
            .collectAsList()) {
      out.add(new SpeakerTally(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3)));
    }
    return out;
  }

  /**
   * Per corpus with within cells: what the within cell measures when speaker and label are
   * confounded.
   */
  public static List<Check> withinConfounding(List<SpeakerTally> speakers, List<Cell> cells) {
    Map<String, long[]> byCorpus =
        new TreeMap<>(); // corpus -> {speakers, single-class speakers, their utts, utts}
    for (SpeakerTally t : speakers) {
      long[] s = byCorpus.computeIfAbsent(t.corpus(), k -> new long[4]);
      s[0]++;
      s[3] += t.utterances();
      if (t.classes() <= 1) {
        s[1]++;
        s[2] += t.utterances();
      }
    }
    List<Check> out = new ArrayList<>();
    for (var e : byCorpus.entrySet()) {
      String corpus = e.getKey();
      long[] s = e.getValue();
      List<String> within =
          cells.stream()
              .filter(
                  c ->
                      c.condition().kind() == Condition.Kind.WITHIN
                          && c.condition().test().equals(corpus))
              .map(Cell::id)
              .toList();
      if (within.isEmpty() || (double) s[1] / s[0] < WITHIN_CONFOUNDING_WARN) continue;
      out.add(
          new Check(
              Severity.WARN,
              "within-corpus confounding",
              "within:" + corpus,
              String.format(
                  "%s: %d of %d speakers have a single class (%d of %d utterances); the within-%s cell tests on unseen "
                      + "speakers whose class the training side shows only in other speakers, so it measures how well the "
                      + "features tell apart groups of speakers and their recordings as much as emotion: read it as an upper "
                      + "bound, and the cross-corpus cells as the emotion score",
                  corpus, s[1], s[0], s[2], s[3], corpus),
              within));
    }
    return out;
  }

  /**
   * Per cell: test utterances whose text id (corpus-qualified) is also on the training side of
   * their fold.
   */
  public static List<Check> textOverlap(Cell cell, Evaluation e) {
    long withText = 0;
    long shared = 0;
    int foldsSharing = 0;
    for (FoldSummary f : e.folds()) {
      if (f.testWithText() == null)
        return List.of(); // a cache entry written before texts were counted
      withText += f.testWithText();
      shared += f.testTextInTrain();
      if (f.testTextInTrain() > 0) foldsSharing++;
    }
    if (shared == 0) return List.of();
    return List.of(
        new Check(
            Severity.WARN,
            "text overlap",
            cell.condition().id(),
            String.format(
                "%d of %d test utterances with a text id (%.0f%%) have a text also in training, in %d of %d folds: the "
                    + "classifier may recognise the sentence; protocols.within {disjoint: speaker+text} keeps texts apart where a "
                    + "corpus's texts split into balanced groups",
                shared, withText, 100.0 * shared / withText, foldsSharing, e.folds().size()),
            List.of(cell.id())));
  }
}
