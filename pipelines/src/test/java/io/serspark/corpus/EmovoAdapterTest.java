package io.serspark.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EMOVO by its official names; we have no EMOVO audio, so the folder is made of the names alone.
 */
class EmovoAdapterTest {
  static final List<String> SPEAKERS = List.of("f1", "f2", "f3", "m1", "m2", "m3");
  static final List<String> EMOTIONS = List.of("dis", "gio", "neu", "pau", "rab", "sor", "tri");
  static final List<String> SENTENCES =
      List.of("b1", "b2", "b3", "d1", "d2", "l1", "l2", "l3", "l4", "n1", "n2", "n3", "n4", "n5");

  @Test
  void theFull588FileLayoutGivesSevenEmotionsSixActorsFourteenSentences() throws Exception {
    List<String> names = new ArrayList<>();
    for (String s : SPEAKERS) {
      for (String e : EMOTIONS)
        for (String t : SENTENCES) names.add(s + "/" + e + "-" + s + "-" + t + ".wav");
    }
    names.add("documents/EMOVO.pdf");
    AdapterResult r = Fixtures.scanNames("emovo", names.toArray(String[]::new));
    assertEquals(588, r.entries().size());
    assertEquals(List.of(), r.rejected());
    assertEquals(List.of("documents/EMOVO.pdf"), r.ignored());
    Map<String, Long> perEmotion = Fixtures.count(r.entries(), CorpusEntry::emotion);
    assertEquals(
        Map.of(
            "disgust",
            84L,
            "happy",
            84L,
            "neutral",
            84L,
            "fear",
            84L,
            "angry",
            84L,
            "surprise",
            84L,
            "sad",
            84L),
        perEmotion);
    assertEquals(
        Map.of("female", 294L, "male", 294L), Fixtures.count(r.entries(), CorpusEntry::gender));
    assertEquals(14, Fixtures.count(r.entries(), CorpusEntry::textId).size());
    assertTrue(r.entries().stream().allMatch(e -> e.language().equals("it") && e.split() == null));
  }

  @Test
  void eachCodeMapsToItsEmotion() throws Exception {
    AdapterResult r =
        Fixtures.scanNames(
            "emovo",
            "f1/dis-f1-b1.wav",
            "f2/gio-f2-b2.wav",
            "f3/neu-f3-d1.wav",
            "m1/pau-m1-l1.wav",
            "m2/rab-m2-l4.wav",
            "m3/sor-m3-n1.wav",
            "m3/tri-m3-n5.wav");
    assertEquals(
        List.of("disgust", "happy", "neutral", "fear", "angry", "surprise", "sad"),
        r.entries().stream().map(CorpusEntry::emotion).toList());
    assertEquals(
        new CorpusEntry(
            "m3/tri-m3-n5.wav",
            "m3",
            "male",
            "it",
            "n5",
            "tri",
            "sad",
            null,
            null,
            null,
            null,
            null),
        r.entries().get(6));
  }

  @Test
  void aFileUnderAnotherActorsFolderIsRejectedAndAnUnknownCodeHasNoEmotion() throws Exception {
    AdapterResult r =
        Fixtures.scanNames("emovo", "f1/dis-m1-b1.wav", "f4/dis-f4-b1.wav", "f1/xyz-f1-b1.wav");
    assertEquals(
        List.of("f1/dis-m1-b1.wav", "f4/dis-f4-b1.wav"),
        r.rejected().stream().map(Rejection::relPath).toList());
    assertTrue(r.rejected().get(0).reason().contains("as in the folder"));
    assertNull(Fixtures.only(r).emotion());
  }
}
