package io.serspark.jobs;

import io.serspark.benchmark.CodeVersion;
import io.serspark.config.ConfDir;
import io.serspark.config.ConfigException;
import io.serspark.config.PathSegment;
import io.serspark.corpus.LabelSets;
import io.serspark.metrics.SpeakerBootstrap;
import io.serspark.ml.ZScore;
import io.serspark.predict.ModelInputs;
import io.serspark.protocols.CrossCorpus;
import io.serspark.protocols.Protocol;
import io.serspark.protocols.Protocols;
import io.serspark.spark.Sessions;
import io.serspark.train.Experiment;
import io.serspark.train.ExperimentRunner;
import io.serspark.train.FeatureSpec;
import io.serspark.train.Learner;
import io.serspark.train.Options;
import io.serspark.train.Result;
import io.serspark.train.Target;
import io.serspark.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./submit.sh train ...}: one speaker-independent MLlib baseline, evaluated and saved under
 * runs/train/.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train and evaluate an MLlib baseline (features x classifier x speaker-independent protocol).",
      "Writes runs/train/<run-id>/ in the warehouse: metrics.json, report.md, predictions/ (Parquet), model/ (PipelineModel)."
    })
final class TrainJob implements Callable<Integer> {
  @Option(names = "--warehouse", required = true, description = "Warehouse path or Hadoop URI")
  String warehouse;

  @Option(
      names = "--corpus",
      split = ",",
      description = "Corpora to use (comma-separated; default: all in utterances)")
  List<String> corpora = new ArrayList<>();

  @Option(
      names = "--features",
      required = true,
      description =
          "Feature sets joined on utterance_id, '+'-separated: egemaps_v02, embeddings/<name>:layer=N[,pooling=P]")
  String features;

  @Option(
      names = "--classifier",
      defaultValue = "svm",
      description = "svm | lr | rf | gbt | mlp (default: ${DEFAULT-VALUE})")
  String classifier;

  @Option(
      names = "--grid",
      description =
          "Override the hyper-parameter grid, e.g. regParam=1,0.1,0.01 or maxDepth=4,8;numTrees=50")
  String grid;

  @Option(
      names = "--labels",
      defaultValue = "all",
      description = "Label set from conf/label-sets.yaml (default: ${DEFAULT-VALUE})")
  String labels;

  @Option(
      names = "--protocol",
      defaultValue = "loso",
      description = Protocols.SYNTAX + " (default: ${DEFAULT-VALUE})")
  String protocol;

  @Option(
      names = "--normalise",
      defaultValue = "global",
      description = "z-score scope: none | global | corpus | speaker (default: ${DEFAULT-VALUE})")
  String normalise;

  @Option(
      names = "--class-weights",
      defaultValue = "balanced",
      description = "balanced | none (default: ${DEFAULT-VALUE})")
  String classWeights;

  @Option(
      names = "--inner-folds",
      defaultValue = "3",
      description = "Speaker-disjoint inner folds for hyper-parameters (default: ${DEFAULT-VALUE})")
  int innerFolds;

  @Option(
      names = "--parallel-fits",
      defaultValue = "2",
      description = "MLlib fits running at once (default: ${DEFAULT-VALUE})")
  int parallelFits;

  @Option(
      names = "--target",
      defaultValue = "emotion",
      description =
          "emotion (classification) | arousal | valence | dominance"
              + " (regression on the dimensional label, scored by CCC, MSE and Pearson's r) (default: ${DEFAULT-VALUE})")
  String target;

  @Option(
      names = "--regressor",
      defaultValue = "ridge",
      description = "For a dimensional --target: ridge | rf (default: ${DEFAULT-VALUE})")
  String regressor;

  @Option(
      names = "--fit-on",
      defaultValue = "auto",
      description =
          "auto | driver | spark: where classifiers are fitted; auto fits svm, lr, rf and gbt"
              + " on the driver (MLlib's objectives, algorithms and model classes, no Spark job per iteration) and mlp with Spark (default: ${DEFAULT-VALUE})")
  String fitOn;

  @Option(
      names = "--bootstrap",
      defaultValue = "1000",
      description = "Speaker-bootstrap replicates for CIs, 0 = none (default: ${DEFAULT-VALUE})")
  int bootstrap;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of folds, learners and bootstrap (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--run-id",
      description =
          "Name of the run folder (default: <corpus>-<features>-<classifier>-<protocol>-<UTC time>)")
  String runId;

