package io.serspark.benchmark;

import java.util.List;

/**
 * What a benchmark normalisation did, in the sentence a paper would print (semantics: {@link
 * io.serspark.ml.ZScore}), with the cells where statistics came from test-side audio named: a
 * report states these in its header so that no reader has to guess whether a score used the test
 * data's statistics.
 */
public final class NormalisationStatement {
  private NormalisationStatement() {}

  public static String of(String normalisation, List<Cell> cells) {
    List<Cell> mine = cells.stream().filter(c -> c.normalisation().equals(normalisation)).toList();
    List<String> adapted =
        mine.stream()
            .filter(c -> c.condition().kind() != Condition.Kind.WITHIN)
            .map(c -> c.condition().label())
            .distinct()
            .toList();
    return switch (normalisation) {
      case "none" ->
          "`none`: raw feature values (undefined values filled with the training side's mean).";
      case "global" ->
          "`global`: every utterance z-scored with the mean and deviation of the training side; no "
              + "statistic comes from the test side.";
      case "per-corpus" ->
          "`per-corpus`: every utterance z-scored with its corpus's mean and deviation over that "
              + "corpus's training-side utterances; within one corpus this equals `global`. "
              + (adapted.isEmpty()
                  ? "No cell tests on a corpus absent from its training side."
                  : "A test corpus absent from the training side ("
                      + String.join(", ", adapted)
                      + ") is z-scored with "
                      + "the statistics of all of its utterances, labels unread: unsupervised adaptation to the test "
                      + "corpus.");
      case "per-speaker" ->
          "`per-speaker`: every utterance z-scored with its speaker's mean and deviation over all of "
              + "that speaker's utterances, labels unread, test speakers included: transductive speaker normalisation "
              + "(in every per-speaker cell).";
      default -> throw new IllegalArgumentException("unknown normalisation " + normalisation);
    };
  }
}
