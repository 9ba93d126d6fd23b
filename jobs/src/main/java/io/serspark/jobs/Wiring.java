package io.serspark.jobs;

import io.serspark.benchmark.CellEvaluator;
import io.serspark.benchmark.StageRunner;
import io.serspark.config.ConfigException;
import io.serspark.warehouse.Warehouse;

/** Which real implementations the benchmark job runs with (one place to change when an API moves). */
final class Wiring {
  private Wiring() {}

  static CellEvaluator evaluator(Warehouse wh) {
    throw new ConfigException("the experiment API (io.serspark.train) is not in this build yet; cannot evaluate cells");
  }

  static StageRunner stages(Warehouse wh) {
    return StageRunner.NONE;
  }
}
