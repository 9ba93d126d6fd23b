package io.serspark.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

  private static List<Segment> segments(int... lengths) {
    List<Segment> s = new ArrayList<>();
    for (int i = 0; i < lengths.length; i++) s.add(new Segment(i, 0, lengths[i], lengths[i]));
    return s;
  }

  @Test
  void batchesStayWithinTheBudgetAndKeepEverySegmentOnce() {
    int[] lengths = new int[200];
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < lengths.length; i++) lengths[i] = 16_000 + r.nextInt(100_000);
    BatchPlan plan = new BatchPlanner(400_000, true).plan(segments(lengths));
    Set<Integer> seen = new HashSet<>();
    for (Batch b : plan.batches()) {
      assertTrue(
          b.paddedSamples() <= 400_000,
          "batch of " + b.size() + "×" + b.paddedLength() + " over budget");
      for (Segment s : b.segments()) {
        assertTrue(seen.add(s.item()), "segment " + s.item() + " twice");
        assertTrue(s.inputLength() <= b.paddedLength());
      }
    }
    assertEquals(200, seen.size());
    assertTrue(
        plan.batches().size() < 100,
        "sorted greedy packing should batch: " + plan.batches().size());
  }

  @Test
  void paddingFractionIsTheShareOfZeroSamples() {
    // one batch [10, 6, 4] padded to 10: 30 samples fed, 10 of them padding
    BatchPlan plan = new BatchPlanner(30, true).plan(segments(4, 10, 6));
    assertEquals(1, plan.batches().size());
    assertEquals(10.0 / 30.0, plan.paddingFraction(), 1e-12);
    assertEquals(
        List.of(1, 2, 0),
        plan.batches().get(0).segments().stream().map(Segment::item).toList(),
        "longest first, so the padded length is the first item's");
  }

  @Test
  void aSegmentOverTheBudgetRunsAlone() {
    BatchPlan plan = new BatchPlanner(100, true).plan(segments(500, 40, 40));
    assertEquals(2, plan.batches().size());
    assertEquals(1, plan.batches().get(0).size());
    assertEquals(500, plan.batches().get(0).paddedLength());
  }

  @Test
  void theSquareBoundKeepsLongItemsInSmallBatchesAndShortOnesInLargeBatches() {
    // 400 s² (as samples² at 16 kHz) with a budget of 60 s of samples: 20 s windows go one per
    // batch, 10 s items
    // four per batch (the ninth leads a batch of four with three 2 s items), 2 s items as many as
    // the sample budget
    // allows (30)
    double square = 400.0 * 16_000 * 16_000;
    int[] lengths = new int[3 + 9 + 40];
    java.util.Arrays.fill(lengths, 0, 3, 320_000);
    java.util.Arrays.fill(lengths, 3, 12, 160_000);
    java.util.Arrays.fill(lengths, 12, lengths.length, 32_000);
    BatchPlan plan = new BatchPlanner(960_000, square, true).plan(segments(lengths));
    List<String> shapes =
        plan.batches().stream().map(b -> b.size() + "x" + b.paddedLength()).toList();
    assertEquals(
        List.of(
            "1x320000",
            "1x320000",
            "1x320000",
            "4x160000",
            "4x160000",
            "4x160000",
            "30x32000",
            "7x32000"),
        shapes);
    for (Batch b : plan.batches()) {
      assertTrue(
          (double) b.size() * b.paddedLength() * b.paddedLength() <= square || b.size() == 1,
          b.size() + "x" + b.paddedLength() + " over the square bound");
    }
    // without the bound the same items fill the sample budget: three 20 s windows in one batch
    assertEquals(
        3, new BatchPlanner(960_000, true).plan(segments(lengths)).batches().get(0).size());
    assertThrows(IllegalArgumentException.class, () -> new BatchPlanner(960_000, 0, true));
  }

  @Test
  void maskLessModelsOnlyBatchEqualLengths() {
    BatchPlan plan =
        new BatchPlanner(1_000_000, false).plan(segments(500, 400, 500, 400, 399, 500));
    assertEquals(0.0, plan.paddingFraction());
    assertEquals(3, plan.batches().size(), "three distinct lengths");
    for (Batch b : plan.batches()) {
      for (Segment s : b.segments()) assertEquals(b.paddedLength(), s.inputLength());
    }
  }

  @Test
  void planIsDeterministicWhateverTheInputOrder() {
    List<Segment> a = segments(300, 200, 300, 100, 250);
    List<Segment> b = new ArrayList<>(a);
    java.util.Collections.reverse(b);
    BatchPlanner p = new BatchPlanner(700, true);
    assertEquals(p.plan(a), p.plan(b));
  }

  @Test
  void windowsCoverTheUtteranceWithFullLengthWindows() {
    Windowing w = new Windowing(320_000, 16_000, 400); // 20 s windows, 1 s overlap
    assertEquals(
        List.of(new Segment(3, 0, 200, 400)),
        w.cut(3, 200),
        "shorter than min_samples: zero-extended");
    assertEquals(List.of(new Segment(0, 0, 320_000, 320_000)), w.cut(0, 320_000));
    List<Segment> s = w.cut(1, 700_000);
    assertEquals(
        List.of(
            new Segment(1, 0, 320_000, 320_000),
            new Segment(1, 304_000, 320_000, 320_000),
            new Segment(1, 380_000, 320_000, 320_000)),
        s);
    assertThrows(IllegalArgumentException.class, () -> new Windowing(320_000, 320_000, 400));
  }
}
