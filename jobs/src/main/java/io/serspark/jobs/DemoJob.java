package io.serspark.jobs;

import io.serspark.config.ConfDir;
import io.serspark.config.ConfigException;
import io.serspark.demo.DemoCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole pipeline on a fresh clone, without any data: a SYNTHETIC two-corpus demo (source-filter
 * voices with emotion-like prosody) → ingest → eGeMAPS features → embeddings of the tiny test
 * encoder → a LOSO training run → an arousal regression run → the demo benchmark. Each step is the
 * real job, run through the same command line a user types.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole pipeline on a small SYNTHETIC corpus made on the spot (no data needed)."
    })
public final class DemoJob implements Callable<Integer> {

  @Option(
      names = "--warehouse",
      defaultValue = "demo-warehouse",
      description = "Warehouse to write (default: ${DEFAULT-VALUE}).")
  String warehouse;

  @Option(
      names = "--corpus-dir",
      description = "Where the synthetic corpus is written (default: <warehouse>/../demo-corpus).")
  String corpusDir;

  @Option(
      names = "--seed",
      defaultValue = "20240601",
      description = "Seed of the synthetic corpus (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--skip-embed", description = "Leave out the embedding step.")
  boolean skipEmbed;

  @Override
  public Integer call() throws Exception {
    Path wh = Path.of(warehouse).toAbsolutePath().normalize();
    Path corpora =
        corpusDir != null
            ? Path.of(corpusDir).toAbsolutePath().normalize()
            : wh.resolveSibling("demo-corpus");
    Path home = ConfDir.resolve().getParent();
    Path model = home.resolve("udfs/src/test/resources/models/tiny-ssl-lengths.pt");
    Path spec = home.resolve("conf/benchmarks/demo.yaml");

    step("1/7 synthetic corpus (SYNTHETIC voices, not people) into " + corpora);
    var truth =
        DemoCorpus.write(
            corpora,
            seed,
            DemoCorpus.DEFAULT_SPEAKERS_PER_CORPUS,
            DemoCorpus.DEFAULT_UTTERANCES_PER_SPEAKER_PER_EMOTION);
    System.out.println(truth.size() + " files written");

    step("2/7 ingest");
    run(
        "ingest",
        "--corpus",
        "demo-a=" + corpora.resolve("demo-a"),
        "--corpus",
        "demo-b=" + corpora.resolve("demo-b"),
        "--warehouse",
        wh.toString(),
        "--files-per-corpus",
        "1");
    step("3/7 eGeMAPS v02 features");
    run("features", "--warehouse", wh.toString(), "--lld");
    String featureSets = "egemaps_v02";
    if (!skipEmbed) {
      step("4/7 embeddings of the tiny test encoder (a stand-in for wav2vec2/WavLM)");
      run(
          "embed",
          "--warehouse",
          wh.toString(),
          "--model",
          model.toString(),
          "--name",
          "tiny",
          "--layers",
          "all",
          "--pooling",
          "mean,std",
          "--device",
          "auto");
    } else {
      step("4/7 embeddings skipped (--skip-embed)");
    }
    step("5/7 train: demo-a, eGeMAPS + linear SVM, leave-one-speaker-out");
    run(
        "train",
        "--warehouse",
        wh.toString(),
        "--corpus",
        "demo-a",
        "--features",
        featureSets,
        "--classifier",
        "svm",
        "--grid",
        "regParam=0.1",
        "--labels",
        "4class",
        "--protocol",
        "loso",
        "--bootstrap",
        "200",
        "--run-id",
        "demo-a-egemaps-svm-loso");
    step(
        "6/7 train: demo-a arousal (a dimensional label), eGeMAPS + ridge regression, leave-one-speaker-out, CCC");
    run(
        "train",
        "--warehouse",
        wh.toString(),
        "--corpus",
        "demo-a",
        "--features",
        "egemaps_v02",
        "--target",
        "arousal",
        "--regressor",
        "ridge",
        "--protocol",
        "loso",
        "--bootstrap",
        "200",
        "--run-id",
        "demo-a-egemaps-ridge-arousal-loso");
    step("7/7 benchmark " + home.relativize(spec));
    if (Files.exists(spec)) {
      run("benchmark", spec.toString(), "--warehouse", wh.toString());
    } else {
      throw new ConfigException("the demo benchmark spec " + spec + " is missing");
    }
    System.out.println(
        "\ndemo finished: warehouse "
            + wh
            + " (tables: utterances, quarantine, features/egemaps_v02,"
            + " features/egemaps_v02_lld"
            + (skipEmbed ? "" : ", embeddings/tiny")
            + "; runs/ with reports)");
    return 0;
  }

  private static void step(String what) {
    System.out.println("\n=== demo " + what);
  }

  private static void run(String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    int rc = Main.run(a.toArray(new String[0]));
    if (rc != 0)
      throw new IllegalStateException(
          "demo step '" + String.join(" ", args) + "' failed (exit " + rc + ")");
  }
}
