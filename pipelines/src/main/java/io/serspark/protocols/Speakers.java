package io.serspark.protocols;

import io.serspark.config.ConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Grouping utterances by speaker, and making a fold from a set of test speakers. */
final class Speakers {
  private Speakers() {}

  /**
   * Fails with one line a user can act on when the rows a protocol gets come from fewer than two
   * speakers: the data (after label mapping and the feature join) cannot support it, which no retry
   * or bug fix would change.
   */
  static void requireTwo(Map<String, List<Integer>> bySpeaker, String needs, String remedy) {
    if (bySpeaker.size() >= 2) return;
    throw new ConfigException(
        needs
            + " needs utterances of at least 2 speakers; the rows it got (labelled, with "
            + "features) come from "
            + bySpeaker.size()
            + (bySpeaker.isEmpty() ? "" : " " + bySpeaker.keySet())
            + "; "
            + remedy);
  }

  /**
   * Item indices per speaker key, in key order (so folds do not depend on the order of the input).
   */
  static Map<String, List<Integer>> group(List<SplitItem> items) {
    Map<String, List<Integer>> m = new TreeMap<>();
    for (int i = 0; i < items.size(); i++)
      m.computeIfAbsent(items.get(i).speakerKey(), k -> new ArrayList<>()).add(i);
    return m;
  }

  static Fold split(
      List<SplitItem> items,
      Map<String, List<Integer>> bySpeaker,
      Collection<String> testSpeakers,
      String name) {
    Set<String> test = new HashSet<>(testSpeakers);
    List<Integer> tr = new ArrayList<>(), te = new ArrayList<>();
    for (var e : bySpeaker.entrySet()) (test.contains(e.getKey()) ? te : tr).addAll(e.getValue());
    return new Fold(name, sorted(tr), sorted(te));
  }

  static int[] sorted(List<Integer> idx) {
    return idx.stream().mapToInt(Integer::intValue).sorted().toArray();
  }
}
