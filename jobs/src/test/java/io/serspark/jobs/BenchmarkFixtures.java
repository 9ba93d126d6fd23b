package io.serspark.jobs;

import io.serspark.benchmark.BenchmarkSpec;
import io.serspark.benchmark.Cell;
import io.serspark.benchmark.CellEvaluator;
import io.serspark.benchmark.Condition;
import io.serspark.benchmark.Evaluation;
import io.serspark.benchmark.Evaluations;
import io.serspark.benchmark.FoldSummary;
import io.serspark.benchmark.TestPredictions;
import io.serspark.metrics.ClassificationReport;
import io.serspark.metrics.SpeakerBootstrap;
import io.serspark.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A small synthetic warehouse (two corpora, four classes, a level offset between the corpora) and a
 * stand-in cell evaluator whose predictions are a fixed function of the utterance, so that the
 * benchmark machinery (cache, resume, report, comparison) can be tested without training anything.
 */
final class BenchmarkFixtures {
  static final List<String> LABELS = List.of("angry", "happy", "neutral", "sad");

  private BenchmarkFixtures() {}

  /**
   * corpus a: 6 speakers, corpus b: 4 speakers; 8 utterances per speaker and class; b is 12 dB
   * quieter.
   */
  static void writeWarehouse(SparkSession spark, Warehouse wh) {
    writeWarehouse(spark, wh, java.util.Map.of("a", 6, "b", 4));
  }

  /**
   * Corpora with the given numbers of speakers; 8 utterances per speaker and class; every corpus
   * but a 12 dB quieter.
   */
  static void writeWarehouse(
      SparkSession spark, Warehouse wh, java.util.Map<String, Integer> speakersByCorpus) {
    List<Row> utts = new ArrayList<>();
    List<Row> feats = new ArrayList<>();
    for (String corpus : new java.util.TreeSet<>(speakersByCorpus.keySet())) {
      int speakers = speakersByCorpus.get(corpus);
      for (int s = 0; s < speakers; s++) {
        for (int c = 0; c < LABELS.size(); c++) {
          for (int i = 0; i < 8; i++) {
            String id = corpus + "-" + s + "-" + c + "-" + i;
            String speaker = corpus + ":" + s;
            utts.add(
                RowFactory.create(
                    id,
                    corpus,
                    speaker + "/" + LABELS.get(c) + i + ".wav",
                    speaker,
                    s % 2 == 0 ? "f" : "m",
                    LABELS.get(c),
                    null,
                    "sha-" + id));
            float level = (corpus.equals("a") ? 60f : 48f) + c + (i % 3);
            feats.add(RowFactory.create(id, corpus, level, (float) c + 0.1f * i, "ok"));
          }
        }
      }
    }
    StructType u =
        new StructType()
            .add("utterance_id", DataTypes.StringType)
            .add("corpus", DataTypes.StringType)
            .add("path", DataTypes.StringType)
            .add("speaker", DataTypes.StringType)
            .add("gender", DataTypes.StringType)
            .add("emotion", DataTypes.StringType)
            .add("split", DataTypes.StringType)
            .add("sha256", DataTypes.StringType);
    StructType f =
        new StructType()
            .add("utterance_id", DataTypes.StringType)
            .add("corpus", DataTypes.StringType)
            .add("equivalentSoundLevel_dBp", DataTypes.FloatType)
            .add("F0semitoneFrom27.5Hz_sma3nz_amean", DataTypes.FloatType)
            .add("status", DataTypes.StringType);
    wh.writeAtomically(spark.createDataFrame(utts, u), "utterances", List.of("corpus"));
    wh.writeAtomically(spark.createDataFrame(feats, f), "features/egemaps_v02", List.of("corpus"));
  }

  /**
   * Predicts the true class for utterances whose index is below {@code correctOf8} (of 8) for svm,
   * one less for rf (but for rf per-corpus only on the first speaker of each corpus), else the next
   * class; within-corpus cells as leave-one-speaker-out folds. Throws after {@code failAfter}
   * evaluations (a crash).
   */
  static final class FixedEvaluator implements CellEvaluator {
    final int correctOf8;
    final int failAfter;
    final AtomicInteger evaluated = new AtomicInteger();

