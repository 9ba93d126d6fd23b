package io.serspark.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UrduAdapterTest {
  @Test
  void theRealNamesGiveSpeakerGenderAndLabel() throws Exception {
    // SM1_F12_A012: the real form of the README's (wrong) example SM1_F01_A12; A0100: the unpadded
    // 100th file.
    AdapterResult r =
        Fixtures.scanNames(
            "urdu",
            "Angry/SM1_F12_A012.wav",
            "Sad/SF11_F4_S0100.wav",
            "Happy/SM17_F1_H01.wav",
            "Neutral/SF9_F2_N050.wav");
    assertEquals(
        List.of(
            new CorpusEntry(
                "Angry/SM1_F12_A012.wav",
                "SM1",
                "male",
                "ur",
                null,
                "A",
                "angry",
                null,
                null,
                null,
                null,
                null),
            new CorpusEntry(
                "Happy/SM17_F1_H01.wav",
                "SM17",
                "male",
                "ur",
                null,
                "H",
                "happy",
                null,
                null,
                null,
                null,
                null),
            new CorpusEntry(
                "Neutral/SF9_F2_N050.wav",
                "SF9",
                "female",
                "ur",
                null,
                "N",
                "neutral",
                null,
                null,
                null,
                null,
                null),
            new CorpusEntry(
                "Sad/SF11_F4_S0100.wav",
                "SF11",
                "female",
                "ur",
                null,
                "S",
                "sad",
                null,
                null,
                null,
                null,
                null)),
        r.entries());
    assertEquals(Map.of(), r.inferredFields(), "URDU's gender is in its names, not inferred");
  }

  @Test
  void theReadmeExampleFormAndOtherFoldersAreRejected() throws Exception {
    AdapterResult r =
        Fixtures.scanNames("urdu", "Angry/SM1_F01_A12.wav", "Other/SM1_F1_A01.wav", "README.md");
    assertEquals(List.of(), r.entries());
    assertEquals(
        List.of("Angry/SM1_F01_A12.wav", "Other/SM1_F1_A01.wav"),
        r.rejected().stream().map(Rejection::relPath).toList());
    assertTrue(
        r.rejected().get(0).reason().startsWith("file name does not follow the URDU pattern"));
    assertEquals(List.of("README.md"), r.ignored());
  }

  @Test
  void anUnknownEmotionLetterKeepsTheFileWithEmotionNull() throws Exception {
    CorpusEntry e = Fixtures.only(Fixtures.scanNames("urdu", "Angry/SM1_F1_X01.wav"));
    assertEquals("X", e.rawLabel());
    assertNull(e.emotion());
  }

  /**
   * All 400 files of ../shared/corpora/urdu: the counts of its SOURCE.md, per emotion and per
   * speaker.
   */
  @Test
  void theRealFolderGivesSourceMdsCounts() throws Exception {
    AdapterResult r =
        LocalFolder.scan(Fixtures.adapters().get("urdu"), Fixtures.sharedCorpus("urdu"));
    assertEquals(400, r.entries().size(), "entries");
    assertEquals(List.of(), r.rejected(), "rejected");
    assertEquals(List.of("MANIFEST.tsv", "README.source.md", "SOURCE.md"), r.ignored());
    assertEquals(
        Map.of("angry", 100L, "happy", 100L, "neutral", 100L, "sad", 100L),
        Fixtures.count(r.entries(), CorpusEntry::emotion));
    // SOURCE.md "Per speaker (files, emotion)"
    Map<String, Long> perSpeaker =
        new TreeMap<>(
            Map.ofEntries(
                Map.entry("SM1", 22L),
                Map.entry("SM2", 28L),
                Map.entry("SM3", 12L),
                Map.entry("SM4", 48L),
                Map.entry("SM5", 80L),
                Map.entry("SM6", 14L),
                Map.entry("SM7", 28L),
                Map.entry("SM17", 2L),
                Map.entry("SM18", 2L),
                Map.entry("SM19", 2L),
                Map.entry("SM20", 10L),
                Map.entry("SM21", 4L),
                Map.entry("SM22", 2L),
                Map.entry("SM23", 6L),
                Map.entry("SM24", 38L),
                Map.entry("SM25", 40L),
                Map.entry("SM26", 2L),
                Map.entry("SM27", 4L),
                Map.entry("SF1", 12L),
                Map.entry("SF2", 2L),
                Map.entry("SF3", 2L),
                Map.entry("SF4", 4L),
                Map.entry("SF5", 4L),
                Map.entry("SF6", 14L),
                Map.entry("SF7", 6L),
                Map.entry("SF8", 2L),
                Map.entry("SF9", 4L),
                Map.entry("SF10", 2L),
                Map.entry("SF11", 4L)));
    assertEquals(
        perSpeaker, Fixtures.count(r.entries(), CorpusEntry::speaker), "files per speaker");
    assertEquals(
        Map.of(
            "SM3",
            Map.of("angry", 2L, "happy", 2L, "neutral", 8L),
            "SM5",
            Map.of("happy", 8L, "neutral", 72L),
            "SM6",
            Map.of("happy", 10L, "sad", 4L)),
        r.entries().stream()
            .collect(
                Collectors.groupingBy(
                    CorpusEntry::speaker,
                    Collectors.groupingBy(CorpusEntry::emotion, Collectors.counting())))
            .entrySet()
            .stream()
            .filter(e -> e.getValue().size() > 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
        "only SM3, SM5 and SM6 occur in more than one emotion");
    assertEquals(
        Map.of("male", 344L, "female", 56L), Fixtures.count(r.entries(), CorpusEntry::gender));
    assertEquals(
        Set.of("ur"), r.entries().stream().map(CorpusEntry::language).collect(Collectors.toSet()));
  }
}
