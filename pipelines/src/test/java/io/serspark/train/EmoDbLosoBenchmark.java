package io.serspark.train;

import io.serspark.protocols.LeaveOneSpeakerOut;
import io.serspark.spark.Sessions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: training + evaluation time of the EmoDB 7-class LOSO run on openSMILE's
 * eGeMAPS with each classifier (default grids, inner 3-fold speaker validation, local[2]). Skipped
 * unless asked for:
 *
 * <pre>
 * mvn -B -o -q -pl pipelines -am test -Dtest=EmoDbLosoBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dserspark.benchmark=true [-Dserspark.benchmark.classifiers=svm,lr] [-Dserspark.benchmark.parallelFits=2]
 *     [-Dserspark.benchmark.grid=regParam=0.1]   (one grid point: no inner validation, outer fits only)
 * </pre>
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "serspark.benchmark", matches = "true")
class EmoDbLosoBenchmark {
  @Test
  void timeEachClassifier() {
    SparkSession spark = Sessions.local(2);
    spark.sparkContext().setLogLevel("WARN");
    Path csv = SharedData.emodbFunctionals();
    Dataset<Row> data =
        FeatureSpec.packFunctionals(
                EmoDbLosoSvm.openSmileFunctionals(spark, csv),
                EmoDbLosoSvm.featureNames(csv),
                "egemaps_v02")
            .cache();
    data.count();
    List<String> classifiers =
        List.of(
            System.getProperty("serspark.benchmark.classifiers", "svm,lr,rf,gbt,mlp").split(","));
    int parallel = Integer.parseInt(System.getProperty("serspark.benchmark.parallelFits", "2"));
    StringBuilder table =
        new StringBuilder(
            "| classifier | grid | fits | seconds | UAR | WA |\n|---|---|---|---|---|---|\n");
    for (String c : classifiers) {
      Learner spec =
          Learner.classifier(
              c.trim(), Learner.parseGrid(System.getProperty("serspark.benchmark.grid")), "--grid");
      long t0 = System.nanoTime();
      Result r =
          ExperimentRunner.run(
              data,
              Experiment.classification(
                  FeatureSpec.parse("egemaps_v02"), spec, new LeaveOneSpeakerOut(), "global"),
              EmoDbLosoSvm.options().withParallelFits(parallel));
      double s = (System.nanoTime() - t0) / 1e9;
      String line =
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %.1f | %.4f | %.4f |",
              spec.name(),
              spec.grid().stream().map(spec::describe).toList(),
              r.fits(),
              s,
              r.pooled().uar(),
              r.pooled().wa());
      System.out.println(line);
      table.append(line).append('\n');
    }
    System.out.println(
        "EmoDB LOSO, local[2], parallelFits="
            + parallel
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores seen by the JVM\n"
            + table
            + "scikit-learn: not installed on this machine, not measured.");
  }
}
