package io.serspark.jobs;

import io.serspark.benchmark.CellEvaluator;
import io.serspark.benchmark.ExperimentEvaluator;
import io.serspark.benchmark.PipelineStages;
import io.serspark.benchmark.StageRunner;
import io.serspark.config.ConfDir;
import io.serspark.warehouse.Warehouse;

/**
 * Which real implementations the benchmark job runs with (one place to change when an API moves).
 */
final class Wiring {
  private Wiring() {}

  static CellEvaluator evaluator(Warehouse wh) {
    return new ExperimentEvaluator(wh);
  }

  static StageRunner stages(Warehouse wh) {
    return new PipelineStages(wh, ConfDir.resolve());
  }
}
