package io.serspark.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.benchmark.Check.Severity;
import io.serspark.benchmark.DesignChecks.SpeakerTally;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesignChecksTest {
  static final Map<String, Long> ALL = ProtocolChecksTest.ALL;

  static Cell within(String corpus) {
    return CellPlan.cells(BenchmarkSpecTest.parse(BenchmarkSpecTest.GOOD)).stream()
        .filter(c -> c.condition().id().equals("within:" + corpus))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aTextOnBothSidesIsAWarningWithItsShare() {
    Cell c = within("a");
    var folds =
        List.of(
            new FoldSummary("f1", List.of("a/1"), List.of("a/2"), ALL, ALL, 40L, 30L),
            new FoldSummary("f2", List.of("a/2"), List.of("a/1"), ALL, ALL, 60L, 0L));
    List<Check> checks = DesignChecks.textOverlap(c, ProtocolChecksTest.eval(folds));
    assertEquals(1, checks.size());
    Check k = checks.get(0);
    assertEquals(Severity.WARN, k.severity());
    assertEquals("text overlap", k.check());
    assertTrue(
        k.message()
            .startsWith(
                "30 of 100 test utterances with a text id (30%) have a text also in training, "
                    + "in 1 of 2 folds"),
        k.message());
    assertEquals(List.of(c.id()), k.affectedCells());
  }

  @Test
  void disjointTextsNoTextsOrAnOldCacheEntryGiveNoWarning() {
    Cell c = within("a");
    var disjoint =
        List.of(new FoldSummary("f1", List.of("a/1"), List.of("a/2"), ALL, ALL, 40L, 0L));
    var noTexts = List.of(new FoldSummary("f1", List.of("a/1"), List.of("a/2"), ALL, ALL, 0L, 0L));
    var old = List.of(new FoldSummary("f1", List.of("a/1"), List.of("a/2"), ALL, ALL));
    for (var folds : List.of(disjoint, noTexts, old)) {
      assertEquals(List.of(), DesignChecks.textOverlap(c, ProtocolChecksTest.eval(folds)));
    }
  }

  @Test
  void aCorpusOfSingleClassSpeakersSaysWhatItsWithinCellMeasures() {
    List<Cell> cells = CellPlan.cells(BenchmarkSpecTest.parse(BenchmarkSpecTest.GOOD));
    List<SpeakerTally> tallies = new ArrayList<>();
    // a: every speaker has all 4 classes; b: 3 of 4 speakers single-class
    for (int s = 0; s < 4; s++) tallies.add(new SpeakerTally("a", "0" + s, 4, 20));
    tallies.add(new SpeakerTally("b", "01", 4, 16));
    for (int s = 2; s < 5; s++) tallies.add(new SpeakerTally("b", "0" + s, 1, 10));
    List<Check> checks = DesignChecks.withinConfounding(tallies, cells);
    assertEquals(1, checks.size(), checks.toString());
    Check k = checks.get(0);
    assertEquals(Severity.WARN, k.severity());
    assertEquals("within:b", k.scope());
    assertTrue(
        k.message()
            .startsWith(
                "b: 3 of 4 speakers have a single class (30 of 46 utterances); the "
                    + "within-b cell tests on unseen speakers"),
        k.message());
    assertEquals(
        cells.stream().filter(c -> c.condition().id().equals("within:b")).map(Cell::id).toList(),
        k.affectedCells());
    assertTrue(!k.affectedCells().isEmpty());
  }
}
