package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.serspark.embed.ModelSpec;
import io.serspark.spark.Sessions;
import io.serspark.train.FeatureSpec;
import io.serspark.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec that names an upstream, through the real benchmark job (real ingest, eGeMAPS, embedding
 * stage and experiment API) on 91 EmoDB files (5 speakers, 4 classes) with the tiny test encoder:
 * the embeddings table is computed once, reused when fresh, computed again when the model file
 * changes; the layer sweep is one cell per hidden state plus the mean of the layers; the report's
 * layer-wise table holds the cells' numbers and its figure renders in headless Chromium; bad
 * upstream entries are refused before any work.
 */
class BenchmarkUpstreamsJobTest {
  @TempDir static Path tmp;
  static Path corpus;
  static Path model;
  static Path spec;
  static String warehouse;

  @BeforeAll
  static void setUp() throws Exception {
    corpus = Files.createDirectories(tmp.resolve("emodb/wav"));
    // speakers 03 08 09 10 16, texts a01-a07, angry/happy/neutral/sad: 91 files
    try (DirectoryStream<Path> d =
        Files.newDirectoryStream(
            TrainJobTest.sharedRoot().resolve("corpora/emodb/wav"),
            "{03,08,09,10,16}a0*[WFNT]?.wav")) {
      // copies: ingest quarantines links that lead outside the corpus folder (LinkPolicy)
      for (Path f : d) Files.copy(f, corpus.resolve(f.getFileName()));
    }
    model = Files.createDirectories(tmp.resolve("models")).resolve("tiny.pt");
    Files.copy(EmbedJobTest.model("tiny-ssl-lengths"), model);
    warehouse = tmp.resolve("wh").toString();
    System.setProperty("spark.master", "local[2]");
    assertEquals(
        0,
        Main.run("ingest", "--corpus", "emodb=" + tmp.resolve("emodb"), "--warehouse", warehouse));
    spec = tmp.resolve("upstreams-test.yaml");
    Files.writeString(
        spec,
        """
        name: upstreams-test
        label_set: 4class
        corpora: [{name: emodb, path: %s}]
        features:
          - egemaps
          - {upstream: tiny_w2v2, model: %s, layers: [all, mean], pooling: mean, random_init: true}
        classifiers: [{lr: {regParam: 0.1}}]
        protocols: {within: loso, cross: false}
        normalisation: [global]
        bootstrap: {resamples: 100, seed: 7}
        """
            .formatted(tmp.resolve("emodb"), model));
  }

  @AfterAll
  static void tearDown() {
    System.clearProperty("spark.master");
  }

  record Out(int code, String out) {}