  @Option(names = "--no-model", description = "Do not fit and save the final PipelineModel")
  boolean noModel;

  @Override
  public Integer call() throws Exception {
    // everything the user typed is checked before Spark starts
    Experiment experiment = experiment();
    List<String> labelSet = LabelSets.load(ConfDir.resolve()).resolve("--labels", labels);
    if (!List.of("balanced", "none").contains(classWeights))
      throw new ConfigException("--class-weights " + classWeights + ": use balanced or none");
    if (innerFolds < 2) throw new ConfigException("--inner-folds must be >= 2");
    if (parallelFits < 1) throw new ConfigException("--parallel-fits must be >= 1");
    if (bootstrap < 0 || bootstrap > SpeakerBootstrap.MAX_REPLICATES) {
      throw new ConfigException(
          "--bootstrap "
              + bootstrap
              + ": use 0 (no intervals) to "
              + SpeakerBootstrap.MAX_REPLICATES
              + " speaker-bootstrap replicates (1000 is the default; a few thousand give stable 95 % interval ends)");
    }
    if (!Options.FIT_ON.contains(fitOn))
      throw new ConfigException("--fit-on " + fitOn + ": use one of " + Options.FIT_ON);
    Target goal = experiment.target();
    if (!goal.classification() && fitOn.equals("driver")) {
      throw new ConfigException(
          "--fit-on driver: only classifiers have driver-side solvers; the regressors (ridge, rf) "
              + "are fitted by MLlib on Spark, so use --fit-on auto or spark with --target "
              + target);
    }
    if (fitOn.equals("driver") && experiment.learner().name().equals("mlp")) {
      throw new ConfigException(
          "--fit-on driver: mlp has no driver-side solver (svm, lr, rf, gbt have); use --fit-on auto or spark");
    }
    for (String c : corpora)
      PathSegment.check("--corpus", c); // before the default run id is made of them
    String id = runId != null ? runId : defaultRunId();
    PathSegment.check(runId != null ? "--run-id" : "the default run id", id);
    Options options =
        Options.defaults()
            .withSeed(seed)
            .withLabels(goal.classification() ? labelSet : List.of())
            .withClassWeights(classWeights.equals("balanced"))
            .withInnerFolds(innerFolds)
            .withParallelFits(parallelFits)
            .withBootstrap(bootstrap, 0.95)
            .withFinalModel(!noModel)
            .withProgress(System.out::println)
            .withFitOn(fitOn);

    SparkSession spark = Sessions.getOrCreate("train");
    Warehouse w = Warehouse.open(spark, warehouse);
    Dataset<Row> utterances = w.read("utterances");
    // the corpora present, only when something must be checked against them (a Spark query)
    List<String> have =
        corpora.isEmpty() && !(experiment.protocol() instanceof CrossCorpus)
            ? List.of()
            : utterances.select("corpus").distinct().orderBy("corpus").collectAsList().stream()
                .map(r -> r.getString(0))
                .toList();
    for (String c : corpora) {
      if (!have.contains(c))
        throw new ConfigException("--corpus " + c + " is not in utterances; have: " + have);
    }
    if (experiment.protocol() instanceof CrossCorpus cc) {
      // both sides must be in the data this run reads, or the run would fail after loading features
      List<String> used = corpora.isEmpty() ? have : corpora;
      for (String c :
          Stream.concat(cc.trainCorpora().stream(), cc.testCorpora().stream()).toList()) {
        if (!used.contains(c)) {
          throw new ConfigException(
              "--protocol "
                  + protocol
                  + ": corpus "
                  + c
                  + (have.contains(c)
                      ? " is left out by --corpus " + String.join(",", corpora) + "; add it there"
                      : " is not in utterances; have: " + have));
        }
      }
    }
    if (!corpora.isEmpty())
      utterances = utterances.filter(functions.col("corpus").isin(corpora.toArray()));
    List<String> utteranceColumns = List.of(utterances.columns());
    if (!goal.classification() && !utteranceColumns.contains(target)) {
      throw new ConfigException(
          "--target "
              + target
              + ": the utterances table has no "
              + target
              + " column (the corpus adapter gives none)");
    }
    utterances =
        utterances.select(
            Stream.of(
                    "utterance_id",
                    "corpus",
                    "speaker",
                    "emotion",
                    "split",
                    "arousal",
                    "valence",
                    "dominance")
                .filter(utteranceColumns::contains)
                .map(functions::col)
                .toArray(Column[]::new));
    FeatureSpec featureSpec = experiment.features();
    FeatureSpec.Assembled assembled = featureSpec.load(w);
    Dataset<Row> labelled = utterances.join(assembled.table(), "utterance_id");
    Map<String, Long> excluded = new LinkedHashMap<>(assembled.excluded());
    excluded.put(
        "utterances without a usable row in every feature set",
        utterances.count() - labelled.count());

    System.out.println(
        "train: "
            + featureSpec
            + " x "
            + experiment.learner()
            + " x "
            + experiment.protocol().name()
            + (goal.classification()
                ? ", labels " + labels + (labelSet.isEmpty() ? " (all mapped)" : " " + labelSet)
                : ", target " + target));
    Result r = ExperimentRunner.run(labelled, experiment, options);
    excluded.putAll(r.excluded());
    String out =
        TrainRunWriter.write(
            w, id, r, excluded, inputs(w, featureSpec), Arrays.asList(commandLine()));
    System.out.print(TrainRunWriter.summary(r, excluded));
    System.out.println("written: " + out);
    return 0;
  }

