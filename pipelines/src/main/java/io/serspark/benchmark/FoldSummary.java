package io.serspark.benchmark;

import java.util.List;
import java.util.Map;

/**
 * Who was in one training and one test fold of a cell, and with which classes: what the protocol
 * sanity checks need (speaker overlap, missing classes) without the rows themselves. {@code
 * testWithText}: test utterances with a text id; {@code testTextInTrain}: those whose text
 * (corpus-qualified) is also on the training side (both null in cache entries written before texts
 * were counted).
 */
public record FoldSummary(
    String fold,
    List<String> trainSpeakers,
    List<String> testSpeakers,
    Map<String, Long> trainClasses,
    Map<String, Long> testClasses,
    Long testWithText,
    Long testTextInTrain) {

  public FoldSummary(
      String fold,
      List<String> trainSpeakers,
      List<String> testSpeakers,
      Map<String, Long> trainClasses,
      Map<String, Long> testClasses) {
    this(fold, trainSpeakers, testSpeakers, trainClasses, testClasses, null, null);
  }
}
