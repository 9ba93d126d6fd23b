package io.serspark.ml;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The Params {@link ZScore} and {@link ZScoreModel} share, declared once. MLlib declares shared
 * Params in a Scala trait; a Java interface cannot hold the Param objects themselves, so each stage
 * keeps a {@link Declared} set and this interface exposes it under MLlib's accessor names (which
 * {@code Params.params()} finds by reflection).
 */
public interface ZScoreParams extends Params {
  Declared zscoreParams();

  default Param<String> inputCol() {
    return zscoreParams().inputCol;
  }

  default Param<String> outputCol() {
    return zscoreParams().outputCol;
  }

  default Param<String> scope() {
    return zscoreParams().scope;
  }

  default Param<String> corpusCol() {
    return zscoreParams().corpusCol;
  }

  default Param<String> speakerCol() {
    return zscoreParams().speakerCol;
  }

  /** The Param objects of one stage, with their defaults set on it. */
  final class Declared {
    final Param<String> inputCol;
    final Param<String> outputCol;
    final Param<String> scope;
    final Param<String> corpusCol;
    final Param<String> speakerCol;

    Declared(Params owner) {
      inputCol = new Param<>(owner, "inputCol", "input vector column");
      outputCol = new Param<>(owner, "outputCol", "output vector column");
      scope =
          new Param<>(
              owner,
              "scope",
              "whose statistics normalise a row: " + ZScore.SCOPES,
              ParamValidators.inArray(ZScore.SCOPES.toArray(new String[0])));
      corpusCol = new Param<>(owner, "corpusCol", "corpus column (scopes corpus and speaker)");
      speakerCol =
          new Param<>(owner, "speakerCol", "speaker column (scope speaker; keyed with the corpus)");
      owner.setDefault(inputCol, "rawFeatures");
      owner.setDefault(outputCol, "features");
      owner.setDefault(scope, "global");
      owner.setDefault(corpusCol, "corpus");
      owner.setDefault(speakerCol, "speaker");
    }
  }
}
