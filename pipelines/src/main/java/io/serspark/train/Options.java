package io.serspark.train;

import java.util.List;
import java.util.function.Consumer;

/**
 * How an experiment runs, apart from what it is ({@link Experiment}: features, learner, protocol,
 * normalisation, target).
 *
 * @param seed seeds the inner speaker folds, the tree/MLP learners and the bootstrap
 * @param labels the emotions kept (empty = every mapped emotion); utterances with other or null
 *     emotions are left out
 * @param classWeights instance weights n / (k · n_c) per training side (inverse class frequency),
 *     when the learner takes them
 * @param innerFolds speaker-disjoint folds for hyper-parameter choice inside each training side
 * @param parallelFits how many MLlib fits run at once on the driver's thread pool
 * @param bootstrapReplicates speaker-bootstrap replicates for the confidence intervals (0 = none)
 * @param ciLevel confidence level, e.g. 0.95
 * @param finalModel whether to fit the model that is returned (and saved by the train job)
 * @param progress receives one line per finished stage (fold), for the console
 * @param fitOn where classifiers are fitted: {@code auto} (on the driver when serspark has a
 *     driver-side version of the classifier's MLlib algorithm — svm, lr, rf, gbt — else with
 *     Spark), {@code driver} (error when there is none) or {@code spark} (always MLlib's
 *     distributed {@code fit})
 */
public record Options(
    long seed,
    List<String> labels,
    boolean classWeights,
    int innerFolds,
    int parallelFits,
    int bootstrapReplicates,
    double ciLevel,
    boolean finalModel,
    Consumer<String> progress,
    String fitOn) {
  public static final List<String> FIT_ON = List.of("auto", "driver", "spark");

  public Options {
    labels = List.copyOf(labels);
    if (innerFolds < 2) throw new IllegalArgumentException("innerFolds must be >= 2");
    if (parallelFits < 1) throw new IllegalArgumentException("parallelFits must be >= 1");
    if (progress == null) progress = line -> {};
    if (fitOn == null) fitOn = "auto";
    if (!FIT_ON.contains(fitOn))
      throw new IllegalArgumentException("fitOn must be one of " + FIT_ON + " (got " + fitOn + ")");
  }

  /**
   * Seed 42, all labels, balanced weights, 3 inner folds, 2 parallel fits, 1000 replicates, 95 %,
   * final model.
   */
  public static Options defaults() {
    return new Options(42, List.of(), true, 3, 2, 1000, 0.95, true, null, "auto");
  }

  public Options withSeed(long v) {
    return new Options(
        v,
        labels,
        classWeights,
        innerFolds,
        parallelFits,
        bootstrapReplicates,
        ciLevel,
        finalModel,
        progress,
        fitOn);
  }

  public Options withLabels(List<String> v) {
    return new Options(
        seed,
        v,
        classWeights,
        innerFolds,
        parallelFits,
        bootstrapReplicates,
        ciLevel,
        finalModel,
        progress,
        fitOn);
  }

  public Options withClassWeights(boolean v) {
    return new Options(
        seed,
        labels,
        v,
        innerFolds,
        parallelFits,
        bootstrapReplicates,
        ciLevel,
        finalModel,
        progress,
        fitOn);
  }

  public Options withInnerFolds(int v) {
    return new Options(
        seed,
        labels,
        classWeights,
        v,
        parallelFits,
        bootstrapReplicates,
        ciLevel,
        finalModel,
        progress,
        fitOn);
  }

  public Options withParallelFits(int v) {
    return new Options(
        seed,
        labels,
        classWeights,
        innerFolds,
        v,
        bootstrapReplicates,
        ciLevel,
        finalModel,
        progress,
        fitOn);
  }

  public Options withBootstrap(int replicates, double level) {
    return new Options(
        seed,
        labels,
        classWeights,
        innerFolds,
        parallelFits,
        replicates,
        level,
        finalModel,
        progress,
        fitOn);
  }

  public Options withFinalModel(boolean v) {
    return new Options(
        seed,
        labels,
        classWeights,
        innerFolds,
        parallelFits,
        bootstrapReplicates,
        ciLevel,
        v,
        progress,
        fitOn);
  }

  public Options withProgress(Consumer<String> v) {
    return new Options(
        seed,
        labels,
        classWeights,
        innerFolds,
        parallelFits,
        bootstrapReplicates,
        ciLevel,
        finalModel,
        v,
        fitOn);
  }

  public Options withFitOn(String v) {
    return new Options(
        seed,
        labels,
        classWeights,
        innerFolds,
        parallelFits,
        bootstrapReplicates,
        ciLevel,
        finalModel,
        progress,
        v);
  }
}
