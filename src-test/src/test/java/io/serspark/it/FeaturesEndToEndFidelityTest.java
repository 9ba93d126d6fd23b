package io.serspark.it;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.egemaps.EgemapsNames;
import io.serspark.egemaps.fidelity.FidelityTable;
import io.serspark.egemaps.fidelity.WithinOnePercent;
import io.serspark.features.EgemapsSchema;
import io.serspark.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * eGeMAPS end to end: corpus folders → our ingest → the features job → compared with openSMILE's
 * own numbers (../shared/anchors/opensmile-egemaps), with the checks of {@link FidelityTable}
 * (undefined values against openSMILE's encodings, no feature undefined everywhere, each feature's
 * share of files within 1 % of openSMILE at least what was measured minus a margin). Spearman
 * targets: median over the 88 features ≥ 0.98; every feature ≥ 0.97 for EmoDB, whose 16 kHz files
 * reach both extractors as the same samples, and ≥ min(0.90, floor − 0.05) for RAVDESS, which
 * passes through our resampler (48 → 16 kHz) where openSMILE saw SoX's output.
 */
class FeaturesEndToEndFidelityTest {
  static final double MEDIAN_TARGET = 0.98;
  static final double FEATURE_CAP_RESAMPLED = 0.90;

  private static void check(
      String corpus,
      String anchorCsv,
      String pathPrefix,
      ToDoubleFunction<String> spearmanMin,
      String measured) {
    Warehouse wh = RealCorporaWarehouse.withFeatures();
    Map<String, double[]> reference =
        FidelityTable.openSmileCsv(TestData.anchors().resolve(anchorCsv));
    Dataset<Row> feats =
        wh.read(EgemapsSchema.FUNCTIONALS_TABLE)
            .filter(col("corpus").equalTo(corpus))
            .join(wh.read("utterances").select("utterance_id", "path"), "utterance_id");
    List<double[]> ours = new ArrayList<>();
    List<double[]> theirs = new ArrayList<>();
    Map<String, Integer> statuses = new HashMap<>();
    for (Row r : feats.collectAsList()) {
      String path = r.getAs("path");
      double[] ref = reference.get(pathPrefix + path);
      if (ref == null)
        throw new AssertionError(corpus + " " + path + " has no openSMILE anchor row");
      double[] v = new double[88];
      for (int i = 0; i < 88; i++) {
        Object x = r.getAs(EgemapsNames.FUNCTIONALS.get(i));
        v[i] = x == null ? Double.NaN : ((Float) x).doubleValue();
      }
      statuses.merge(r.getAs("status"), 1, Integer::sum);
      ours.add(v);
      theirs.add(ref);
    }
    assertEquals(reference.size(), ours.size(), corpus + ": one feature row per anchored file");
    var result =
        FidelityTable.compare(
            corpus + " end to end (statuses " + statuses + ")",
            ours,
            theirs,
            new FidelityTable.Targets(spearmanMin, WithinOnePercent.floors(measured)));
    System.out.println(result.text());
    assertTrue(
        result.medianSpearman() >= MEDIAN_TARGET,
        corpus + ": median Spearman " + result.medianSpearman() + " < " + MEDIAN_TARGET);
    assertTrue(result.failing().isEmpty(), corpus + ": " + result.failing());
  }

  @Test
  void emodbThroughIngestAndTheFeaturesJobMatchesOpenSmile() {
    check(
        "emodb",
        "emodb.functionals.csv",
        "",
        name -> FidelityTable.SPEARMAN_MIN_IDENTICAL_SAMPLES,
        "emodb_end_to_end");
  }

  @Test
  void ravdessThroughOurResamplerMatchesOpenSmileOnSoxOutput() {
    Map<String, Double> floors =
        FidelityTable.floors(TestData.anchors().resolve("emodb.self-consistency.tsv"));
    check(
        "ravdess",
        "ravdess.16k.functionals.csv",
        "",
        name -> Math.min(FEATURE_CAP_RESAMPLED, floors.get(name) - 0.05),
        "ravdess_end_to_end");
  }
}
