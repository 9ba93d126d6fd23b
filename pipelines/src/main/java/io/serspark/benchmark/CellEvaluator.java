package io.serspark.benchmark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Evaluates one cell: train and test a classifier on the labelled utterances of the cell's corpora
 * under the cell's protocol. The benchmark does not train or score anything itself; the experiment
 * API does ({@link ExperimentEvaluator}), and tests can put a fake in its place to check caching
 * and reports.
 */
public interface CellEvaluator {
  /**
   * Changes whenever the evaluator would give different numbers for the same cell and inputs; part
   * of the cache key, so a new version recomputes every cell.
   */
  String version();

  /**
   * @param labelled utterances of the cell's corpora kept by the label set: {@code utterance_id,
   *     corpus, speaker, gender, emotion, split}
   */
  Evaluation evaluate(Dataset<Row> labelled, Cell cell, BenchmarkSpec spec);
}