    FixedEvaluator(int correctOf8, int failAfter) {
      this.correctOf8 = correctOf8;
      this.failAfter = failAfter;
    }

    @Override
    public String version() {
      return "fixed-test-evaluator-" + correctOf8;
    }

    @Override
    public Evaluation evaluate(Dataset<Row> labelled, Cell cell, BenchmarkSpec spec) {
      if (evaluated.get() >= failAfter)
        throw new IllegalStateException("simulated crash after " + failAfter);
      evaluated.incrementAndGet();
      List<Row> rows = labelled.orderBy("utterance_id").collectAsList();
      Condition cond = cell.condition();
      List<String> test = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      List<Integer> truth = new ArrayList<>();
      List<Integer> pred = new ArrayList<>();
      Map<String, Map<String, Long>> bySpeaker = new TreeMap<>();
      long nTrain = 0;
      for (Row r : rows) {
        String corpus = r.getAs("corpus");
        String speaker = r.getAs("speaker");
        String emotion = r.getAs("emotion");
        bySpeaker.computeIfAbsent(speaker, k -> new TreeMap<>()).merge(emotion, 1L, Long::sum);
        if (!corpus.equals(cond.test())) {
          nTrain++;
          continue;
        }
        String id = r.getAs("utterance_id");
        int t = LABELS.indexOf(emotion);
        int i = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        int k = cell.classifier().kind().equals("svm") ? correctOf8 : Math.max(0, correctOf8 - 1);
        // rf with per-corpus normalisation: as good as svm but on each corpus's first speaker, i.e.
        // a difference
        // that one speaker makes and a paired speaker bootstrap must not call significant
        if (cell.normalisation().equals("per-corpus") && !speaker.endsWith(":0")) k = correctOf8;
        test.add(speaker);
        ids.add(id);
        truth.add(t);
        pred.add(i < k ? t : (t + 1) % LABELS.size());
      }
      List<FoldSummary> folds = new ArrayList<>();
      if (cond.kind() == Condition.Kind.WITHIN) {
        for (String s : bySpeaker.keySet()) {
          Map<String, Long> trainClasses = new TreeMap<>();
          bySpeaker.forEach(
              (o, m) -> {
                if (!o.equals(s)) m.forEach((e, n) -> trainClasses.merge(e, n, Long::sum));
              });
          folds.add(
              new FoldSummary(
                  "loso-" + s,
                  bySpeaker.keySet().stream().filter(o -> !o.equals(s)).toList(),
                  List.of(s),
                  trainClasses,
                  bySpeaker.get(s)));
        }
        nTrain = test.size() - test.size() / bySpeaker.size();
      } else {
        Map<String, Long> tr = new TreeMap<>();
        Map<String, Long> te = new TreeMap<>();
        List<String> trs = new ArrayList<>();
        List<String> tes = new ArrayList<>();
        bySpeaker.forEach(
            (s, m) -> {
              boolean isTest = s.startsWith(cond.test() + ":");
              (isTest ? tes : trs).add(s);
              m.forEach((e, n) -> (isTest ? te : tr).merge(e, n, Long::sum));
            });
        folds.add(new FoldSummary(cond.id(), trs, tes, tr, te));
      }
      int[] t = truth.stream().mapToInt(x -> x).toArray();
      int[] p = pred.stream().mapToInt(x -> x).toArray();
      ClassificationReport r =
          ClassificationReport.of(
              LABELS,
              t,
              p,
              null,
              test.toArray(new String[0]),
              new SpeakerBootstrap(Math.max(1, spec.bootstrapResamples()), spec.seed(), 0.95));
      return Evaluations.of(r, new TestPredictions(ids, test, t, p), nTrain, test.size(), folds);
    }
  }
}
