package io.serspark.egemaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.egemaps.fidelity.FidelityTable;
import io.serspark.egemaps.fidelity.WithinOnePercent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The extractor alone against the real openSMILE on the same samples: all 535 EmoDB files ({@code
 * emodb.functionals.csv}) and the 197 RAVDESS files converted to 16 kHz ({@code ravdess.16k_wav/},
 * {@code ravdess.16k.functionals.csv}).
 *
 * <p>Targets (never loosened): every feature's Spearman across files ≥ 0.97 and the median ≥ 0.99;
 * every feature's share of files within 1 % of openSMILE at least what was measured minus {@link
 * WithinOnePercent#MARGIN} ({@code within-1-percent.tsv}); no feature undefined on every file, and
 * no undefined value where openSMILE measured one (it writes 0, −201 or −120 for "no data"). {@code
 * FidelityChecksTest} shows each check failing on a broken feature. The full table is printed.
 */
class EgemapsFidelityTest {
  static final double MEDIAN_TARGET = 0.99;

  @Test
  void emodbMatchesOpenSmile() {
    Map<String, double[]> reference = Anchors.functionals("emodb.functionals.csv");
    Path corpus = Anchors.root().resolve("shared/corpora/emodb");
    assertEquals(535, reference.size());
    check("EmoDB", reference, corpus, "emodb");
  }

  @Test
  void ravdessAt16kHzMatchesOpenSmile() {
    Map<String, double[]> reference = Anchors.functionals("ravdess.16k.functionals.csv");
    Path corpus = Anchors.egemaps().resolve("ravdess.16k_wav");
    assertEquals(197, reference.size());
    check("RAVDESS 16 kHz", reference, corpus, "ravdess_16k");
  }

  private static void check(
      String corpusName, Map<String, double[]> reference, Path corpus, String measured) {
    EgemapsExtractor extractor = new EgemapsExtractor();
    List<double[]> ours = new ArrayList<>();
    List<double[]> theirs = new ArrayList<>();
    Map<String, Integer> statuses = new HashMap<>();
    for (Map.Entry<String, double[]> row : reference.entrySet()) {
      EgemapsResult r = extractor.extract(Anchors.wav(corpus.resolve(row.getKey())));
      statuses.merge(r.status(), 1, Integer::sum);
      double[] v = new double[88];
      for (int i = 0; i < 88; i++) v[i] = r.values()[i];
      ours.add(v);
      theirs.add(row.getValue());
    }
    FidelityTable.Result result =
        FidelityTable.compare(
            corpusName + " (statuses " + statuses + ")",
            ours,
            theirs,
            new FidelityTable.Targets(
                name -> FidelityTable.SPEARMAN_MIN_IDENTICAL_SAMPLES,
                WithinOnePercent.floors(measured)));
    System.out.print(result.text());
    assertTrue(
        result.medianSpearman() >= MEDIAN_TARGET,
        corpusName + ": median Spearman " + result.medianSpearman());
    assertTrue(result.failing().isEmpty(), corpusName + ": " + result.failing());
  }
}
