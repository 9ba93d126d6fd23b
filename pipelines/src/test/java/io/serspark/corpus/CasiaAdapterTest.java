package io.serspark.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CasiaAdapterTest {
  @Test
  void speakerEmotionAndSentenceFromTheLayoutSideFilesIgnored() throws Exception {
    AdapterResult r =
        Fixtures.scanNames(
            "casia",
            "ZhaoZuoxiang/angry/201.wav",
            "ZhaoZuoxiang/angry/201.lab",
            "ZhaoZuoxiang/angry/201.peak",
            "ZhaoZuoxiang/angry/201.tag",
            "ZhaoZuoxiang/angry/_desktop.ini",
            "liuchanhg/surprise/250.wav",
            "相同的文本201--250.txt");
    assertEquals(
        List.of(
            new CorpusEntry(
                "ZhaoZuoxiang/angry/201.wav",
                "ZhaoZuoxiang",
                "male",
                "zh",
                "201",
                "angry",
                "angry",
                null,
                null,
                null,
                null,
                null),
            new CorpusEntry(
                "liuchanhg/surprise/250.wav",
                "liuchanhg",
                "female",
                "zh",
                "250",
                "surprise",
                "surprise",
                null,
                null,
                null,
                null,
                null)),
        r.entries());
    assertEquals(
        Map.of(".ini", 1L, ".lab", 1L, ".peak", 1L, ".tag", 1L, ".txt", 1L), r.ignoredByKind());
    assertTrue(
        r.inferredFields().get("gender").contains("F0"),
        "gender is marked as inferred: " + r.inferredFields());
  }

  @Test
  void anUnknownSpeakerHasNoGenderAndAnUnknownEmotionFolderNoEmotion() throws Exception {
    AdapterResult r =
        Fixtures.scanNames(
            "casia", "newspeaker/angry/201.wav", "wangzhe/bored/201.wav", "wangzhe/angry/x.wav");
    assertNull(r.entries().get(0).gender());
    assertNull(r.entries().get(1).emotion());
    assertEquals(
        List.of("wangzhe/angry/x.wav"), r.rejected().stream().map(Rejection::relPath).toList());
  }

  /** The public subset in ../shared/corpora/casia: every file accounted for, SOURCE.md's counts. */
  @Test
  void theRealFolderGivesSourceMdsCounts() throws Exception {
    AdapterResult r =
        LocalFolder.scan(Fixtures.adapters().get("casia"), Fixtures.sharedCorpus("casia"));
    assertEquals(1200, r.entries().size(), "entries");
    assertEquals(List.of(), r.rejected(), "rejected");
    // SOURCE.md "Files in the folder": 4 824 files + SOURCE.md and MANIFEST.tsv
    assertEquals(
        Map.of(
            ".lab", 1195L, ".peak", 1200L, ".tag", 1200L, ".ini", 28L, ".txt", 1L, ".md", 1L,
            ".tsv", 1L),
        r.ignoredByKind());
    assertEquals(
        4824 + 2, r.entries().size() + r.ignored().size(), "every file is an entry or ignored");
    assertEquals(
        Map.of(
            "angry",
            200L,
            "fear",
            200L,
            "happy",
            200L,
            "neutral",
            200L,
            "sad",
            200L,
            "surprise",
            200L),
        Fixtures.count(r.entries(), CorpusEntry::emotion));
    assertEquals(
        Map.of("ZhaoZuoxiang", 300L, "liuchanhg", 300L, "wangzhe", 300L, "zhaoquanyin", 300L),
        Fixtures.count(r.entries(), CorpusEntry::speaker));
    assertEquals(
        50, r.entries().stream().map(CorpusEntry::textId).distinct().count(), "sentences 201-250");
    assertTrue(
        Fixtures.count(r.entries(), CorpusEntry::textId).values().stream().allMatch(n -> n == 24),
        "every sentence once per speaker and emotion");
    assertEquals(
        Map.of(
            "ZhaoZuoxiang",
            Set.of("male"),
            "wangzhe",
            Set.of("male"),
            "liuchanhg",
            Set.of("female"),
            "zhaoquanyin",
            Set.of("female")),
        r.entries().stream()
            .collect(
                Collectors.groupingBy(
                    CorpusEntry::speaker,
                    Collectors.mapping(CorpusEntry::gender, Collectors.toSet()))));
  }
}
