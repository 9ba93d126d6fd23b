package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangePointTest {
  private static final List<Double> CENTRES = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);

  @Test
  void aCleanStepIsFoundBetweenTheWindowsEitherSide() {
    List<String> c = List.of("n", "n", "n", "a", "a", "a", "a", "a");
    assertEquals(3.5, ChangePoint.estimate(CENTRES, c, "n", "a", 0, 9), 1e-12);
  }

  @Test
  void aStrayWindowDoesNotMoveTheChangeButALateChangeIsLate() {
    List<String> stray = List.of("n", "s", "n", "a", "a", "n", "a", "a");
    assertEquals(3.5, ChangePoint.estimate(CENTRES, stray, "n", "a", 0, 9), 1e-12);
    List<String> late = List.of("n", "n", "n", "n", "n", "n", "a", "a");
    assertEquals(6.5, ChangePoint.estimate(CENTRES, late, "n", "a", 0, 9), 1e-12);
  }

  @Test
  void neverReachingTheNewClassGivesTiedSplitsTheirMean() {
    List<String> never = List.of("n", "n", "n", "n", "h", "h", "h", "h");
    // every split from 4.5 to 7.5 agrees with the 4 "n" windows only: no change point, the mean
    assertEquals(6.0, ChangePoint.estimate(CENTRES, never, "n", "a", 0, 9), 1e-12);
  }

  @Test
  void onlyTheWindowsBetweenTheTwoTimesCount() {
    List<String> c = List.of("a", "a", "n", "n", "a", "a", "n", "n");
    assertEquals(4.5, ChangePoint.estimate(CENTRES, c, "n", "a", 3, 6), 1e-12);
  }
}
