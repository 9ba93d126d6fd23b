package io.serspark.benchmark;

import java.util.List;
import java.util.Map;

/**
 * Who was in one training and one test fold of a cell, and with which classes: what the protocol sanity checks
 * need (speaker overlap, missing classes) without the rows themselves.
 */
public record FoldSummary(String fold, List<String> trainSpeakers, List<String> testSpeakers,
    Map<String, Long> trainClasses, Map<String, Long> testClasses) {}
