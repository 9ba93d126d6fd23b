package io.serspark.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.config.ConfigException;
import io.serspark.corpus.LabelSets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchmarkSpecTest {
  static final Path CONF = Path.of("..", "conf");
  static final LabelSets SETS = LabelSets.load(CONF);
  static final KnownCorpora KNOWN = new KnownCorpora(Set.of("emodb", "ravdess", "manifest"));

  static final String GOOD =
      """
      name: two
      label_set: 4class
      corpora: [a, b, c]
      features: [egemaps]
      classifiers: [svm, {rf: {numTrees: 50}}]
      protocols: {within: loso, cross: true, leave_one_corpus_out: true}
      normalisation: [global, per-corpus]
      """;

  static BenchmarkSpec parse(String yaml) {
    return BenchmarkSpec.parse(yaml, "spec.yaml", SETS, KNOWN);
  }

  static String error(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void goodSpecExpandsIntoWithinCrossAndLeaveOneOutCells() {
    BenchmarkSpec s = parse(GOOD);
    assertEquals(List.of("angry", "happy", "neutral", "sad"), s.labels());
    assertEquals("rf-numTrees=50", s.classifiers().get(1).id());
    // 3 within + 6 cross + 3 leave-one-out, for 1 feature set x 2 classifiers x 2 normalisations
    assertEquals(12, CellPlan.conditions(s).size());
    List<Cell> cells = CellPlan.cells(s);
    assertEquals(48, cells.size());
    assertEquals("egemaps|svm|global|within:a", cells.get(0).id());
    assertTrue(
        cells.stream()
            .anyMatch(c -> c.id().equals("egemaps|rf-numTrees=50|per-corpus|loco:a+b>c")));
    assertEquals(
        cells.size(),
        cells.stream().map(Cell::definitionHash).distinct().count(),
        "hashes are unique");
  }

  @Test
  void egemapsWithAccurateFormantsIsAFeatureSetOfItsOwn() {
    BenchmarkSpec s = parse(GOOD.replace("[egemaps]", "[egemaps, egemaps_accurate_formants]"));
    assertEquals(
        List.of("features/egemaps_v02", "features/egemaps_v02_accurate_formants"),
        s.features().stream().map(BenchmarkSpec.FeatureSet::table).toList());
    assertEquals(
        List.of("egemaps", "egemaps_accurate_formants"),
        s.features().stream().map(BenchmarkSpec.FeatureSet::id).toList());
    List<Cell> cells = CellPlan.cells(s);
    assertEquals(96, cells.size(), "twice the cells of one feature set");
    assertEquals(
        cells.size(),
        cells.stream().map(Cell::definitionHash).distinct().count(),
        "hashes are unique");
    assertEquals(
        "egemaps_v02_accurate_formants",
        ExperimentEvaluator.featureSpec(s.features().get(1)).sources().get(0).column());
    assertTrue(error(GOOD.replace("[egemaps]", "[egemaps, egemaps_v02]")).contains("listed twice"));
  }

  @Test
  void twoCorporaNeedNoLeaveOneOutCellsBesideTheCrossPairs() {
    BenchmarkSpec s = parse(GOOD.replace("[a, b, c]", "[a, b]"));
    assertEquals(
        List.of("within:a", "within:b", "cross:a>b", "cross:b>a"),
        CellPlan.conditions(s).stream().map(Condition::id).toList());
  }

  @Test
  void speakerPlusTextWithinIsAProtocolOfItsOwn() {
    BenchmarkSpec s =
        parse(GOOD.replace("within: loso", "within: {kind: loso, disjoint: speaker+text}"));
    assertEquals(new BenchmarkSpec.Within("loso", 0, 2), s.within(), "two text groups by default");
    Cell within = CellPlan.cells(s).get(0);
    assertEquals("loso+text-k2", within.withinProtocol());
    assertEquals("loso+text:2", ExperimentEvaluator.protocol(within, s).name());
    assertNotEquals(CellPlan.cells(parse(GOOD)).get(0).definitionHash(), within.definitionHash());
    assertTrue(s.canonicalYaml().contains("disjoint: \"speaker+text\""), s.canonicalYaml());
    BenchmarkSpec k =
        parse(
            GOOD.replace(
                "within: loso",
                "within: {kind: speaker-kfold, k: 4, disjoint: speaker+text, text_folds: 3}"));
    assertEquals(
        "speaker-kfold:4+text:3", ExperimentEvaluator.protocol(CellPlan.cells(k).get(0), k).name());
    // a speaker-only spec keeps its cell hashes (and so its cached cells)
    assertEquals(
        CellPlan.cells(parse(GOOD)).get(0).definitionHash(),
        CellPlan.cells(
                parse(GOOD.replace("within: loso", "within: {kind: loso, disjoint: speaker}")))
            .get(0)
            .definitionHash());
    assertTrue(
        error(GOOD.replace("within: loso", "within: {kind: loso, disjoint: text}"))
            .contains(
                "protocols.within.disjoint 'text' is not known; use speaker (the default) or speaker+text"));
    assertTrue(
        error(GOOD.replace("within: loso", "within: {kind: loso, text_folds: 3}"))
            .contains("text_folds needs disjoint: speaker+text"));
    assertTrue(
        error(GOOD.replace("within: loso", "within: {kind: official, disjoint: speaker+text}"))
            .contains("crosses loso or speaker-kfold folds with text groups, not 'official'"));
    assertTrue(
        error(GOOD.replace("within: loso", "within: {kind: loso, folds: 3}"))
            .contains("protocols.within: unknown key 'folds'"));
  }

  /**
   * The shipped four-language spec: parses against the project's adapters and plans its 60 cells.
   */
  @Test
  void theMultilingualSpecParsesAndPlans() {
    // its corpus paths are relative to the project folder; this test runs in pipelines/
    String before = System.getProperty("serspark.root");
    BenchmarkSpec s;
    try {
      if (before == null) System.setProperty("serspark.root", "..");
      s = BenchmarkSpec.load(CONF.resolve("benchmarks/multilingual.yaml"), CONF);
    } finally {
      if (before == null) System.clearProperty("serspark.root");
    }
    assertEquals(List.of("emodb", "ravdess", "urdu", "casia"), s.corpusNames());
    assertEquals(
        List.of("emodb", "ravdess", "urdu", "casia"),
        s.corpora().stream().map(BenchmarkSpec.CorpusRef::adapter).toList());
    assertEquals(List.of("angry", "happy", "neutral", "sad"), s.labels());
    List<Condition> conditions = CellPlan.conditions(s);
    assertEquals(
        4 + 12 + 4, conditions.size(), "within, the 4 x 4 cross matrix, leave one corpus out");
    assertTrue(conditions.stream().anyMatch(c -> c.id().equals("cross:urdu>casia")));
    assertTrue(conditions.stream().anyMatch(c -> c.id().equals("loco:emodb+ravdess+urdu>casia")));
    assertEquals(60, CellPlan.cells(s).size(), "x SVM, RF, GBT");
  }

  @Test
  void hashesIgnoreFormattingButFollowWhatChangesNumbers() {
    String h = CellPlan.cells(parse(GOOD)).get(0).definitionHash();
    String reformatted = GOOD.replace("features: [egemaps]", "# comment\nfeatures:\n  - egemaps");
    assertEquals(h, CellPlan.cells(parse(reformatted)).get(0).definitionHash());
    assertNotEquals(
        h, CellPlan.cells(parse(GOOD.replace("4class", "all"))).get(0).definitionHash());
    assertNotEquals(
        h, CellPlan.cells(parse(GOOD + "bootstrap: {resamples: 10}\n")).get(0).definitionHash());
  }

  @Test
  void badSpecsFailWithOneMessageNamingTheProblem() {
    assertTrue(
        error(GOOD.replace("4class", "5class"))
            .contains("label_set '5class' is not a known label set; use one of: all, 4class"));
    assertTrue(
        error(GOOD.replace("[svm,", "[xgboost,"))
            .contains("unknown classifier 'xgboost'; known: svm, lr, rf, gbt, mlp"));
    assertTrue(
        error(GOOD.replace("numTrees: 50", "depth: 3"))
            .contains("classifiers.rf: parameter 'depth=3': use"));
    assertTrue(error(GOOD.replace("[egemaps]", "[mfcc]")).contains("unknown feature set 'mfcc'"));
    assertTrue(
        error(GOOD.replace("per-corpus]", "per-utterance]"))
            .contains("unknown normalisation 'per-utterance'"));
    assertTrue(
        error(GOOD.replace("within: loso", "within: lopo"))
            .contains("unknown within-corpus protocol 'lopo'"));
    assertTrue(error(GOOD + "classifier: [svm]\n").contains("unknown key 'classifier'"));
    assertTrue(
        error("name: x\ncorpora: [a\nfeatures: [egemaps]\n")
            .startsWith("spec.yaml is not valid YAML (line"));
    assertTrue(error("- just\n- a list\n").contains("must be a YAML map"));
    assertTrue(error(GOOD.replace("[a, b, c]", "[a, a]")).contains("corpus 'a' is listed twice"));
    assertTrue(error(GOOD.replace("[a, b, c]", "[a]")).contains("need at least two corpora"));
    assertTrue(
        error(GOOD.replace("[a, b, c]", "[{name: a, path: /no/such/folder}, b]"))
            .contains("corpus 'a': folder /no/such/folder does not exist"));
    assertTrue(
        error(GOOD.replace("[a, b, c]", "[{name: a, path: ., adapter: nosuch}, b]"))
            .contains(
                "unknown corpus adapter 'nosuch' for corpus 'a'; known: emodb, manifest, ravdess"));
    assertTrue(
        error(GOOD.replace("name: two", "name: ../up"))
            .contains("name '../up' contains a path separator"));
    assertTrue(
        error(GOOD.replace("name: two", "name: 'a b'"))
            .contains("name 'a b': use letters, digits"));
  }

  @Test
  void compareNamesTwoOfTheSpecsOwnChoicesAndChangesNoCell() {
    BenchmarkSpec s =
        parse(
            GOOD
                + "compare:\n  - {classifiers: [rf-numTrees=50, svm]}\n  - {normalisation: [per-corpus, global]}\n");
    assertEquals(
        List.of(
            new BenchmarkSpec.Contrast("classifiers", "rf-numTrees=50", "svm"),
            new BenchmarkSpec.Contrast("normalisation", "per-corpus", "global")),
        s.compare());
    assertEquals("classifiers: rf-numTrees=50 − svm", s.compare().get(0).label());
    assertTrue(s.canonicalYaml().contains("compare:"), s.canonicalYaml());
    assertEquals(
        CellPlan.cells(parse(GOOD)).stream().map(Cell::definitionHash).toList(),
        CellPlan.cells(s).stream().map(Cell::definitionHash).toList(),
        "the cache is shared with the spec without it");
    assertEquals(List.of(), parse(GOOD).compare());
    assertEquals(
        "spec.yaml: compare: features 'egemaps_accurate_formants' is not among the spec's features: egemaps",
        error(GOOD + "compare: [{features: [egemaps_accurate_formants, egemaps]}]\n"));
    assertEquals(
        "spec.yaml: compare: classifiers takes two different values of the spec's classifiers (svm, "
            + "rf-numTrees=50), got [svm, svm]",
        error(GOOD + "compare: [{classifiers: [svm, svm]}]\n"));
    assertTrue(
        error(GOOD + "compare: [{classifiers: [svm]}]\n").contains("takes two different values"));
    assertEquals(
        "spec.yaml: compare: unknown key 'protocols'; allowed: features, classifiers, normalisation",
        error(GOOD + "compare: [{protocols: [loso, official]}]\n"));
    assertTrue(
        error(GOOD + "compare: {features: [a, b]}\n")
            .startsWith("spec.yaml: compare must be a list"));
    assertTrue(
        error(GOOD + "compare: [{features: [a, b], classifiers: [svm, rf]}]\n")
            .contains("compare entries are maps with one key"));
    assertTrue(
        error(
                GOOD
                    + "compare: [{normalisation: [global, per-corpus]}, {normalisation: [global, per-corpus]}]\n")
            .contains("normalisation: global − per-corpus is listed twice"));
    assertEquals(
        "spec.yaml: compare needs the bootstrap; set bootstrap.resamples above 0 (e.g. 1000)",
        error(
            GOOD
                + "bootstrap: {resamples: 0}\ncompare: [{normalisation: [global, per-corpus]}]\n"));
  }

  @Test
  void shippedSpecsParse() {
    KnownCorpora known = KnownCorpora.of(CONF);
    for (String f :
        List.of(
            "demo.yaml", "emodb-ravdess.yaml", "emodb-ravdess-ci.yaml", "formant-trackers.yaml")) {
      Path p = CONF.resolve("benchmarks").resolve(f);
      String yaml = assertDoesNotThrowRead(p);
      // corpus folders may be absent on this machine (the demo corpus is generated); check
      // everything else
      BenchmarkSpec s =
          BenchmarkSpec.parse(
              yaml.replaceAll("path: [^,}\\n]+", "path: ."),
              f,
              SETS,
              new KnownCorpora(Set.of("emodb", "ravdess", "manifest", "demo-a", "demo-b")));
      assertTrue(CellPlan.cells(s).size() >= 4, f);
    }
    assertTrue(known.toString() != null);
  }

  private static String assertDoesNotThrowRead(Path p) {
    try {
      return java.nio.file.Files.readString(p);
    } catch (java.io.IOException e) {
      throw new AssertionError("cannot read " + p, e);
    }
  }
}
