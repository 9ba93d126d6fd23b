package io.serspark.jobs;

import io.serspark.benchmark.CodeVersion;
import io.serspark.config.ConfDir;
import io.serspark.config.ConfigException;
import io.serspark.config.PathSegment;
import io.serspark.egemaps.voice.FormantTracker;
import io.serspark.embeddings.DriverModel;
import io.serspark.features.EgemapsSchema;
import io.serspark.features.EgemapsWindows;
import io.serspark.features.FeaturesPipeline;
import io.serspark.ingest.CorpusSource;
import io.serspark.ingest.IngestPipeline;
import io.serspark.metrics.SpeakerBootstrap;
import io.serspark.predict.NewCorpusEmbeddings;
import io.serspark.predict.Predictor;
import io.serspark.predict.TrainedModel;
import io.serspark.spark.Sessions;
import io.serspark.train.FeatureSpec;
import io.serspark.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./submit.sh predict ...}: applies a model saved by train to new or already ingested
 * utterances.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Apply a model saved by train (runs/train/<run-id>) to utterances: new corpora (ingested and their",
      "features computed as at training time) or corpora already in the warehouse. Writes predictions/<run-id>/:",
      "predictions/ (Parquet), predictions.csv, and when the utterances carry labels metrics.json and report.md",
      "with train's metrics and speaker-bootstrap intervals. Files longer than --long-s are also predicted per window",
      "(windows/ Parquet, trajectories/<file>.csv and .png)."
    })
