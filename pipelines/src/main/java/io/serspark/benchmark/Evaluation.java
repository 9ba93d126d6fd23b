package io.serspark.benchmark;

import java.util.List;

/**
 * What evaluating one cell gives: the EMO-SUPERB headline (macro-F1), UAR and WA with speaker-bootstrap CIs, the
 * confusion matrix (rows = true class, columns = predicted, in {@code labels} order), the folds it used and every
 * test prediction ({@code predictions}: null in cache entries written before they were kept), and how many utterances
 * had undefined feature values filled with the training side's mean ({@code undefinedFilled}: null in cache entries
 * written before it was counted).
 */
public record Evaluation(Metric macroF1, Metric uar, Metric wa, List<String> labels, long[][] confusion,
    long nTrain, long nTest, List<FoldSummary> folds, TestPredictions predictions, Long undefinedFilled) {}
