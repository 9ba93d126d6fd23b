package io.serspark.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.corpus.LabelSets;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's cells run through the experiment API on a synthetic two-corpus warehouse whose
 * class signal is clean but whose corpus b is recorded 12 dB quieter: within-corpus cells separate
 * the classes, and across corpora only per-corpus normalisation recovers them (training statistics
 * of a do not fit b).
 */
class ExperimentEvaluatorTest {
  static final List<String> LABELS = List.of("angry", "happy", "neutral", "sad");
  @TempDir static Path tmp;
  static SparkSession spark;
  static Warehouse wh;

  @BeforeAll
  static void warehouse() {
    spark = Sessions.local(2);
    wh = Warehouse.open(spark, tmp.resolve("wh").toString());
    Random rnd = new Random(5);
    List<Row> utts = new ArrayList<>();
    List<Row> feats = new ArrayList<>();
    for (String corpus : List.of("a", "b")) {
      for (int s = 0; s < 4; s++) {
        for (int c = 0; c < 4; c++) {
          for (int i = 0; i < 6; i++) {
            String id = corpus + "-" + s + "-" + c + "-" + i;
            utts.add(RowFactory.create(id, corpus, corpus + ":" + s, LABELS.get(c), null));
            float offset = corpus.equals("a") ? 0f : -12f;
            // the class is in the level (4 dB per class step) and in a second, level-free feature
            feats.add(
                RowFactory.create(
                    id,
                    corpus,
                    60f + offset + 4f * c + (float) rnd.nextGaussian(),
                    offset * 0.5f + 2f * c + (float) rnd.nextGaussian() * 0.5f,
                    "ok"));
          }
        }
      }
    }
    wh.writeAtomically(
        spark.createDataFrame(
            utts,
            new StructType()
                .add("utterance_id", DataTypes.StringType)
                .add("corpus", DataTypes.StringType)
                .add("speaker", DataTypes.StringType)
                .add("emotion", DataTypes.StringType)
                .add("split", DataTypes.StringType)),
        "utterances",
        List.of("corpus"));
    wh.writeAtomically(
        spark.createDataFrame(
            feats,
            new StructType()
                .add("utterance_id", DataTypes.StringType)
                .add("corpus", DataTypes.StringType)
                .add("equivalentSoundLevel_dBp", DataTypes.FloatType)
                .add("slope", DataTypes.FloatType)
                .add("status", DataTypes.StringType)),
        "features/egemaps_v02",
        List.of("corpus"));
  }

  static BenchmarkSpec spec() {
    return BenchmarkSpec.parse(
        """
        name: t
        label_set: 4class
        corpora: [a, b]
        features: [egemaps]
        classifiers: [{rf: {maxDepth: 4, numTrees: 20}}]
        protocols: {within: loso, cross: true}
        normalisation: [global, per-corpus]
        bootstrap: {resamples: 100, seed: 1}
        """,
        "t.yaml",
        LabelSets.load(Path.of("..", "conf")),
        new KnownCorpora(Set.of()));
  }

  static Evaluation eval(BenchmarkSpec spec, String cellId) {
    Cell cell =
        CellPlan.cells(spec).stream().filter(c -> c.id().equals(cellId)).findFirst().orElseThrow();
    Dataset<Row> labelled =
        wh.read("utterances")
            .filter(
                org.apache
                    .spark
                    .sql
                    .functions
                    .col("corpus")
                    .isin(cell.condition().corpora().toArray()));
    return new ExperimentEvaluator(wh).evaluate(labelled, cell, spec);
  }

  @Test
  void withinCorpusLosoFoldsAreSpeakerDisjointAndScoresHigh() {
    Evaluation e = eval(spec(), "egemaps|rf-maxDepth=4-numTrees=20|global|within:a");
    assertEquals(4, e.folds().size(), "one LOSO fold per speaker of a");
    for (FoldSummary f : e.folds()) {
      assertEquals(1, f.testSpeakers().size());
      assertEquals(3, f.trainSpeakers().size());
      assertTrue(f.trainSpeakers().stream().noneMatch(f.testSpeakers()::contains));
    }
    assertEquals(96, e.nTest());
    assertEquals(LABELS, e.labels());
    assertTrue(e.macroF1().value() > 0.8, "separable classes: macro-F1 " + e.macroF1());
    assertTrue(e.macroF1().lo() <= e.macroF1().value() && e.macroF1().value() <= e.macroF1().hi());
    assertTrue(
        ProtocolChecks.foldChecks(CellPlan.cells(spec()).get(0), e, LABELS).isEmpty(),
        "no findings");
  }

  @Test
  void perCorpusNormalisationRemovesTheLevelOffsetAcrossCorpora() {
    Evaluation global = eval(spec(), "egemaps|rf-maxDepth=4-numTrees=20|global|cross:a>b");
    Evaluation perCorpus = eval(spec(), "egemaps|rf-maxDepth=4-numTrees=20|per-corpus|cross:a>b");
    assertEquals(1, global.folds().size());
    assertEquals(
        List.of("a/a:0", "a/a:1", "a/a:2", "a/a:3"), global.folds().get(0).trainSpeakers());
    assertTrue(perCorpus.macroF1().value() > 0.8, "per-corpus: " + perCorpus.macroF1());
    assertTrue(
        global.macroF1().value() < perCorpus.macroF1().value() - 0.3,
        "global " + global.macroF1() + " vs per-corpus " + perCorpus.macroF1());
  }
}
