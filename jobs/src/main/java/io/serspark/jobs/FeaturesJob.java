package io.serspark.jobs;

import io.serspark.config.ConfigException;
import io.serspark.config.PathSegment;
import io.serspark.egemaps.voice.FormantTracker;
import io.serspark.features.FeaturesPipeline;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = {
      "Compute the 88 eGeMAPS v02 functionals (openSMILE's names and order) for every utterance into",
      "features/egemaps_v02, with a status column (ok | too_short | silent | no_voiced_frames); with --lld also",
      "the 25 frame-level descriptors (10 ms hop) into features/egemaps_v02_lld. With --formants accurate, the",
      "same features with textbook LPC formants instead of openSMILE's chain, into",
      "features/egemaps_v02_accurate_formants (and ..._lld)."
    })
public final class FeaturesJob implements Callable<Integer> {

  @Option(names = "--warehouse", required = true, description = "Warehouse folder or Hadoop URI.")
  String warehouse;

  @Option(
      names = "--corpus",
      paramLabel = "NAME",
      description =
          "Only these corpora (repeatable); their rows are replaced, other corpora's rows stay. Default: all.")
  List<String> corpora;

  @Option(
      names = "--lld",
      description = "Also write the frame-level LLDs (features/egemaps_v02_lld).")
  boolean lld;

  @Option(
      names = "--partitions",
      defaultValue = "0",
      description = "Extraction tasks (0 = as the table is stored).")
  int partitions;

  @Option(
      names = "--files-per-corpus",
      defaultValue = "2",
      description = "Parquet files per corpus folder.")
  int filesPerCorpus;

  @Option(
      names = "--formants",
      defaultValue = "opensmile",
      paramLabel = "opensmile|accurate",
      description =
          "Formant estimator: openSMILE's eGeMAPS chain (default, comparable with published eGeMAPS "
              + "numbers) or textbook LPC (within 5 %% of synthetic vowels' resonances; its own table).")
  String formants;

  @Override
  public Integer call() {
    if (corpora != null) corpora.forEach(c -> PathSegment.check("--corpus", c));
    FormantTracker tracker;
    try {
      tracker = FormantTracker.parse(formants);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--formants " + formants + ": expected opensmile or accurate");
    }
    var opts = new FeaturesPipeline.Options(corpora, lld, partitions, filesPerCorpus, tracker);
    Warehouse wh = Warehouse.open(Sessions.getOrCreate("features"), warehouse);
    long t0 = System.nanoTime();
    var status = new FeaturesPipeline(wh).run(opts);
    System.out.println(
        opts.functionalsTable() + " (warehouse " + wh.root() + "), rows per status:");
    status.forEach((c, m) -> System.out.printf("  %-12s %s%n", c, m));
    System.out.printf("features finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
