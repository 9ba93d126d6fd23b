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

class SpeakerTextDisjointTest {
  /** CASIA's design in small: every speaker says every text in every emotion. */
  private static List<SplitItem> crossed(String corpus, int speakers, int texts, int emotions) {
    List<SplitItem> items = new ArrayList<>();
    for (int s = 0; s < speakers; s++) {
      for (int t = 0; t < texts; t++) {
        for (int e = 0; e < emotions; e++)
          items.add(new SplitItem(corpus, "s" + s, null, String.valueOf(201 + t)));
      }
    }
    return items;
  }

  private static void assertDisjointAndEachTestedOnce(List<SplitItem> items, List<Fold> folds) {
    assertDisjoint(items, folds, true, new int[items.size()]);
  }

  /**
   * No speaker and no text of an item in a text group ({@code group[i] >= 0}) on both sides of a
   * fold; each item tested once, or at most once when {@code everyItem} is false (crossed folds
   * drop a test part whose training side is empty).
   */
  private static void assertDisjoint(
      List<SplitItem> items, List<Fold> folds, boolean everyItem, int[] group) {
    int[] tested = new int[items.size()];
    for (Fold f : folds) {
      Set<String> speakers = new HashSet<>();
      Set<String> texts = new HashSet<>();
      for (int i : f.train()) {
        speakers.add(items.get(i).speakerKey());
        if (items.get(i).textKey() != null) texts.add(items.get(i).textKey());
      }
      for (int i : f.test()) {
        tested[i]++;
        assertTrue(!speakers.contains(items.get(i).speakerKey()), "speaker crosses " + f.name());
        assertTrue(
            group[i] < 0
                || items.get(i).textKey() == null
                || !texts.contains(items.get(i).textKey()),
            "text " + items.get(i).textKey() + " crosses " + f.name());
      }
    }
    for (int i = 0; i < tested.length; i++) {
      assertTrue(
          everyItem ? tested[i] == 1 : tested[i] <= 1,
          "item " + i + " tested " + tested[i] + " times");
    }
  }

  @Test
  void losoCrossedWithTwoTextGroupsKeepsSpeakersAndTextsApart() {
    List<SplitItem> items = crossed("casia", 4, 50, 4);
    List<Fold> folds = Protocols.parse("loso+text:2", 7).folds(items);
    assertEquals(8, folds.size(), "4 speakers x 2 text groups");
    assertDisjointAndEachTestedOnce(items, folds);
    // a training side: the 3 other speakers' utterances of the other 25 texts
    assertEquals(3 * 25 * 4, folds.get(0).train().length);
    assertEquals(25 * 4, folds.get(0).test().length);
  }

  @Test
  void speakerOnlyFoldsOfTheSameDataShareEveryText() {
    // what the text-overlap check warns about: LOSO on CASIA tests every text that training also
    // has
    List<SplitItem> items = crossed("casia", 4, 50, 4);
    for (Fold f : new LeaveOneSpeakerOut().folds(items)) {
      Set<String> trainTexts = new HashSet<>();
      for (int i : f.train()) trainTexts.add(items.get(i).textKey());
      for (int i : f.test()) assertTrue(trainTexts.contains(items.get(i).textKey()));
    }
  }

  @Test
  void itemsWithoutTextsAreSplitBySpeakerOnly() {
    // URDU has no text ids: the crossed protocol gives exactly the speaker folds
    List<SplitItem> items = new ArrayList<>();
    for (int s = 0; s < 6; s++)
      for (int u = 0; u < 3; u++) items.add(new SplitItem("urdu", "S" + s, null));
    List<Fold> speakerOnly = new SpeakerKFold(3, 7).folds(items);
    List<Fold> crossed = Protocols.parse("speaker-kfold:3+text:2", 7).folds(items);
    assertEquals(speakerOnly.size(), crossed.size());
    for (int f = 0; f < crossed.size(); f++) {
      assertEquals(
          List.of(speakerOnly.get(f).train().length, speakerOnly.get(f).test().length),
          List.of(crossed.get(f).train().length, crossed.get(f).test().length));
    }
  }