final class PredictJob implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      description = "A train run folder: <warehouse>/runs/train/<run-id> (path or Hadoop URI)")
  String model;

  @Option(
      names = "--warehouse",
      required = true,
      description = "Warehouse path or Hadoop URI (new corpora are ingested into it)")
  String warehouse;

  static final class Input {
    @Option(
        names = "--corpus",
        paramLabel = "NAME[:ADAPTER]=PATH",
        required = true,
        description =
            "A new corpus folder to ingest and predict (as ingest's --corpus); repeatable")
    List<String> corpora;

    @Option(
        names = "--utterances",
        required = true,
        description =
            "Predict utterances already in the warehouse (all, or those of --corpus-name)")
    boolean utterances;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  @Option(
      names = "--corpus-name",
      paramLabel = "NAME",
      description = "With --utterances: only these corpora (repeatable)")
  List<String> corpusNames = new ArrayList<>();

  @Option(
      names = "--embedding-model",
      paramLabel = "NAME=FILE",
      description =
          "With --corpus, for a model that reads embeddings/NAME: the encoder file it was trained on"
              + " (checked by sha256); the new corpora are embedded with it. Repeatable")
  Map<String, String> embeddingModels = new LinkedHashMap<>();

  @Option(
      names = "--bootstrap",
      defaultValue = "1000",
      description = "Speaker-bootstrap replicates for CIs, 0 = none (default: ${DEFAULT-VALUE})")
  int bootstrap;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the bootstrap (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--long-s",
      defaultValue = "20",
      description =
          "Files longer than this many seconds are also predicted"
              + " window by window, with a trajectory per file (default: ${DEFAULT-VALUE})")
  double longS;

  @Option(
      names = "--window-s",
      defaultValue = "4",
      description = "Window length for long files, seconds (default: ${DEFAULT-VALUE})")
  double windowS;

  @Option(
      names = "--hop-s",
      defaultValue = "1",
      description = "Window hop for long files, seconds (default: ${DEFAULT-VALUE})")
  double hopS;

  @Option(
      names = "--run-id",
      description =
          "Name of the predictions folder (default: <train run id>-on-<corpora>-<UTC time>)")
  String runId;

  @Override
  public Integer call() throws Exception {
    List<CorpusSource> sources =
        input.corpora == null
            ? List.of()
            : input.corpora.stream().map(CorpusSource::parse).toList();
    if (!sources.isEmpty() && !corpusNames.isEmpty()) {
      throw new ConfigException(
          "--corpus-name goes with --utterances; with --corpus the corpora predicted are the ones named there");
    }
    List<String> corpora =
        sources.isEmpty() ? corpusNames : sources.stream().map(CorpusSource::name).toList();
    for (String c : corpora) PathSegment.check(sources.isEmpty() ? "--corpus-name" : "--corpus", c);
    if (bootstrap < 0 || bootstrap > SpeakerBootstrap.MAX_REPLICATES) {
      throw new ConfigException(
          "--bootstrap "
              + bootstrap
              + ": use 0 (no intervals) to "
              + SpeakerBootstrap.MAX_REPLICATES);
    }
    if (runId != null) PathSegment.check("--run-id", runId);
    int windowSamples = EgemapsWindows.samples("--window-s", windowS),
        hopSamples = EgemapsWindows.samples("--hop-s", hopS);
    if (longS < 0) throw new ConfigException("--long-s " + longS + ": use 0 or more seconds");

    SparkSession spark = Sessions.getOrCreate("predict");
    TrainedModel trained = TrainedModel.read(spark, model);
    List<FormantTracker> trackers = featureTrackers(trained.features());
    Warehouse w = Warehouse.open(spark, warehouse);
    String id = runId != null ? runId : defaultRunId(trained.runId(), corpora);
    PathSegment.check("the default run id", id);
    Map<String, String> encoders = new LinkedHashMap<>();
    embeddingModels.forEach((name, file) -> encoders.put("embeddings/" + name, file));
    // fetched and checked before any work; embedded with below without a second copy or hash
    Map<String, DriverModel> accepted =
        sources.isEmpty() ? Map.of() : NewCorpusEmbeddings.check(trained, spark, encoders);
    if (!sources.isEmpty()) {
      // the new corpora's utterances and eGeMAPS, made by the same pipelines (and formant tracker)
      // as the training data's
      new IngestPipeline(w, ConfDir.resolve())
          .run(new IngestPipeline.Options(sources, IngestPipeline.Mode.REPLACE, 0, 4))
          .values()
          .forEach(s -> System.out.print(s.describe()));
      for (FormantTracker t : trackers)
        new FeaturesPipeline(w).run(new FeaturesPipeline.Options(corpora, false, 0, 2, t));
      NewCorpusEmbeddings.compute(trained, w, corpora, accepted);
    } else if (!embeddingModels.isEmpty()) {
      throw new ConfigException(
          "--embedding-model goes with --corpus (new corpora); --utterances reads the warehouse's"
              + " embeddings");
    } else if (!corpora.isEmpty()) {
      List<String> have =
          w.read("utterances").select("corpus").distinct().collectAsList().stream()
              .map(r -> r.getString(0))
              .toList();
      for (String c : corpora)
        if (!have.contains(c))
          throw new ConfigException("--corpus-name " + c + " is not in utterances; have: " + have);
    }
    SpeakerBootstrap boot = bootstrap > 0 ? new SpeakerBootstrap(bootstrap, seed, 0.95) : null;
    String code = CodeVersion.describe();
    Predictor.Outcome outcome = Predictor.run(trained, w, corpora, code, boot);
    boolean egemapsOnly = trackers.size() == 1 && trained.features().sources().size() == 1;
    var windows =
        egemapsOnly && !trained.regression()
            ? Predictor.windows(
                trained, w, corpora, trackers.get(0), longS, windowSamples, hopSamples, code)
            : null;
    if (trained.regression())
      System.out.println("long files: not cut into windows (windows are predicted by classifiers)");
    else if (!egemapsOnly)
      System.out.println(
          "long files: not cut into windows (windows are predicted with eGeMAPS models only)");
    String out =
        PredictionWriter.write(w, id, trained, outcome, windows, Arrays.asList(commandLine()));
    System.out.print(PredictionWriter.summary(trained, outcome));
    System.out.println("written: " + out);
    return 0;
  }

  /**
   * The formant tracker of each eGeMAPS table the model reads (the tracker is part of the table
   * name); anything else in the spec must be in the warehouse already.
   */
  private static List<FormantTracker> featureTrackers(FeatureSpec spec) {
    List<FormantTracker> out = new ArrayList<>();
    for (FeatureSpec.Source s : spec.sources()) {
      if (s.isEmbedding()) continue;
      FormantTracker t =
          Arrays.stream(FormantTracker.values())
              .filter(f -> EgemapsSchema.functionalsTable(f).equals(s.table()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "the model reads "
                              + s.table()
                              + ", which the features job does not make"));
      out.add(t);
    }
    return out;
  }

  private String[] commandLine() {
    List<String> c =
        new ArrayList<>(List.of("predict", "--model", model, "--warehouse", warehouse));
    if (input.corpora != null) input.corpora.forEach(x -> c.addAll(List.of("--corpus", x)));
    else c.add("--utterances");
    corpusNames.forEach(x -> c.addAll(List.of("--corpus-name", x)));
    embeddingModels.forEach((n, f) -> c.addAll(List.of("--embedding-model", n + "=" + f)));
    c.addAll(
        List.of(
            "--bootstrap",
            "" + bootstrap,
            "--seed",
            "" + seed,
            "--long-s",
            "" + longS,
            "--window-s",
            "" + windowS,
            "--hop-s",
            "" + hopS));
    return c.toArray(new String[0]);
  }

  private static String defaultRunId(String trainRun, List<String> corpora) {
    String time =
        LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
    String what =
        (trainRun + "-on-" + (corpora.isEmpty() ? "all" : String.join("+", corpora)))
            .replaceAll("[^A-Za-z0-9._=+-]", "_");
    return what.substring(0, Math.min(what.length(), PathSegment.MAX_LENGTH - time.length() - 1))
        + "-"
        + time;
  }
}