  /**
   * The typed experiment the options name: features, learner with its grid, protocol,
   * normalisation, target; each option's error names it.
   */
  private Experiment experiment() {
    FeatureSpec featureSpec = FeatureSpec.parse(features);
    Target goal = Target.parse(target);
    Learner learner;
    if (goal.classification()) {
      if (!Learner.CLASSIFIERS.contains(classifier))
        throw new ConfigException(
            "--classifier '" + classifier + "' is not known; use one of " + Learner.CLASSIFIERS);
      learner = Learner.classifier(classifier, Learner.parseGrid(grid), "--grid");
    } else {
      if (!Learner.REGRESSORS.contains(regressor))
        throw new ConfigException(
            "--regressor '" + regressor + "' is not known; use one of " + Learner.REGRESSORS);
      learner = Learner.regressor(regressor, Learner.parseGrid(grid), "--grid");
    }
    Protocol proto = Protocols.parse(protocol, seed);
    if (!ZScore.SCOPES.contains(normalise))
      throw new ConfigException("--normalise " + normalise + ": use one of " + ZScore.SCOPES);
    return new Experiment(featureSpec, learner, proto, normalise, goal);
  }

  /**
   * What predict needs to check that new features are made as these were: the encoders' sha256 and
   * the code.
   */
  private Map<String, Object> inputs(Warehouse w, FeatureSpec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("embedding_models", ModelInputs.embeddingModels(w, spec, corpora));
    m.put("normalise", normalise);
    m.put("code_version", CodeVersion.describe());
    return m;
  }

  private String[] commandLine() {
    return new String[] {
      "train",
      "--warehouse",
      warehouse,
      "--corpus",
      String.join(",", corpora),
      "--features",
      features,
      "--classifier",
      classifier,
      "--grid",
      String.valueOf(grid),
      "--labels",
      labels,
      "--protocol",
      protocol,
      "--normalise",
      normalise,
      "--class-weights",
      classWeights,
      "--inner-folds",
      "" + innerFolds,
      "--parallel-fits",
      "" + parallelFits,
      "--fit-on",
      fitOn,
      "--target",
      target,
      "--regressor",
      regressor,
      "--bootstrap",
      "" + bootstrap,
      "--seed",
      "" + seed
    };
  }

  private String defaultRunId() {
    String c = corpora.isEmpty() ? "all" : String.join("+", corpora);
    String what =
        (c + "-" + features + "-" + classifier + "-" + protocol)
            .replaceAll("[^A-Za-z0-9._=+-]", "_");
    String time =
        LocalDateTime.now(java.time.ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
    // long option values must not make the default a name the warehouse refuses: the time stamp is
    // kept whole
    return what.substring(0, Math.min(what.length(), PathSegment.MAX_LENGTH - time.length() - 1))
        + "-"
        + time;
  }
}
