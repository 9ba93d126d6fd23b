package io.serspark.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.config.ConfDir;
import io.serspark.corpus.CorpusAdapters;
import io.serspark.corpus.CorpusEntry;
import io.serspark.corpus.LocalFolder;
import io.serspark.protocols.Fold;
import io.serspark.protocols.Protocols;
import io.serspark.protocols.SplitItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The two corpus-design checks on the real URDU and CASIA folders (labels from their adapters, 4
 * classes; no audio read): URDU's confounding flags its within cell, CASIA's shared sentences flag
 * speaker-only folds and not speaker+text folds.
 */
class DesignChecksRealCorporaTest {
  static final List<String> FOUR = List.of("angry", "happy", "neutral", "sad");
  static final String SPEC =
      """
      name: ur-zh
      label_set: 4class
      corpora: [urdu, casia]
      features: [egemaps]
      classifiers: [svm]
      protocols: {within: loso, cross: true}
      normalisation: [per-corpus]
      """;

  static List<Cell> cells() {
    return CellPlan.cells(
        BenchmarkSpec.parse(
            SPEC, "ur-zh.yaml", BenchmarkSpecTest.SETS, new KnownCorpora(Set.of("urdu", "casia"))));
  }

  static List<CorpusEntry> fourClass(String corpus) throws Exception {
    Path root = null;
    for (Path p = Path.of("").toAbsolutePath(); p != null && root == null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("shared/corpora/" + corpus)))
        root = p.resolve("shared/corpora/" + corpus);
    }
    assertTrue(root != null, "../shared/corpora/" + corpus + " not found");
    return LocalFolder.scan(CorpusAdapters.load(ConfDir.resolve()).get(corpus), root)
        .entries()
        .stream()
        .filter(e -> FOUR.contains(e.emotion()))
        .toList();
  }

  @Test
  void urdusWithinCellIsFlaggedWithWhatItMeasures() throws Exception {
    Map<String, Set<String>> classes = new TreeMap<>();
    Map<String, Long> n = new TreeMap<>();
    for (CorpusEntry e : fourClass("urdu")) {
      classes.computeIfAbsent(e.speaker(), k -> new java.util.TreeSet<>()).add(e.emotion());
      n.merge(e.speaker(), 1L, Long::sum);
    }
    List<DesignChecks.SpeakerTally> tallies =
        classes.entrySet().stream()
            .map(
                e ->
                    new DesignChecks.SpeakerTally(
                        "urdu", e.getKey(), e.getValue().size(), n.get(e.getKey())))
            .toList();
    List<Check> checks = DesignChecks.withinConfounding(tallies, cells());
    assertEquals(1, checks.size(), checks.toString());
    // SOURCE.md: only SM3 (12 files), SM5 (80) and SM6 (14) occur in more than one emotion
    assertTrue(
        checks
            .get(0)
            .message()
            .startsWith(
                "urdu: 26 of 29 speakers have a single class (294 of 400 "
                    + "utterances); the within-urdu cell tests on unseen speakers"),
        checks.get(0).message());
    assertEquals(List.of("egemaps|svm|per-corpus|within:urdu"), checks.get(0).affectedCells());
  }

  @Test
  void casiasSharedSentencesAreFlaggedUnderLosoAndNotUnderSpeakerPlusText() throws Exception {
    List<SplitItem> items = new ArrayList<>();
    List<String> emotion = new ArrayList<>();
    for (CorpusEntry e : fourClass("casia")) {
      items.add(new SplitItem("casia", e.speaker(), null, e.textId()));
      emotion.add(e.emotion());
    }
    assertEquals(800, items.size());
    Cell cell =
        cells().stream()
            .filter(c -> c.condition().id().equals("within:casia"))
            .findFirst()
            .orElseThrow();

    List<Check> loso =
        DesignChecks.textOverlap(cell, ProtocolChecksTest.eval(summaries("loso", items, emotion)));
    assertEquals(1, loso.size());
    assertTrue(
        loso.get(0)
            .message()
            .startsWith(
                "800 of 800 test utterances with a text id (100%) have a text also "
                    + "in training, in 4 of 4 folds"),
        loso.get(0).message());

    List<FoldSummary> crossed = summaries("loso+text:2", items, emotion);
    assertEquals(8, crossed.size());
    assertEquals(
        800,
        crossed.stream().mapToLong(FoldSummary::testWithText).sum(),
        "every utterance tested once");
    assertEquals(List.of(), DesignChecks.textOverlap(cell, ProtocolChecksTest.eval(crossed)));
    assertEquals(
        Set.of(4),
        crossed.stream().map(f -> f.testClasses().size()).collect(Collectors.toSet()),
        "every test fold still has all 4 classes");
  }

  private static List<FoldSummary> summaries(
      String protocol, List<SplitItem> items, List<String> emotion) {
    List<FoldSummary> out = new ArrayList<>();
    for (Fold f : Protocols.parse(protocol, 7).folds(items))
      out.add(ExperimentEvaluator.summary(f, items, emotion));
    return out;
  }
}
