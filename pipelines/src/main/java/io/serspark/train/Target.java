package io.serspark.train;

import io.serspark.config.ConfigException;
import java.util.List;

/**
 * What an experiment predicts: the categorical {@code emotion} (classification, scored by UAR) or a
 * dimensional label (regression, scored by concordance correlation).
 *
 * @param column the utterances column holding the truth
 */
public record Target(String column) {
  public static final Target EMOTION = new Target("emotion");

  /** The dimensional labels a regressor can predict. */
  public static final List<String> DIMENSIONS = List.of("arousal", "valence", "dominance");

  /** {@code emotion}, or any numeric column for regression (the jobs offer {@link #DIMENSIONS}). */
  public Target {
    if (column == null || column.isBlank())
      throw new IllegalArgumentException("a target names a column, e.g. emotion or arousal");
  }

  /** The train job's {@code --target}: emotion or one of {@link #DIMENSIONS}. */
  public static Target parse(String name) {
    if (!"emotion".equals(name) && !DIMENSIONS.contains(name))
      throw new ConfigException(
          "--target " + name + ": use emotion, arousal, valence or dominance");
    return new Target(name);
  }

  public boolean classification() {
    return column.equals("emotion");
  }

  /** {@code classification} or {@code regression}, as metrics.json names the task. */
  public String task() {
    return classification() ? "classification" : "regression";
  }

  @Override
  public String toString() {
    return column;
  }
}