  static Out benchmark() {
    System.setProperty("spark.master", "local[2]");
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run("benchmark", spec.toString(), "--warehouse", warehouse);
      return new Out(code, out.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
      System.out.print(out.toString(StandardCharsets.UTF_8));
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(Path p) throws Exception {
    return new ObjectMapper().readValue(p.toFile(), Map.class);
  }

  static Path latestRun() throws Exception {
    try (Stream<Path> s = Files.list(Path.of(warehouse, "runs", "upstreams-test"))) {
      return s.filter(p -> !p.getFileName().toString().startsWith("_"))
          .sorted()
          .reduce((a, b) -> b)
          .orElseThrow();
    }
  }

  @SuppressWarnings("unchecked")
  @Test
  void embeddingsAreAStageTheLayerSweepIsCellsAndTheReportAnalysesLayers() throws Exception {
    // 1. first run (utterances ingested beforehand): eGeMAPS and the embeddings computed, 6 cells
    Out r1 = benchmark();
    assertEquals(0, r1.code(), r1.out());
    Path run1 = latestRun();
    Map<String, Object> stages1 = json(run1.resolve("stages.json"));
    List<String> actions1 = (List<String>) stages1.get("actions");
    assertTrue(
        actions1.contains("embeddings tiny_w2v2 emodb: embeddings/tiny_w2v2 does not exist"),
        actions1.toString());
    SparkSession spark = Sessions.getOrCreate("test");
    Warehouse wh = Warehouse.open(spark, warehouse);
    var table = wh.read("embeddings/tiny_w2v2");
    assertEquals(91L * 4 * 2, table.count(), "91 utterances x 4 hidden states x (mean, std)");
    assertEquals(List.of(ModelSpec.sha256(EmbedJobTest.model("tiny-ssl-lengths"))), shas(table));
    assertEquals(
        0,
        table
            .join(wh.read("utterances").select("utterance_id", "sha256"), "utterance_id")
            .filter(functions.col("audio_sha256").notEqual(functions.col("sha256")))
            .count(),
        "audio fingerprints");

    List<Map<String, Object>> cells =
        (List<Map<String, Object>>) json(run1.resolve("results.json")).get("cells");
    List<String> layers = List.of("L0", "L1", "L2", "L3", "Lmean");
    List<String> ids = new ArrayList<>(List.of("egemaps|lr-regParam=0.1|global|within:emodb"));
    layers.forEach(l -> ids.add("tiny_w2v2@" + l + "-mean|lr-regParam=0.1|global|within:emodb"));
    assertEquals(ids, cells.stream().map(c -> c.get("cell_id")).toList());
    double[] f1 = cells.stream().mapToDouble(c -> (Double) c.get("macro_f1")).toArray();

    // the layer-wise table holds the cells' numbers, eGeMAPS below; the summary names the best
    // single layer
    String md = Files.readString(run1.resolve("report.md"));
    assertTrue(md.contains("RANDOM-INIT UPSTREAMS (tiny_w2v2)"), md);
    String section = md.substring(md.indexOf("## Layer-wise analysis"));
    for (int l = 0; l < 5; l++) {
      String label = l < 4 ? "L" + l : "mean of layers";
      assertTrue(
          section.matches(
              "(?s).*\\| "
                  + label
                  + " \\| (\\*\\*)?"
                  + String.format(Locale.ROOT, "%.3f", f1[l + 1])
                  + " .*"),
          label + " row with " + f1[l + 1] + ":\n" + section);
    }
    assertTrue(
        section.contains("| egemaps (reference) | " + String.format(Locale.ROOT, "%.3f", f1[0])),
        section);
    int best = 1;
    for (int l = 2; l <= 4; l++) if (f1[l] > f1[best]) best = l;
    String bestLine =
        String.format(
            Locale.ROOT,
            "layer-wise: tiny_w2v2 mean × lr-regParam=0.1: best layer emodb L%d (%.3f)",
            best - 1,
            f1[best]);
    assertTrue(r1.out().contains(bestLine), bestLine + "\n" + r1.out());
    assertTrue(
        section.contains(
            String.format(
                Locale.ROOT,
                "emodb: best layer **L%d** (%.3f); mean of layers %.3f",
                best - 1,
                f1[best],
                f1[5])),
        section);

    // the mean-of-layers feature is the average of the four pooled vectors
    Row one =
        FeatureSpec.parse("embeddings/tiny_w2v2:layer=mean,pooling=mean")
            .load(wh)
            .table()
            .orderBy("utterance_id")
            .first();
    List<Row> perLayer =
        table
            .filter(
                functions
                    .col("utterance_id")
                    .equalTo(one.getString(0))
                    .and(functions.col("pooling").equalTo("mean")))
            .collectAsList();
    assertEquals(4, perLayer.size());
    List<Float> avg = one.getList(1);
    for (int k = 0; k < avg.size(); k++) {
      double sum = 0;
      for (Row r : perLayer) sum += r.<Float>getList(r.fieldIndex("vector")).get(k);
      assertEquals(sum / 4, avg.get(k), 1e-6, "element " + k);
    }

    // the report renders: the layer table and every picture (leaderboard, the layer figure, 6
    // matrices, 6 confusions)
    String html = Files.readString(run1.resolve("report.html"));
    assertTrue(
        html.contains("data-plot=\"plots/layers-within_emodb.png\""),
        "the layer-wise figure is inlined");
    assertTrue(Files.size(run1.resolve("plots/layers-within_emodb.png")) > 5_000);
    String probe = HeadlessChromium.probe(run1.resolve("report.html"), tmp);
    String[] tables = probe.replaceAll(".*tables=([0-9,]*).*", "$1").split(",");
    String[] images = probe.replaceAll(".*images=([0-9,]*).*", "$1").split(",");
    assertEquals(
        1 + 5 + 1,
        Integer.parseInt(tables[3]),
        "layer table: header, 5 layer rows, eGeMAPS: " + probe);
    assertEquals(14, images.length, probe);
    assertTrue(
        Arrays.stream(images).allMatch(w -> Integer.parseInt(w) > 100),
        "every image decoded: " + probe);
    BenchmarkJobTest.copyForInspection(run1);

    // 2. the same spec again: the embeddings table is fresh and not rewritten, every cell from the
    // cache
    long written =
        Files.getLastModifiedTime(Path.of(warehouse, "embeddings/tiny_w2v2/_SUCCESS")).toMillis();
    Out r2 = benchmark();
    assertEquals(0, r2.code(), r2.out());
    Map<String, Object> stages2 = json(latestRun().resolve("stages.json"));
    assertTrue(
        ((List<String>) stages2.get("actions"))
            .contains(
                "embeddings tiny_w2v2 reused: embeddings/tiny_w2v2 "
                    + "is up to date (model sha256, utterances)"),
        stages2.toString());
    assertEquals(6.0, ((Map<String, Double>) stages2.get("seconds")).get("cells_cached"));
    assertEquals(
        written,
        Files.getLastModifiedTime(Path.of(warehouse, "embeddings/tiny_w2v2/_SUCCESS")).toMillis());

    // 3. another model file under the same path: stale, computed again, the upstream's cells again,
    // eGeMAPS cached.
    // A new job is a new Spark application (executors fetch a shipped model once per application
    // and name).
    spark.stop();
    Files.copy(
        EmbedJobTest.model("tiny-ssl-groupnorm"), model, StandardCopyOption.REPLACE_EXISTING);
    Out r3 = benchmark();
    assertEquals(0, r3.code(), r3.out());
    Map<String, Object> stages3 = json(latestRun().resolve("stages.json"));
    assertTrue(
        ((List<String>) stages3.get("actions"))
            .stream()
                .anyMatch(
                    a ->
                        a.startsWith(
                            "embeddings tiny_w2v2 emodb: the model file " + model + " changed")),
        stages3.toString());
    assertEquals(5.0, ((Map<String, Double>) stages3.get("seconds")).get("cells_computed"));
    Warehouse wh3 = Warehouse.open(Sessions.getOrCreate("test"), warehouse);
    assertEquals(List.of(ModelSpec.sha256(model)), shas(wh3.read("embeddings/tiny_w2v2")));
    assertEquals(91L * 4 * 2, wh3.read("embeddings/tiny_w2v2").count());
  }

  static List<String> shas(org.apache.spark.sql.Dataset<Row> t) {
    return t.select("model_sha256").distinct().collectAsList().stream()
        .map(r -> r.getString(0))
        .toList();
  }

  @Test
  void badUpstreamsAreRefusedBeforeAnyWorkWithOneLine() throws Exception {
    Path bad = tmp.resolve("bad-upstream.yaml");
    String nowhere = tmp.resolve("nowhere").toString();
    Files.writeString(
        bad,
        "name: bad\nlabel_set: 4class\ncorpora: [emodb]\nclassifiers: [svm]\n"
            + "features: [{upstream: hubert_base, model: target/models/missing-hubertb.pt}]\n");
    var r =
        BenchmarkJobTest.run(
            new BenchmarkFixtures.FixedEvaluator(6, 0),
            "benchmark",
            bad.toString(),
            "--warehouse",
            nowhere);
    assertEquals(2, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(
        r.err().contains("model target/models/missing-hubertb.pt does not exist")
            && r.err()
                .contains(
                    "build it with: /usr/bin/python3 scripts/export_upstream.py --arch hubert_base --random-init --seed 0 "
                        + "--out target/models/missing-hubertb.pt"),
        r.err());

    Files.writeString(
        bad,
        "name: bad\nlabel_set: 4class\ncorpora: [emodb]\nclassifiers: [svm]\n"
            + "features: [{upstream: tiny, model: "
            + EmbedJobTest.model("tiny-ssl-lengths")
            + ", layers: [12]}]\n");
    var r2 =
        BenchmarkJobTest.run(
            new BenchmarkFixtures.FixedEvaluator(6, 0),
            "benchmark",
            bad.toString(),
            "--warehouse",
            nowhere);
    assertEquals(2, r2.code());
    assertEquals(
        "serspark benchmark: "
            + bad
            + ": features: upstream tiny: layer 12 is not in the model, whose "
            + "hidden states are 0..3 (0 = transformer input); use all, mean or indices in that range",
        r2.err().strip());
    assertTrue(!Files.exists(Path.of(nowhere)), "nothing written");
  }
}
