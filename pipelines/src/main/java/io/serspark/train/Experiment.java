package io.serspark.train;

import io.serspark.ml.ZScore;
import io.serspark.protocols.Protocol;

/**
 * One speaker-independent experiment, typed: which features, which learner with its grid of MLlib
 * {@code ParamMap}s, which protocol, which z-score scope, and what is predicted. The train job's
 * options and a benchmark cell both become one of these, and {@link ExperimentRunner} runs it.
 *
 * @param normalisation ZScore scope: none | global | corpus | speaker
 */
public record Experiment(
    FeatureSpec features, Learner learner, Protocol protocol, String normalisation, Target target) {

  public Experiment {
    if (!ZScore.SCOPES.contains(normalisation))
      throw new IllegalArgumentException("normalisation must be one of " + ZScore.SCOPES);
    if (learner.isClassifier() != target.classification()) {
      throw new IllegalArgumentException(
          (learner.isClassifier() ? "classifier " : "regressor ")
              + learner.name()
              + " cannot predict "
              + target
              + (target.classification() ? " (use a classifier)" : " (use a regressor)"));
    }
  }

  /** Classifies emotions. */
  public static Experiment classification(
      FeatureSpec features, Learner classifier, Protocol protocol, String normalisation) {
    return new Experiment(features, classifier, protocol, normalisation, Target.EMOTION);
  }
}
