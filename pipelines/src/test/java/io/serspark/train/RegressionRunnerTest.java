package io.serspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.protocols.Protocol;
import io.serspark.protocols.SpeakerKFold;
import io.serspark.spark.Sessions;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regression on a dimensional label with openSMILE's EmoDB eGeMAPS. EmoDB has no dimensional
 * annotation, so the label is a stand-in: the arousal that the emotion category implies (angry,
 * happy, fear high; sad, boredom low; neutral, disgust in between; the circumplex placement SER
 * papers use to map categories to arousal) plus seeded noise. Arousal is what eGeMAPS predicts best
 * (loudness, F0 level and range), so a leak-free ridge regression must find it; the same features
 * against a shuffled label must not.
 */
class RegressionRunnerTest {
  private static Dataset<Row> emodb;
  private static final Map<String, Double> AROUSAL =
      Map.of(
          "angry", 0.9, "happy", 0.8, "fear", 0.75, "disgust", 0.5, "neutral", 0.4, "boredom", 0.2,
          "sad", 0.15);

  @BeforeAll
  static void data() {
    SparkSession spark = Sessions.local(2);
    spark.sparkContext().setLogLevel("WARN");
    Path csv = SharedData.emodbFunctionals();
    Dataset<Row> d =
        FeatureSpec.packFunctionals(
            EmoDbLosoSvm.openSmileFunctionals(spark, csv),
            EmoDbLosoSvm.featureNames(csv),
            "egemaps_v02");
    Column arousal = functions.lit(null).cast("double");
    for (var e : AROUSAL.entrySet())
      arousal =
          functions
              .when(functions.col("emotion").equalTo(e.getKey()), e.getValue())
              .otherwise(arousal);
    // noise from the utterance id's hash: seeded, the same in every run, independent of the
    // features
    Column noise =
        functions
            .pmod(functions.hash(functions.col("utterance_id")), functions.lit(1000))
            .cast("double")
            .divide(1000)
            .minus(0.5)
            .multiply(0.2);
    emodb =
        d.withColumn("arousal", arousal.plus(noise))
            .withColumn(
                "shuffled",
                functions
                    .first(functions.col("arousal"))
                    .over(
                        org.apache.spark.sql.expressions.Window.orderBy(
                                functions.hash(functions.col("utterance_id"), functions.lit(7)))
                            .rowsBetween(1, 1)))
            .cache();
  }

  private static Result run(Dataset<Row> data, Protocol protocol, Options o, String target) {
    return ExperimentRunner.run(
        data,
        new Experiment(
            FeatureSpec.parse("egemaps_v02"),
            Learner.regressor("ridge"),
            protocol,
            "global",
            new Target(target)),
        o);
  }

  private static Options options() {
    return Options.defaults().withSeed(3).withBootstrap(200, 0.95).withFinalModel(false);
  }

  @Test
  void ridgeFindsArousalInEgemapsWithoutCrossingSpeakers() {
    Result r = run(emodb, new SpeakerKFold(5, 3), options(), "arousal");
    System.out.printf(
        "ridge arousal (stand-in) speaker 5-fold: CCC %s, MSE %s, r %s, %d fits%n",
        r.dimensions().ccc(), r.dimensions().mse(), r.dimensions().pearson(), r.fits());
    assertEquals(535, r.predictions().size(), "each utterance predicted once");
    Set<String> seen = new HashSet<>();
    for (var p : r.predictions()) assertTrue(seen.add(p.utteranceId()));
    assertEquals(5 * 3 * 3 + 5, r.fits(), "5 outer x (3 inner x 3 grid points) + 5 refits");
    assertTrue(r.dimensions().ccc().estimate() > 0.6, "CCC " + r.dimensions().ccc());
    assertTrue(
        r.dimensions().ccc().lower() <= r.dimensions().ccc().estimate()
            && r.dimensions().ccc().estimate() <= r.dimensions().ccc().upper());
    assertTrue(r.dimensions().mse().estimate() < 0.05, "MSE " + r.dimensions().mse());
  }

  @Test
  void undefinedValuesAreFilledAndCounted() {
    // as in ExperimentRunnerTest: the unvoiced-segment statistics undefined for three speakers'
    // utterances
    Dataset<Row> holes =
        emodb.withColumn(
            "egemaps_v02",
            functions.expr(
                "transform(egemaps_v02, (x, i) -> "
                    + "IF(i IN (85, 86) AND speaker IN ('03', '10', '15'), CAST(NULL AS FLOAT), x))"));
    Result r = run(holes, new SpeakerKFold(3, 3), options().withInnerFolds(2), "arousal");
    assertEquals(535, r.predictions().size());
    assertEquals(
        emodb.filter(functions.col("speaker").isin("03", "10", "15")).count(), r.undefinedFilled());
    assertTrue(r.dimensions().ccc().estimate() > 0.6, "CCC " + r.dimensions().ccc());
  }

  @Test
  void aShuffledLabelIsNotPredictable() {
    Result r =
        run(
            emodb.filter("shuffled is not null"),
            new SpeakerKFold(3, 3),
            options().withInnerFolds(2),
            "shuffled");
    System.out.printf("ridge on a shuffled label: CCC %s%n", r.dimensions().ccc());
    assertTrue(Math.abs(r.dimensions().ccc().estimate()) < 0.2, "CCC " + r.dimensions().ccc());
  }
}
