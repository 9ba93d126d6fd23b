package io.serspark.protocols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.config.ConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property tests: over many random corpora, speakers and utterance orders, no speaker ever crosses
 * a split.
 */
class SpeakerDisjointSplitsTest {
  private static final int TRIALS = 300;

  /**
   * A random corpus set: 1-3 corpora, 2-15 speakers each (names reused across corpora), 1-30
   * utterances per speaker, shuffled.
   */
  private static List<SplitItem> randomItems(SplittableRandom r, boolean withOfficialSplit) {
    List<SplitItem> items = new ArrayList<>();
    int corpora = 1 + r.nextInt(3);
    for (int c = 0; c < corpora; c++) {
      int speakers = 2 + r.nextInt(14);
      for (int s = 0; s < speakers; s++) {
        String split =
            withOfficialSplit
                ? (s % 3 == 0 ? "test" : s % 3 == 1 ? "train" : (r.nextBoolean() ? "dev" : "train"))
                : null;
        int n = 1 + r.nextInt(30);
        for (int u = 0; u < n; u++)
          items.add(new SplitItem("c" + c, String.format("%02d", s), split));
      }
    }
    // shuffle so that folds cannot rely on input order
    for (int i = items.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      SplitItem t = items.get(i);
      items.set(i, items.get(j));
      items.set(j, t);
    }
    return items;
  }

  private static void assertNoSpeakerCrosses(List<SplitItem> items, Fold f) {
    Set<String> train = new HashSet<>();
    for (int i : f.train()) train.add(items.get(i).speakerKey());
    for (int i : f.test()) {
      assertTrue(
          !train.contains(items.get(i).speakerKey()),
          "speaker " + items.get(i).speakerKey() + " crosses fold " + f.name());
    }
    Set<Integer> seen = new HashSet<>();
    for (int i : f.train()) assertTrue(seen.add(i), "item twice in fold " + f.name());
    for (int i : f.test()) assertTrue(seen.add(i), "item on both sides of fold " + f.name());
  }

  /** Each item is tested exactly once over the folds (LOSO and k-fold partition the data). */
  private static void assertEachItemTestedOnce(List<SplitItem> items, List<Fold> folds) {
    int[] tested = new int[items.size()];
    for (Fold f : folds) for (int i : f.test()) tested[i]++;
    for (int i = 0; i < tested.length; i++)
      assertEquals(1, tested[i], "item " + i + " tested " + tested[i] + " times");
  }

  @Test
  void leaveOneSpeakerOutNeverLeaks() {
    SplittableRandom r = new SplittableRandom(1);
    for (int t = 0; t < TRIALS; t++) {
      List<SplitItem> items = randomItems(r, false);
      List<Fold> folds = new LeaveOneSpeakerOut().folds(items);
      assertEquals(items.stream().map(SplitItem::speakerKey).distinct().count(), folds.size());
      for (Fold f : folds) {
        assertNoSpeakerCrosses(items, f);
        assertEquals(
            1,
            java.util.Arrays.stream(f.test())
                .mapToObj(i -> items.get(i).speakerKey())
                .distinct()
                .count());
      }
      assertEachItemTestedOnce(items, folds);
    }
  }

  @Test
  void speakerKFoldNeverLeaksAndBalancesSpeakerCounts() {
    SplittableRandom r = new SplittableRandom(2);
    for (int t = 0; t < TRIALS; t++) {
      List<SplitItem> items = randomItems(r, false);
      int k = 2 + r.nextInt(8);
      List<Fold> folds = new SpeakerKFold(k, r.nextLong()).folds(items);
      long speakers = items.stream().map(SplitItem::speakerKey).distinct().count();
      assertEquals(Math.min(k, speakers), folds.size());
      int min = Integer.MAX_VALUE, max = 0;
      for (Fold f : folds) {
        assertNoSpeakerCrosses(items, f);
        int n =
            (int)
                java.util.Arrays.stream(f.test())
                    .mapToObj(i -> items.get(i).speakerKey())
                    .distinct()
                    .count();
        min = Math.min(min, n);
        max = Math.max(max, n);
      }
      assertTrue(max - min <= 1, "speaker counts per fold differ by more than one");
      assertEachItemTestedOnce(items, folds);
    }
  }

  @Test
  void speakerKFoldIsDeterministicForASeed() {
    List<SplitItem> items = randomItems(new SplittableRandom(5), false);
    List<Fold> a = new SpeakerKFold(4, 9).folds(items), b = new SpeakerKFold(4, 9).folds(items);
    for (int i = 0; i < a.size(); i++)
      assertTrue(java.util.Arrays.equals(a.get(i).test(), b.get(i).test()));
  }

