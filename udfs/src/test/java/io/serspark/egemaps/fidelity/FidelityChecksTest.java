package io.serspark.egemaps.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.egemaps.EgemapsNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fidelity checks can fail: openSMILE's own EmoDB functionals compared with themselves pass
 * every check, and the same table with one feature deliberately broken — undefined everywhere,
 * scaled by 1.05, offset by 2 % of its spread, shuffled across files, undefined where openSMILE
 * measured a value — fails on that feature, for that reason, with the targets the fidelity tests
 * use.
 */
class FidelityChecksTest {
  static final String F0_MEAN = "F0semitoneFrom27.5Hz_sma3nz_amean";
  static final String LOUDNESS_MEAN = "loudness_sma3_amean";
  static List<double[]> reference;

  @BeforeAll
  static void anchors() {
    // the module folder is the working directory of its tests; ../shared lies beside the project
    Path csv =
        Path.of("..", "..", "shared", "anchors", "opensmile-egemaps", "emodb.functionals.csv");
    assertTrue(
        Files.isRegularFile(csv), "openSMILE anchors missing: " + csv.toAbsolutePath().normalize());
    Map<String, double[]> rows = FidelityTable.openSmileCsv(csv);
    assertEquals(535, rows.size());
    reference = new ArrayList<>(rows.values());
  }

  static FidelityTable.Result compare(List<double[]> ours) {
    return FidelityTable.compare(
        "broken",
        ours,
        reference,
        new FidelityTable.Targets(
            name -> FidelityTable.SPEARMAN_MIN_IDENTICAL_SAMPLES,
            WithinOnePercent.floors("emodb")));
  }

  static List<double[]> broken(String feature, DoubleUnaryOperator f) {
    int i = EgemapsNames.FUNCTIONALS.indexOf(feature);
    List<double[]> out = new ArrayList<>();
    for (double[] row : reference) {
      double[] v = row.clone();
      v[i] = f.applyAsDouble(v[i]);
      out.add(v);
    }
    return out;
  }

  @Test
  void identicalValuesPassEveryCheck() {
    FidelityTable.Result r = compare(reference);
    assertTrue(r.failing().isEmpty(), r.failing().toString());
    assertEquals(1.0, r.min(FidelityTable.Feature::within1Percent), 0.0);
  }

  @Test
  void aFeatureUndefinedOnEveryFileFails() {
    List<String> f = compare(broken(LOUDNESS_MEAN, x -> Double.NaN)).failuresOf(LOUDNESS_MEAN);
    assertTrue(f.contains("undefined on every file"), f.toString());
  }

  @Test
  void aScaledFeatureFailsTheWithinOnePercentCheckThoughItsRanksAreExact() {
    FidelityTable.Result r = compare(broken(LOUDNESS_MEAN, x -> 1.05 * x));
    List<String> f = r.failuresOf(LOUDNESS_MEAN);
    assertEquals(1, f.size(), f.toString());
    assertTrue(f.get(0).startsWith("within 1 % on"), f.toString());
  }

  @Test
  void anOffsetFeatureFailsTheWithinOnePercentCheck() {
    // F0 means are 20-45 semitones: +0.5 is 1-2.5 %, a shift Spearman cannot see
    List<String> f = compare(broken(F0_MEAN, x -> x == 0 ? 0 : x + 0.5)).failuresOf(F0_MEAN);
    assertEquals(1, f.size(), f.toString());
    assertTrue(f.get(0).startsWith("within 1 % on"), f.toString());
  }

  @Test
  void aShuffledFeatureFailsSpearman() {
    int i = EgemapsNames.FUNCTIONALS.indexOf(LOUDNESS_MEAN);
    List<Double> values = new ArrayList<>();
    for (double[] row : reference) values.add(row[i]);
    Collections.shuffle(values, new Random(1));
    List<double[]> ours = new ArrayList<>();
    for (int k = 0; k < reference.size(); k++) {
      double[] v = reference.get(k).clone();
      v[i] = values.get(k);
      ours.add(v);
    }
    List<String> f = compare(ours).failuresOf(LOUDNESS_MEAN);
    assertTrue(f.stream().anyMatch(x -> x.startsWith("Spearman")), f.toString());
  }

  @Test
  void anUndefinedValueWhereOpenSmileMeasuredOneFailsAndOneWhereItWroteItsEncodingCounts() {
    FidelityTable.Result measured = compare(broken(LOUDNESS_MEAN, x -> x > 1.0 ? Double.NaN : x));
    assertTrue(
        measured.failuresOf(LOUDNESS_MEAN).stream()
            .anyMatch(x -> x.contains("undefined where openSMILE " + "measured")),
        measured.failuresOf(LOUDNESS_MEAN).toString());
    // openSMILE writes 0 for the deviation of rising F0 slopes of 5 EmoDB files with at most one
    // such slope: NaN is
    // right there, counted as undefined and as agreeing
    String slope = "F0semitoneFrom27.5Hz_sma3nz_stddevRisingSlope";
    FidelityTable.Result encoded = compare(broken(slope, x -> x == 0 ? Double.NaN : x));
    FidelityTable.Feature row = encoded.features().get(EgemapsNames.FUNCTIONALS.indexOf(slope));
    assertEquals(5, row.undefined());
    assertEquals(0, row.undefinedWhereMeasured());
    assertEquals(List.of(), row.failures());
  }
}
