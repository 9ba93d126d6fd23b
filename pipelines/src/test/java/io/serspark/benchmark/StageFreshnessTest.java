package io.serspark.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.corpus.LabelSets;
import io.serspark.ingest.UtteranceTables;
import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes a benchmark re-run ingest or eGeMAPS: a corpus missing from the table, new, changed or
 * removed audio files in its folder, feature rows that do not match the utterances. Files the table
 * quarantined and files that are not audio do not count.
 */
class StageFreshnessTest {
  @TempDir static Path tmp;
  static SparkSession spark;
  static Warehouse wh;
  static Path corpus;
  static final List<String> FILES = List.of("a.wav", "b.wav", "sub/c.wav");
  static final FileTime EARLIER = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);

  @BeforeAll
  static void warehouse() throws Exception {
    spark = Sessions.local(2);
    corpus = tmp.resolve("c1");
    wh = Warehouse.open(spark, tmp.resolve("wh").toString());
    StructType u =
        new StructType()
            .add("utterance_id", DataTypes.StringType)
            .add("corpus", DataTypes.StringType)
            .add("path", DataTypes.StringType);
    List<Row> utts = new ArrayList<>();
    for (String f : FILES) utts.add(RowFactory.create("id-" + f, "c1", f));
    wh.writeAtomically(spark.createDataFrame(utts, u), "utterances", List.of("corpus"));
    wh.writeAtomically(
        spark.createDataFrame(utts, u).drop("path"), "features/egemaps_v02", List.of("corpus"));
    wh.writeAtomically(
        spark.createDataFrame(
            List.of(RowFactory.create("c1", "bad.wav", null, 3L, "decode", "not audio", "")),
            UtteranceTables.QUARANTINE_SCHEMA),
        UtteranceTables.QUARANTINE,
        List.of("corpus"));
  }

  /**
   * The corpus folder as ingested: the three files, a quarantined one and a text file, all older
   * than the tables.
   */
  @BeforeEach
  void folder() throws Exception {
    if (Files.exists(corpus)) {
      try (var s = Files.walk(corpus)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    for (String f : List.of("a.wav", "b.wav", "sub/c.wav", "bad.wav", "notes.txt")) {
      Path p = corpus.resolve(f);
      Files.createDirectories(p.getParent());
      Files.write(p, new byte[] {1, 2, 3});
      Files.setLastModifiedTime(p, EARLIER);
    }
  }

  static StageFreshness.Plan plan(String corpora) {
    BenchmarkSpec spec =
        BenchmarkSpec.parse(
            String.join(
                "\n",
                "name: fresh",
                "label_set: 4class",
                "corpora: " + corpora,
                "features: [egemaps]",
                "classifiers: [svm]",
                "protocols: {within: loso, cross: false, leave_one_corpus_out: false}",
                ""),
            "spec.yaml",
            LabelSets.load(Path.of("..", "conf")),
            new KnownCorpora(Set.of("emodb")));
    return new StageFreshness(wh).plan(spec, List.of("features/egemaps_v02"));
  }

  static String c1() {
    return "[{name: c1, adapter: emodb, path: " + corpus + "}]";
  }

  @Test
  void upToDateTablesNeedNothing() {
    StageFreshness.Plan p = plan(c1());
    assertTrue(p.nothingToDo(), p.reasons().toString());
  }

  @Test
  void aNewChangedOrRemovedAudioFileReingestsTheCorpusAndItsFeatures() throws Exception {
    Files.write(corpus.resolve("sub/new.flac"), new byte[] {1});
    StageFreshness.Plan p = plan(c1());
    assertEquals(List.of("c1"), p.ingest().stream().map(BenchmarkSpec.CorpusRef::name).toList());
    assertEquals(
        List.of(
            "ingest c1: new file sub/new.flac in " + corpus,
            "features c1: its utterances are being re-ingested"),
        p.reasons());
    assertEquals(Map.of("features/egemaps_v02", List.of("c1")), p.features());

    folder();
    Files.setLastModifiedTime(
        corpus.resolve("b.wav"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    assertEquals("ingest c1: b.wav changed after the last ingest", plan(c1()).reasons().get(0));

    folder();
    Files.delete(corpus.resolve("sub/c.wav"));
    assertEquals("ingest c1: sub/c.wav is no longer in " + corpus, plan(c1()).reasons().get(0));

    folder();
    Files.delete(
        corpus.resolve(
            "bad.wav")); // the quarantined file is gone too: known to the tables, so stale
    assertEquals("ingest c1: bad.wav is no longer in " + corpus, plan(c1()).reasons().get(0));
  }

  @Test
  void aCorpusTheTableLacksIsIngested() throws Exception {
    Path c2 = Files.createDirectories(tmp.resolve("c2"));
    StageFreshness.Plan p =
        plan(
            "[{name: c1, adapter: emodb, path: "
                + corpus
                + "}, {name: c2, adapter: emodb, path: "
                + c2
                + "}]");
    assertEquals(List.of("c2"), p.ingest().stream().map(BenchmarkSpec.CorpusRef::name).toList());
    assertEquals(
        List.of(
            "ingest c2: utterances has no rows for corpus c2",
            "features c2: its utterances are being re-ingested"),
        p.reasons());
  }

  @Test
  void featureRowsThatDoNotMatchTheUtterancesAreRecomputed() {
    Warehouse other = Warehouse.open(spark, tmp.resolve("wh2").toString());
    StructType u =
        new StructType()
            .add("utterance_id", DataTypes.StringType)
            .add("corpus", DataTypes.StringType)
            .add("path", DataTypes.StringType);
    List<Row> utts = new ArrayList<>();
    for (String f : FILES) utts.add(RowFactory.create("id-" + f, "c1", f));
    other.writeAtomically(spark.createDataFrame(utts, u), "utterances", List.of("corpus"));
    other.writeAtomically(
        spark.createDataFrame(
            List.of(RowFactory.create("id-a.wav", "c1"), RowFactory.create("id-gone.wav", "c1")),
            new StructType()
                .add("utterance_id", DataTypes.StringType)
                .add("corpus", DataTypes.StringType)),
        "features/egemaps_v02",
        List.of("corpus"));
    BenchmarkSpec spec =
        BenchmarkSpec.parse(
            String.join(
                "\n",
                "name: fresh",
                "label_set: 4class",
                "corpora: [c1]",
                "features: [egemaps]",
                "classifiers: [svm]",
                "protocols: {within: loso, cross: false, leave_one_corpus_out: false}",
                ""),
            "spec.yaml",
            LabelSets.load(Path.of("..", "conf")),
            new KnownCorpora(Set.of("emodb")));
    StageFreshness.Plan p = new StageFreshness(other).plan(spec, List.of("features/egemaps_v02"));
    assertTrue(p.ingest().isEmpty(), "no folder given: the utterances are taken as they are");
    assertEquals(
        List.of("features c1: 3 utterance ids differ between utterances and features/egemaps_v02"),
        p.reasons());
    assertEquals(Map.of("features/egemaps_v02", List.of("c1")), p.features());
  }
}
