package io.serspark.benchmark;

import static org.apache.spark.sql.functions.col;

import io.serspark.benchmark.BenchmarkSpec.Classifier;
import io.serspark.benchmark.BenchmarkSpec.FeatureSet;
import io.serspark.config.ConfigException;
import io.serspark.protocols.Fold;
import io.serspark.protocols.Protocol;
import io.serspark.protocols.Protocols;
import io.serspark.protocols.SplitItem;
import io.serspark.train.ClassifierSpec;
import io.serspark.train.ExperimentRunner;
import io.serspark.train.FeatureSpec;
import io.serspark.train.Options;
import io.serspark.train.Result;
import io.serspark.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Evaluates a cell with the experiment API ({@link ExperimentRunner}): the cell's feature set,
 * classifier (with its inner speaker-disjoint tuning), normalisation and protocol, metrics and
 * speaker-bootstrap CIs from the metrics module. The folds are recomputed from the same protocol on
 * the same items, so that the benchmark's own checks see who was on which side.
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
    ClassifierSpec classifier =
        classifierSpec(cell.classifier(), "classifiers." + cell.classifier().kind());
    Protocol protocol = Protocols.parse(protocol(cell), spec.seed());
    Options options =
        Options.defaults()
            .withSeed(spec.seed())
            .withLabels(spec.labels())
            .withNormalisation(scope(cell.normalisation()))
            .withBootstrap(spec.bootstrapResamples(), 0.95)
            .withFinalModel(false)
            .withProgress(line -> LOG.info("{}: {}", cell.id(), line));
    Dataset<Row> data = labelled.join(features.load(warehouse).table(), "utterance_id");
    Result r = ExperimentRunner.run(data, features, classifier, protocol, options);
    long nTest = r.predictions().size();
    long nTrain = r.folds().stream().mapToLong(Result.FoldResult::trainSize).sum();
    return Evaluations.of(
        r.pooled(),
        TestPredictions.of(r.predictions()),
        nTrain,
        nTest,
        folds(data, spec, protocol),
        r.undefinedFilled());
  }

  /**
   * The protocol's folds on the same items the runner used (label set kept, ordered by utterance
   * id).
   */
  private static List<FoldSummary> folds(Dataset<Row> data, BenchmarkSpec spec, Protocol protocol) {
    Dataset<Row> kept =
        spec.labels().isEmpty()
            ? data.filter(col("emotion").isNotNull())
            : data.filter(col("emotion").isin(spec.labels().toArray()));
    LabelledItems l = labelledItems(kept);
    List<FoldSummary> out = new ArrayList<>();
    for (Fold f : protocol.folds(l.items())) out.add(summary(f, l.items(), l.emotions()));
    return out;
  }

  /**
   * What a protocol sees of labelled utterances, with each one's emotion, in utterance-id order
   * (the runner's).
   */
  record LabelledItems(List<SplitItem> items, List<String> emotions) {}

  static LabelledItems labelledItems(Dataset<Row> labelled) {
    List<String> columns = List.of(labelled.columns());
    List<Row> rows =
        labelled
            .select(
                col("utterance_id"),
                col("corpus").cast("string"),
                col("speaker").cast("string"),
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
              r.getString(1),
              r.getString(2),
              r.isNullAt(3) ? null : r.getString(3),
              r.isNullAt(5) ? null : r.getString(5)));
      emotions.add(r.getString(4));
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
        ? col(name).cast("string")
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
    if (f.kind().equals(FeatureSet.EGEMAPS)) return FeatureSpec.parse(f.table());
    List<String> opts = new ArrayList<>();
    if (f.layer() != null) {
      opts.add(
          "layer="
              + (f.layer() == FeatureSpec.Source.MEAN_OF_LAYERS
                  ? "mean"
                  : String.valueOf(f.layer())));
    }
    if (f.pooling() != null) opts.add("pooling=" + f.pooling());
    return FeatureSpec.parse(f.table() + (opts.isEmpty() ? "" : ":" + String.join(",", opts)));
  }

  /**
   * The spec's parameters as the experiment API's grid ({@code maxDepth=4,8;numTrees=50}); checked
   * at parse time.
   */
  static ClassifierSpec classifierSpec(Classifier c, String where) {
    String grid =
        c.params().entrySet().stream()
            .map(
                e ->
                    e.getKey()
                        + "="
                        + (e.getValue() instanceof List<?> l
                            ? l.stream().map(String::valueOf).collect(Collectors.joining(","))
                            : String.valueOf(e.getValue())))
            .collect(Collectors.joining(";"));
    try {
      return ClassifierSpec.parse(c.kind(), grid);
    } catch (ConfigException e) {
      throw new ConfigException(where + ": " + e.getMessage().replace("--grid ", "parameter "), e);
    }
  }

  static String protocol(Cell cell) {
    Condition c = cell.condition();
    return switch (c.kind()) {
      case WITHIN -> withinProtocol(cell.withinProtocol());
      case CROSS, LOCO -> "cross-corpus:" + String.join("+", c.train()) + "->" + c.test();
    };
  }

  /**
   * A cell's within protocol ({@code loso}, {@code speaker-kfold-k5}, {@code loso+text-k2}) as
   * --protocol syntax.
   */
  private static String withinProtocol(String within) {
    int text = within.indexOf("+text-k");
    String speakers = text < 0 ? within : within.substring(0, text);
    String out =
        speakers.startsWith("speaker-kfold")
            ? "speaker-kfold:" + speakers.substring("speaker-kfold-k".length())
            : speakers;
    return text < 0 ? out : out + "+text:" + within.substring(text + "+text-k".length());
  }

  static String scope(String normalisation) {
    return switch (normalisation) {
      case "per-corpus" -> "corpus";
      case "per-speaker" -> "speaker";
      default -> normalisation;
    };
  }
}