  @Test
  void aCorpusThatOneTextDominatesIsSplitBySpeakerOnly() {
    // the RAVDESS speech subset: 194 of 197 files say statement 01; text groups of 94 and 3
    // utterances would leave
    // the folds testing the 94 with 3 utterances to train on
    List<SplitItem> items = new ArrayList<>();
    for (int s = 0; s < 24; s++)
      for (int u = 0; u < 4; u++) items.add(new SplitItem("ravdess", "a" + s, null, "01"));
    for (int s = 0; s < 3; s++) items.add(new SplitItem("ravdess", "a" + s, null, "02"));
    List<Fold> crossed = Protocols.parse("speaker-kfold:5+text:2", 7).folds(items);
    List<Fold> speakerOnly = new SpeakerKFold(5, 7).folds(items);
    assertEquals(speakerOnly.size(), crossed.size());
    for (int f = 0; f < crossed.size(); f++) {
      assertEquals(speakerOnly.get(f).train().length, crossed.get(f).train().length);
    }
    // with a balanced corpus beside it, that corpus still gets its text groups
    List<SplitItem> both = new ArrayList<>(items);
    both.addAll(crossed("casia", 4, 50, 1));
    List<Fold> mixed = Protocols.parse("speaker-kfold:5+text:2", 7).folds(both);
    int[] tested = new int[both.size()];
    for (Fold f : mixed) {
      Set<String> trainTexts = new HashSet<>();
      for (int i : f.train()) trainTexts.add(both.get(i).textKey());
      for (int i : f.test()) {
        tested[i]++;
        SplitItem it = both.get(i);
        assertTrue(
            !it.corpus().equals("casia") || !trainTexts.contains(it.textKey()),
            "casia text crosses " + f.name());
      }
    }
    for (int t : tested) assertEquals(1, t);
  }

  @Test
  void randomCorporaWithSharedTextNamesNeverLeak() {
    SplittableRandom r = new SplittableRandom(24);
    long grouped = 0;
    for (int trial = 0; trial < 200; trial++) {
      List<SplitItem> items = new ArrayList<>();
      int corpora = 1 + r.nextInt(3);
      for (int c = 0; c < corpora; c++) {
        int speakers = 2 + r.nextInt(8);
        int texts = r.nextInt(6); // 0: a corpus without text ids
        for (int s = 0; s < speakers; s++) {
          int n = 1 + r.nextInt(12);
          for (int u = 0; u < n; u++) {
            // text names reused across corpora: "t1" of c0 and of c1 are two texts
            items.add(
                new SplitItem("c" + c, "s" + s, null, texts == 0 ? null : "t" + r.nextInt(texts)));
          }
        }
      }
      SpeakerTextDisjoint p =
          new SpeakerTextDisjoint(
              new SpeakerKFold(2 + r.nextInt(4), trial), 2 + r.nextInt(3), trial);
      List<Fold> folds;
      try {
        folds = p.folds(items);
      } catch (ConfigException e) {
        continue; // e.g. a single text shared by everyone leaves no fold with both sides
      }
      // corpora one text dominates (group -1) are split by speaker only, by design
      int[] group = p.textGroups(items);
      assertDisjoint(items, folds, false, group);
      for (int g : group) if (g >= 0) grouped++;
    }
    assertTrue(
        grouped > 5_000, "the trials must exercise text groups, got " + grouped + " grouped items");
  }

  @Test
  void badSyntaxFailsWithTheFix() {
    assertTrue(
        assertThrows(ConfigException.class, () -> Protocols.parse("loso+text:1", 7))
            .getMessage()
            .contains("T (text groups) must be an integer >= 2"));
    assertTrue(
        assertThrows(ConfigException.class, () -> Protocols.parse("official+text:2", 7))
            .getMessage()
            .contains("crosses loso or speaker-kfold:K only"));
    assertEquals("speaker-kfold:5+text:3", Protocols.parse("speaker-kfold:5+text:3", 7).name());
    assertTrue(
        Protocols.parse("cross-corpus:a+text->b", 7) instanceof CrossCorpus,
        "a corpus named text is a corpus");
  }
}
