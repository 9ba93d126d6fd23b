package io.serspark.it;

import io.serspark.ingest.CorpusSource;
import io.serspark.ingest.CorpusSummary;
import io.serspark.ingest.IngestPipeline;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * EmoDB and the RAVDESS subset ingested once per test JVM into a temporary warehouse; the ingest,
 * features and training tests all read it (ingest is what they have in common, and it costs a
 * minute on 2 cores).
 */
public final class RealCorporaWarehouse {
  private static Warehouse warehouse;
  private static Path dir;
  private static Map<String, CorpusSummary> summary;

  private RealCorporaWarehouse() {}

  public static synchronized Warehouse get() {
    if (warehouse != null && warehouse.spark().sparkContext().isStopped()) {
      // another test stopped the shared session (e.g. to run with task retries): reopen the same
      // tables
      warehouse = Warehouse.open(Sessions.local(2), dir.toString());
    }
    if (warehouse == null) {
      try {
        dir = Files.createTempDirectory("serspark-real-wh");
        SparkSession spark = Sessions.local(2);
        Warehouse wh = Warehouse.open(spark, dir.toString());
        var opts =
            new IngestPipeline.Options(
                List.of(
                    new CorpusSource("emodb", "emodb", TestData.emodb().toString()),
                    new CorpusSource("ravdess", "ravdess", TestData.ravdess().toString())),
                IngestPipeline.Mode.REPLACE,
                0,
                2);
        summary = new IngestPipeline(wh, TestData.conf()).run(opts);
        warehouse = wh;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return warehouse;
  }

  private static boolean featuresDone;

  /** The same warehouse with features/egemaps_v02 computed for both corpora (once per JVM). */
  public static synchronized Warehouse withFeatures() {
    Warehouse wh = get();
    if (!featuresDone) {
      new io.serspark.features.FeaturesPipeline(wh)
          .run(new io.serspark.features.FeaturesPipeline.Options(List.of(), false, 0, 2));
      featuresDone = true;
    }
    return wh;
  }

  public static synchronized Map<String, CorpusSummary> summary() {
    get();
    return summary;
  }
}
