package io.serspark.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.benchmark.Check.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolChecksTest {
  static final List<String> L = List.of("angry", "happy", "neutral", "sad");
  static final Map<String, Long> ALL = Map.of("angry", 5L, "happy", 5L, "neutral", 5L, "sad", 5L);

  static Cell cell(String norm) {
    BenchmarkSpec s = BenchmarkSpecTest.parse(BenchmarkSpecTest.GOOD);
    return CellPlan.cells(s).stream()
        .filter(c -> c.normalisation().equals(norm))
        .findFirst()
        .orElseThrow();
  }

  static Evaluation eval(List<FoldSummary> folds) {
    return eval(folds, null);
  }

  static Evaluation eval(List<FoldSummary> folds, Long undefinedFilled) {
    return new Evaluation(
        Metric.point(0.5),
        Metric.point(0.5),
        Metric.point(0.5),
        L,
        new long[4][4],
        10,
        10,
        folds,
        null,
        undefinedFilled);
  }

  @Test
  void aSpeakerOnBothSidesIsAnErrorNamingTheSpeaker() {
    var folds =
        List.of(
            new FoldSummary("f1", List.of("a/1", "a/2"), List.of("a/3"), ALL, ALL),
            new FoldSummary("f2", List.of("a/1", "a/3"), List.of("a/3", "a/2"), ALL, ALL));
    List<Check> found = ProtocolChecks.foldChecks(cell("global"), eval(folds), L);
    assertEquals(1, found.size());
    Check c = found.get(0);
    assertEquals(Severity.ERROR, c.severity());
    assertTrue(
        c.message().startsWith("1 of 2 folds have speakers in both train and test [a/3]"),
        c.message());
    assertEquals(List.of(cell("global").id()), c.affectedCells());
  }

  @Test
  void missingClassesInTrainingAndTestFoldsAreWarnings() {
    Map<String, Long> noSad = new LinkedHashMap<>(ALL);
    noSad.remove("sad");
    var folds =
        List.of(
            new FoldSummary("f1", List.of("a/1"), List.of("a/2"), noSad, ALL),
            new FoldSummary("f2", List.of("a/2"), List.of("a/1"), ALL, Map.of("angry", 3L)));
    List<Check> found = ProtocolChecks.foldChecks(cell("global"), eval(folds), L);
    assertEquals(
        List.of("classes missing in training", "classes missing in test"),
        found.stream().map(Check::check).toList());
    assertTrue(
        found.get(0).message().startsWith("1 of 2 training folds lack [sad]"),
        found.get(0).message());
    assertTrue(found.get(1).message().startsWith("1 of 2 test folds lack [happy, neutral, sad]"));
    assertTrue(found.stream().allMatch(c -> c.severity() == Severity.WARN));
  }

  @Test
  void cleanFoldsGiveNoFindings() {
    var folds = List.of(new FoldSummary("f1", List.of("a/1"), List.of("a/2"), ALL, ALL));
    assertTrue(ProtocolChecks.foldChecks(cell("global"), eval(folds), L).isEmpty());
    assertTrue(ProtocolChecks.foldChecks(cell("global"), eval(folds, 0L), L).isEmpty());
  }

  @Test
  void filledUndefinedValuesAreAWarningWithTheirCount() {
    var folds = List.of(new FoldSummary("f1", List.of("a/1"), List.of("a/2"), ALL, ALL));
    List<Check> found = ProtocolChecks.foldChecks(cell("global"), eval(folds, 7L), L);
    assertEquals(1, found.size(), found.toString());
    assertEquals(Check.Severity.WARN, found.get(0).severity());
    assertTrue(
        found.get(0).message().startsWith("7 utterances have feature values that are undefined"),
        found.get(0).message());
  }

  @Test
  void levelOffsetIsFlaggedForGlobalButNotPerCorpusNormalisation() {
    var levels =
        List.of(
            new LevelCheck.Levels("raw (dB)", Map.of("a", 62.0, "b", 50.0), 12.0),
            new LevelCheck.Levels("global (SD)", Map.of("a", 0.9, "b", -0.9), 1.8),
            new LevelCheck.Levels("per-corpus (SD)", Map.of("a", 0.01, "b", -0.02), 0.03));
    BenchmarkSpec s = BenchmarkSpecTest.parse(BenchmarkSpecTest.GOOD);
    List<Check> found = LevelCheck.checks(levels, CellPlan.cells(s));
    assertEquals(2, found.size());
    assertEquals(Severity.WARN, found.get(0).severity());
    assertEquals("normalisation global", found.get(0).scope());
    assertTrue(found.get(0).message().contains("spread 1.80 SD > 0.5 SD"), found.get(0).message());
    // only cross-corpus and leave-one-out cells are affected: 6 + 3 conditions x 2 classifiers
    assertEquals(18, found.get(0).affectedCells().size());
    assertEquals(Severity.OK, found.get(1).severity());
  }

  @Test
  void comparisonFlagsChangesLargerThanTheConfidenceInterval() {
    Map<String, Object> before =
        new LinkedHashMap<>(
            Map.of(
                "cell_id",
                "x",
                "macro_f1",
                0.60,
                "macro_f1_lo",
                0.55,
                "macro_f1_hi",
                0.65,
                "uar",
                0.6,
                "uar_lo",
                0.5,
                "uar_hi",
                0.7,
                "wa",
                0.6,
                "wa_lo",
                0.6,
                "wa_hi",
                0.6));
    Map<String, Object> after =
        new LinkedHashMap<>(
            Map.of(
                "cell_id",
                "x",
                "macro_f1",
                0.70,
                "macro_f1_lo",
                0.66,
                "macro_f1_hi",
                0.74,
                "uar",
                0.65,
                "uar_lo",
                0.6,
                "uar_hi",
                0.7,
                "wa",
                0.6,
                "wa_lo",
                0.6,
                "wa_hi",
                0.6));
    Comparison c = Comparison.of("r0", List.of(before, Map.of("cell_id", "gone")), List.of(after));
    assertEquals(List.of("gone"), c.onlyInBaseline());
    var byMetric = new LinkedHashMap<String, Comparison.Delta>();
    c.deltas().forEach(d -> byMetric.put(d.metric(), d));
    assertEquals(0.10, byMetric.get("macro_f1").delta(), 1e-12);
    assertEquals(0.05, byMetric.get("macro_f1").ciHalfWidth(), 1e-12);
    assertTrue(byMetric.get("macro_f1").flagged(), "0.10 > half-width 0.05");
    assertTrue(!byMetric.get("uar").flagged(), "0.05 < half-width 0.10");
    assertTrue(!byMetric.get("wa").flagged(), "no change");
    assertEquals(1, c.flaggedCount());
  }
}
