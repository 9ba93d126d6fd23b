package io.serspark.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmoDbAdapterTest {
  @Test
  void parsesTheDocumentedExampleNames() throws Exception {
    // 03a01Fa: the first file of the official download; 16b10Td: speaker 16, text b10, Trauer,
    // version d.
    AdapterResult r =
        Fixtures.scanNames("emodb", "wav/03a01Fa.wav", "wav/16b10Td.wav", "wav/08a02Lc.wav");
    assertEquals(
        List.of(
            new CorpusEntry(
                "wav/03a01Fa.wav",
                "03",
                "male",
                "de",
                "a01",
                "F",
                "happy",
                null,
                null,
                null,
                null,
                null),
            new CorpusEntry(
                "wav/08a02Lc.wav",
                "08",
                "female",
                "de",
                "a02",
                "L",
                "boredom",
                null,
                null,
                null,
                null,
                null),
            new CorpusEntry(
                "wav/16b10Td.wav",
                "16",
                "female",
                "de",
                "b10",
                "T",
                "sad",
                null,
                null,
                null,
                null,
                null)),
        r.entries());
  }

  @Test
  void aNameThatDoesNotParseIsRejectedWithTheExpectedPattern() throws Exception {
    AdapterResult r = Fixtures.scanNames("emodb", "wav/03a01F.wav", "wav/README.txt", "wav/x.WAV");
    assertEquals(0, r.entries().size());
    assertEquals(
        List.of("wav/03a01F.wav", "wav/x.WAV"),
        r.rejected().stream().map(Rejection::relPath).toList());
    Rejection first = r.rejected().get(0);
    assertEquals("label", first.stage());
    assertTrue(
        first.reason().startsWith("file name does not follow the EmoDB pattern SSTTTEV.wav"),
        first.reason());
    assertEquals(List.of("wav/README.txt"), r.ignored());
  }

  @Test
  void anUnknownEmotionLetterKeepsTheFileWithEmotionNull() throws Exception {
    CorpusEntry e = Fixtures.only(Fixtures.scanNames("emodb", "wav/03a01Xa.wav"));
    assertEquals("X", e.rawLabel());
    assertNull(e.emotion());
  }

  @Test
  void theUpperCaseExtensionIsStillAudio() throws Exception {
    assertEquals("fear", Fixtures.only(Fixtures.scanNames("emodb", "03a04Ab.WAV")).emotion());
  }

  /** The real folder: the counts of its SOURCE.md and the documented speaker table. */
  @Test
  void theOfficialFolderGives535EntriesWithTheDocumentedCounts() throws Exception {
    AdapterResult r =
        LocalFolder.scan(Fixtures.adapters().get("emodb"), Fixtures.sharedCorpus("emodb"));
    assertEquals(535, r.entries().size(), "entries");
    assertEquals(List.of(), r.rejected(), "rejected");
    assertEquals(List.of("MANIFEST.tsv", "SOURCE.md"), r.ignored());
    assertEquals(
        Map.of("W", 127L, "L", 81L, "E", 46L, "A", 69L, "F", 71L, "T", 62L, "N", 79L),
        Fixtures.count(r.entries(), CorpusEntry::rawLabel));
    assertEquals(
        Map.of(
            "angry", 127L, "boredom", 81L, "disgust", 46L, "fear", 69L, "happy", 71L, "sad", 62L,
            "neutral", 79L),
        Fixtures.count(r.entries(), CorpusEntry::emotion));
    Map<String, Long> perSpeaker = Fixtures.count(r.entries(), CorpusEntry::speaker);
    assertEquals(
        Map.of(
            "03", 49L, "08", 58L, "09", 43L, "10", 38L, "11", 55L, "12", 35L, "13", 61L, "14", 69L,
            "15", 56L, "16", 71L),
        perSpeaker);
    Map<String, String> genderOf = new LinkedHashMap<>();
    for (CorpusEntry e : r.entries()) {
      String before = genderOf.put(e.speaker(), e.gender());
      assertTrue(
          before == null || before.equals(e.gender()), "one gender per speaker: " + e.speaker());
    }
    assertEquals(
        Map.of(
            "03", "male", "08", "female", "09", "female", "10", "male", "11", "male", "12", "male",
            "13", "female", "14", "female", "15", "male", "16", "female"),
        genderOf);
    assertTrue(r.entries().stream().allMatch(e -> "de".equals(e.language()) && e.split() == null));
  }
}
