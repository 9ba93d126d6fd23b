package io.serspark.benchmark;

import static org.apache.spark.sql.functions.col;

import io.serspark.benchmark.BenchmarkSpec.Classifier;
import io.serspark.benchmark.BenchmarkSpec.FeatureSet;
import io.serspark.config.ConfigException;
import io.serspark.protocols.CrossCorpus;
import io.serspark.protocols.Fold;
import io.serspark.protocols.LeaveOneSpeakerOut;
import io.serspark.protocols.OfficialSplit;
import io.serspark.protocols.Protocol;
import io.serspark.protocols.SpeakerKFold;
import io.serspark.protocols.SpeakerTextDisjoint;
import io.serspark.protocols.SplitItem;
import io.serspark.train.Experiment;
import io.serspark.train.ExperimentRunner;
import io.serspark.train.FeatureSpec;
import io.serspark.train.Learner;
import io.serspark.train.Options;
import io.serspark.train.Result;
import io.serspark.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Evaluates a cell with the experiment engine ({@link ExperimentRunner}): the cell becomes a typed
 * {@link Experiment} (its feature set, classifier with its grid of MLlib ParamMaps, normalisation
 * and protocol), and the benchmark's checks read who was on which side from the folds the result
 * carries.
 */
public final class ExperimentEvaluator implements CellEvaluator {
  /** Bump when the mapping from a cell to an experiment changes the numbers. */
  // 2: svm, lr, rf, gbt fitted on the driver (DriverFit); 3: folds count test texts also in
  // training (text overlap);
  // 4: normalisation statistics never taken from the test fold
  static final String VERSION = "experiment-runner-4";

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ExperimentEvaluator.class);

  private final Warehouse warehouse;

  public ExperimentEvaluator(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public Evaluation evaluate(Dataset<Row> labelled, Cell cell, BenchmarkSpec spec) {
    FeatureSpec features = featureSpec(cell.features());
    Experiment experiment =
        Experiment.classification(
            features,
            learner(cell.classifier(), "classifiers." + cell.classifier().kind()),
            protocol(cell, spec),
            scope(cell.normalisation()));
    Options options =
        Options.defaults()
            .withSeed(spec.seed())
            .withLabels(spec.labels())
            .withBootstrap(spec.bootstrapResamples(), 0.95)
            .withFinalModel(false)
            .withProgress(line -> LOG.info("{}: {}", cell.id(), line));
    Dataset<Row> data = labelled.join(features.load(warehouse).table(), "utterance_id");
    Result r = ExperimentRunner.run(data, experiment, options);
    long nTest = r.predictions().size();
    long nTrain = r.folds().stream().mapToLong(Result.FoldResult::trainSize).sum();
    List<FoldSummary> folds = new ArrayList<>();
    for (Result.FoldResult f : r.folds()) folds.add(summary(f.fold(), r.items(), r.truths()));
    return Evaluations.of(
        r.pooled(), TestPredictions.of(r.predictions()), nTrain, nTest, folds, r.undefinedFilled());
  }

  /**
   * What a protocol sees of labelled utterances, with each one's emotion, in utterance-id order
   * (the engine's), for planning cells before any runs.
   */
  record LabelledItems(List<SplitItem> items, List<String> emotions) {}

  static LabelledItems labelledItems(Dataset<Row> labelled) {
    List<String> columns = List.of(labelled.columns());
    List<Row> rows =
        labelled
            .select(
                col("utterance_id"),
                col("corpus").cast("string").as("corpus"),
                col("speaker").cast("string").as("speaker"),
                orNull(columns, "split"),
                col("emotion"),
                orNull(columns, "text_id"))
            .orderBy("utterance_id")
            .collectAsList();
    List<SplitItem> items = new ArrayList<>();
    List<String> emotions = new ArrayList<>();
    for (Row r : rows) {
      items.add(
          new SplitItem(
              r.getAs("corpus"), r.getAs("speaker"), r.getAs("split"), r.getAs("text_id")));
      emotions.add(r.getAs("emotion"));
    }
    return new LabelledItems(items, emotions);
  }

  /**
   * Who and what was on each side of one fold: speakers, classes, and test texts also heard in
   * training.
   */
  static FoldSummary summary(Fold f, List<SplitItem> items, List<String> emotion) {
    Set<String> trainTexts = new java.util.HashSet<>();
    for (int i : f.train())
      if (items.get(i).textKey() != null) trainTexts.add(items.get(i).textKey());
    long withText = 0;
    long inTrain = 0;
    for (int i : f.test()) {
      String t = items.get(i).textKey();
      if (t == null) continue;
      withText++;
      if (trainTexts.contains(t)) inTrain++;
    }
    return new FoldSummary(
        f.name(),
        speakers(items, f.train()),
        speakers(items, f.test()),
        classes(emotion, f.train()),
        classes(emotion, f.test()),
        withText,
        inTrain);
  }

  private static org.apache.spark.sql.Column orNull(List<String> columns, String name) {
    return columns.contains(name)
        ? col(name).cast("string").as(name)
        : org.apache.spark.sql.functions.lit(null).cast("string").as(name);
  }

  private static List<String> speakers(List<SplitItem> items, int[] idx) {
    Set<String> s = new LinkedHashSet<>();
    for (int i : idx) s.add(items.get(i).speakerKey());
    return s.stream().sorted().toList();
  }

  private static Map<String, Long> classes(List<String> emotion, int[] idx) {
    Map<String, Long> m = new TreeMap<>();
    for (int i : idx) m.merge(emotion.get(i), 1L, Long::sum);
    return m;
  }

  static FeatureSpec featureSpec(FeatureSet f) {
    return FeatureSpec.of(List.of(new FeatureSpec.Source(f.table(), f.layer(), f.pooling())));
  }

  /**
   * The spec's classifier as the engine's learner, its parameters a grid over the learner's own
   * MLlib Params; checked at parse time.
   *
   * @param where names the classifier in errors, e.g. {@code classifiers.rf}
   */
  static Learner learner(Classifier c, String where) {
    Map<String, List<Number>> grid = new LinkedHashMap<>();
    for (var e : c.params().entrySet()) {
      List<Number> values = new ArrayList<>();
      for (Object v : e.getValue() instanceof List<?> l ? l : List.of(e.getValue())) {
        if (!(v instanceof Number n))
          throw new ConfigException(
              where
                  + ": parameter '"
                  + e.getKey()
                  + "="
                  + e.getValue()
                  + "': values must be numbers");
        values.add(n);
      }
      grid.put(e.getKey(), values);
    }
    return Learner.classifier(c.kind(), grid, where + ": parameter");
  }

  /**
   * The cell's protocol: the spec's within-corpus protocol (speaker folds, crossed with text groups
   * when {@code disjoint: speaker+text}), or cross-corpus from the training corpora to the test
   * corpus.
   */
  static Protocol protocol(Cell cell, BenchmarkSpec spec) {
    Condition c = cell.condition();
    if (c.kind() != Condition.Kind.WITHIN)
      return new CrossCorpus(new LinkedHashSet<>(c.train()), Set.of(c.test()));
    BenchmarkSpec.Within w = spec.within();
    Protocol speakers =
        switch (w.kind()) {
          case "loso" -> new LeaveOneSpeakerOut();
          case "speaker-kfold" -> new SpeakerKFold(w.k(), spec.seed());
          case "official" -> OfficialSplit.standard();
          default ->
              throw new IllegalArgumentException("no within-corpus protocol '" + w.kind() + "'");
        };
    return w.textFolds() > 0
        ? new SpeakerTextDisjoint(speakers, w.textFolds(), spec.seed())
        : speakers;
  }

  static String scope(String normalisation) {
    return switch (normalisation) {
      case "per-corpus" -> "corpus";
      case "per-speaker" -> "speaker";
      default -> normalisation;
    };
  }
}
