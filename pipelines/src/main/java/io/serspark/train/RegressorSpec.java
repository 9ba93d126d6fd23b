package io.serspark.train;

import io.serspark.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.RandomForestRegressor;

/**
 * Which MLlib regressor predicts a dimensional label (arousal, valence, dominance), and its grid.
 * Grids list the more regularised point first, as {@link ClassifierSpec}'s do.
 *
 * <table>
 *   <tr><th>name</th><th>MLlib</th><th>grid (default)</th></tr>
 *   <tr><td>ridge</td><td>LinearRegression, L2 (normal equations: two Spark jobs per fit)</td><td>regParam 1, 0.1, 0.01</td></tr>
 *   <tr><td>rf</td><td>RandomForestRegressor, 100 trees</td><td>maxDepth 6, 12</td></tr>
 * </table>
 */
public final class RegressorSpec {
  public static final List<String> NAMES = List.of("ridge", "rf");

  private final String name;
  private final Map<String, List<Double>> grid;

  private RegressorSpec(String name, Map<String, List<Double>> grid) {
    this.name = name;
    this.grid = grid;
  }

  public static RegressorSpec of(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    Map<String, List<Double>> g = new LinkedHashMap<>();
    switch (n) {
      case "ridge" -> g.put("regParam", List.of(1.0, 0.1, 0.01));
      case "rf" -> g.put("maxDepth", List.of(6.0, 12.0));
      default ->
          throw new ConfigException("--regressor '" + name + "' is not known; use one of " + NAMES);
    }
    return new RegressorSpec(n, g);
  }

  public String name() {
    return name;
  }

  /** The grid points, in search order. */
  public List<Map<String, Double>> points() {
    return ClassifierSpec.product(grid);
  }

  public Estimator<?> estimator(Map<String, Double> point, String featuresCol, long seed) {
    if (name.equals("ridge")) {
      return new LinearRegression()
          .setFeaturesCol(featuresCol)
          .setRegParam(point.getOrDefault("regParam", 0.1))
          .setElasticNetParam(0)
          .setStandardization(false)
          .setSolver("normal");
    }
    return new RandomForestRegressor()
        .setFeaturesCol(featuresCol)
        .setNumTrees(100)
        .setMaxDepth(point.getOrDefault("maxDepth", 6.0).intValue())
        .setSeed(seed);
  }

  @Override
  public String toString() {
    return name + " " + grid;
  }
}
