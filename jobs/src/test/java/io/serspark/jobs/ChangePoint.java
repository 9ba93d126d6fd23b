package io.serspark.jobs;

import java.util.List;

/**
 * Where a trajectory of window classes changes from one class to the next: the split of the windows
 * between two times that agrees with "{@code before}, then {@code after}" in the most windows (a
 * step-function fit, robust to a stray window on either side). The change lies halfway between the
 * centres of the windows either side of the split; ties average their splits.
 */
final class ChangePoint {
  private ChangePoint() {}

  static double estimate(
      List<Double> centresS,
      List<String> classes,
      String before,
      String after,
      double fromS,
      double toS) {
    int lo = 0;
    while (lo < centresS.size() && centresS.get(lo) < fromS) lo++;
    int hi = lo;
    while (hi < centresS.size() && centresS.get(hi) <= toS) hi++;
    if (hi - lo < 2)
      throw new IllegalArgumentException(
          "fewer than two windows between " + fromS + " s and " + toS + " s");
    int best = -1;
    double sum = 0;
    int ties = 0;
    // split k: windows lo..k-1 are "before", k..hi-1 "after"
    for (int k = lo + 1; k < hi; k++) {
      int agree = 0;
      for (int i = lo; i < hi; i++) if ((i < k ? before : after).equals(classes.get(i))) agree++;
      double at = (centresS.get(k - 1) + centresS.get(k)) / 2;
      if (agree > best) {
        best = agree;
        sum = at;
        ties = 1;
      } else if (agree == best) {
        sum += at;
        ties++;
      }
    }
    return sum / ties;
  }
}