  @Test
  void officialAndCrossCorpusSplitsNeverLeak() {
    SplittableRandom r = new SplittableRandom(3);
    for (int t = 0; t < TRIALS; t++) {
      List<SplitItem> items = randomItems(r, true);
      for (Fold f : OfficialSplit.standard().folds(items)) {
        assertNoSpeakerCrosses(items, f);
        for (int i : f.test()) assertEquals("test", items.get(i).split());
        for (int i : f.train()) assertEquals("train", items.get(i).split());
      }
      if (items.stream().anyMatch(i -> i.corpus().equals("c1"))) {
        for (Fold f : new CrossCorpus(Set.of("c0"), Set.of("c1")).folds(items)) {
          assertNoSpeakerCrosses(items, f);
          for (int i : f.test()) assertEquals("c1", items.get(i).corpus());
        }
      }
    }
  }

  @Test
  void anOfficialSplitThatSharesASpeakerIsAnError() {
    List<SplitItem> items =
        List.of(
            new SplitItem("x", "01", "train"), new SplitItem("x", "02", "train"),
            new SplitItem("x", "02", "test"), new SplitItem("x", "03", "test"));
    SpeakerLeakException e =
        assertThrows(SpeakerLeakException.class, () -> OfficialSplit.standard().folds(items));
    assertTrue(e.getMessage().contains("x/02"), e.getMessage());
  }

  @Test
  void theCheckRejectsAHandMadeLeakyFold() {
    List<SplitItem> items =
        List.of(
            new SplitItem("x", "01", null),
            new SplitItem("x", "01", null),
            new SplitItem("x", "02", null));
    assertThrows(
        SpeakerLeakException.class,
        () ->
            Protocol.checkSpeakerDisjoint(items, new Fold("bad", new int[] {0, 2}, new int[] {1})));
  }

  @Test
  void sameSpeakerNameInTwoCorporaIsTwoSpeakers() {
    List<SplitItem> items = List.of(new SplitItem("a", "01", null), new SplitItem("b", "01", null));
    assertEquals(1, new CrossCorpus(Set.of("a"), Set.of("b")).folds(items).size());
  }

  /**
   * Data that cannot support a protocol is the user's input, not a bug: one actionable line
   * (ConfigException).
   */
  @Test
  void dataTooSmallForTheProtocolSaysWhatItHas() {
    List<SplitItem> one =
        List.of(new SplitItem("mine", "s1", null), new SplitItem("mine", "s1", null));
    ConfigException loso =
        assertThrows(ConfigException.class, () -> new LeaveOneSpeakerOut().folds(one));
    assertTrue(
        loso.getMessage().startsWith("--protocol loso needs utterances of at least 2 speakers"),
        loso.getMessage());
    assertTrue(loso.getMessage().contains("come from 1 [mine/s1]"), loso.getMessage());
    ConfigException kfold =
        assertThrows(ConfigException.class, () -> new SpeakerKFold(5, 1).folds(one));
    assertTrue(
        kfold.getMessage().startsWith("--protocol speaker-kfold:5 needs"), kfold.getMessage());
    ConfigException inner =
        assertThrows(ConfigException.class, () -> SpeakerKFold.inner(3, 1).folds(one));
    assertTrue(
        inner.getMessage().contains("inner validation")
            && inner.getMessage().contains("one-point --grid"),
        inner.getMessage());
    ConfigException official =
        assertThrows(ConfigException.class, () -> OfficialSplit.standard().folds(one));
    assertTrue(official.getMessage().contains("no utterances with split"), official.getMessage());
    ConfigException cross =
        assertThrows(
            ConfigException.class,
            () -> new CrossCorpus(Set.of("mine"), Set.of("other")).folds(one));
    assertTrue(
        cross.getMessage().contains("no labelled utterances with features of [other]"),
        cross.getMessage());
  }

  @Test
  void parsesTheProtocolOption() {
    assertEquals("loso", Protocols.parse("loso", 1).name());
    assertEquals("speaker-kfold:5", Protocols.parse("speaker-kfold:5", 1).name());
    assertEquals("official", Protocols.parse("official", 1).name());
    assertEquals(
        "cross-corpus:emodb->ravdess", Protocols.parse("cross-corpus:emodb->ravdess", 1).name());
    assertThrows(ConfigException.class, () -> Protocols.parse("speaker-kfold:1", 1));
    assertThrows(ConfigException.class, () -> Protocols.parse("kfold", 1));
    assertThrows(ConfigException.class, () -> Protocols.parse("cross-corpus:emodb->emodb", 1));
  }
}
