package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serspark.spark.Sessions;
import io.serspark.train.EmoDbLosoSvm;
import io.serspark.warehouse.Warehouse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * "Train on EmoDB, predict RAVDESS" through the real train and predict jobs, on a warehouse made of
 * openSMILE's own eGeMAPS of both corpora (EmoDB as it is, the RAVDESS subset at 16 kHz): the
 * predictions and scores must be those of train's own cross-corpus evaluation of the same model.
 */
class PredictJobTest {
  private static final String[] MODEL = {
    "--features",
    "egemaps_v02",
    "--classifier",
    "svm",
    "--grid",
    "regParam=0.1,0.01",
    "--labels",
    "4class",
    "--normalise",
    "global",
    "--inner-folds",
    "2",
    "--bootstrap",
    "200"
  };
  private static Path warehouse;
  private static SparkSession spark;

  @BeforeAll
  static void warehouse() throws Exception {
    spark = Sessions.local(2);
    spark.sparkContext().setLogLevel("WARN");
    warehouse = Files.createTempDirectory("serspark-predict-wh");
    Path anchors = TrainJobTest.sharedRoot().resolve("anchors/opensmile-egemaps");
    List<String> names = EmoDbLosoSvm.featureNames(anchors.resolve("emodb.functionals.csv"));
    Dataset<Row> both =
        EmoDbLosoSvm.openSmileFunctionals(spark, anchors.resolve("emodb.functionals.csv"))
            .unionByName(ravdess(anchors.resolve("ravdess.16k.functionals.csv"), names))
            .cache();
    Warehouse w = Warehouse.open(spark, warehouse.toString());
    w.writeAtomically(
        both.select(
            functions.col("utterance_id"),
            functions.col("corpus"),
            functions.concat(functions.col("utterance_id"), functions.lit(".wav")).as("path"),
            functions.col("speaker"),
            functions.col("emotion"),
            functions.lit(null).cast("string").as("split")),
        "utterances",
        List.of("corpus"));
    List<Column> cols =
        new ArrayList<>(List.of(functions.col("utterance_id"), functions.col("corpus")));
    for (String n : names) cols.add(functions.col("`" + n + "`"));
    cols.add(functions.lit("ok").as("status"));
    w.writeAtomically(both.select(cols.toArray(new Column[0])), "features/egemaps_v02", List.of());
  }

  /**
   * openSMILE's RAVDESS functionals; the file name says the emotion (3rd field) and the actor
   * (7th).
   */
  private static Dataset<Row> ravdess(Path csv, List<String> names) throws Exception {
    List<String> emotions =
        List.of("neutral", "calm", "happy", "sad", "angry", "fear", "disgust", "surprise");
    StructType schema =
        new StructType()
            .add("utterance_id", DataTypes.StringType)
            .add("corpus", DataTypes.StringType)
            .add("speaker", DataTypes.StringType)
            .add("emotion", DataTypes.StringType);
    for (String n : names) schema = schema.add(n, DataTypes.FloatType);
    List<Row> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      String stem = Path.of(f[0]).getFileName().toString().replace(".wav", "");
      String[] parts = stem.split("-");
      Object[] v = new Object[4 + names.size()];
      v[0] = stem;
      v[1] = "ravdess";
      v[2] = parts[6];
      v[3] = emotions.get(Integer.parseInt(parts[2]) - 1);
      for (int i = 0; i < names.size(); i++) v[4 + i] = Float.parseFloat(f[i + 1]);
      rows.add(RowFactory.create(v));
    }
    return spark.createDataFrame(rows, schema);
  }

  private static String[] with(String[] base, String... more) {
    List<String> a = new ArrayList<>(List.of(more));
    a.addAll(List.of(base));
    return a.toArray(new String[0]);
  }

  @Test
  void predictingRavdessWithAnEmoDbModelIsTrainsCrossCorpusEvaluation() throws Exception {
    String wh = warehouse.toString();
    assertEquals(
        0,
        Main.run(
            with(
                MODEL,
                "train",
                "--warehouse",
                wh,
                "--corpus",
                "emodb",
                "--protocol",
                "speaker-kfold:2",
                "--run-id",
                "emodb")));
    assertEquals(
        0,
        Main.run(
            with(
                MODEL,
                "train",
                "--warehouse",
                wh,
                "--corpus",
                "emodb,ravdess",
                "--protocol",
                "cross-corpus:emodb->ravdess",
                "--run-id",
                "cross")));
    assertEquals(
        0,
        Main.run(
            "predict",
            "--model",
            warehouse.resolve("runs/train/emodb").toString(),
            "--warehouse",
            wh,
            "--utterances",
            "--corpus-name",
            "ravdess",
            "--bootstrap",
            "200",
            "--run-id",
            "ravdess"));

    Path out = warehouse.resolve("predictions/ravdess");
    Dataset<Row> predicted = spark.read().parquet(out.resolve("predictions").toString());
    assertEquals(197, predicted.count(), "every RAVDESS utterance predicted, whatever its label");
    assertEquals(1, predicted.select("train_run_id").distinct().count());
    assertEquals("emodb", predicted.select("train_run_id").first().getString(0));
    Map<String, Row> ours = new HashMap<>();
    for (Row r : predicted.collectAsList()) ours.put(r.getAs("utterance_id"), r);
    List<Row> cross =
        spark
            .read()
            .parquet(warehouse.resolve("runs/train/cross/predictions").toString())
            .collectAsList();
    long fourClass =
        predicted.filter(functions.col("emotion").isin("angry", "happy", "neutral", "sad")).count();
    assertEquals(
        fourClass, cross.size(), "train's cross-corpus test side: the 4-class RAVDESS utterances");
    for (Row c : cross) {
      Row p = ours.get(c.<String>getAs("utterance_id"));
      assertEquals(
          c.<String>getAs("predicted"),
          p.getAs("predicted"),
          "class of " + c.getAs("utterance_id"));
      List<Double> a = c.getList(c.fieldIndex("scores")), b = p.getList(p.fieldIndex("scores"));
      for (int k = 0; k < a.size(); k++)
        assertEquals(a.get(k), b.get(k), 1e-9, "score " + k + " of " + c.getAs("utterance_id"));
    }
    JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    JsonNode x =
        new ObjectMapper().readTree(warehouse.resolve("runs/train/cross/metrics.json").toFile());
    assertEquals(
        cross.size(),
        m.get("n_scored").asInt(),
        "scored: the utterances labelled with one of the model's classes");
    for (String k : List.of("uar", "wa", "macro_f1", "macro_auc_ovr"))
      assertEquals(x.get(k).asDouble(), m.get(k).asDouble(), 1e-12, k);
    assertEquals(
        x.get("ci_speaker_bootstrap").toString(),
        m.get("ci_speaker_bootstrap").toString(),
        "same speakers, same replicates");
    assertEquals(x.get("confusion_matrix").toString(), m.get("confusion_matrix").toString());
    String csv = Files.readString(out.resolve("predictions.csv"));
    assertTrue(
        csv.startsWith(
            "utterance_id,corpus,path,speaker,emotion,predicted,score_angry,score_happy,score_neutral,score_sad,"),
        csv.lines().findFirst().orElse(""));
    assertEquals(198, csv.lines().count(), "header + one line per utterance");
    System.out.printf(
        "predict emodb -> ravdess (4 classes, svm, global z-score): UAR %.4f %s, WA %.4f; train cross-corpus UAR %.4f%n",
        m.get("uar").asDouble(),
        m.get("ci_speaker_bootstrap").get("uar"),
        m.get("wa").asDouble(),
        x.get("uar").asDouble());
  }

  @Test
  void aModelWhoseInputsDifferIsRefusedWithOneLine() throws Exception {
    String wh = warehouse.toString();
    // an "embedding" made by encoder sha256 aaa…; the run records it
    Dataset<Row> feats = spark.read().parquet(warehouse.resolve("features/egemaps_v02").toString());
    Column v =
        functions.array(
            functions.col("`F0semitoneFrom27.5Hz_sma3nz_amean`"),
            functions.col("`loudness_sma3_amean`"));
    Dataset<Row> emb =
        feats.select(
            functions.col("utterance_id"),
            functions.col("corpus"),
            functions.lit(0).as("layer"),
            functions.lit("mean").as("pooling"),
            v.as("vector"),
            functions.lit("a".repeat(64)).as("model_sha256"));
    Warehouse w = Warehouse.open(spark, wh);
    w.writeAtomically(emb, "embeddings/enc", List.of());
    assertEquals(
        0,
        Main.run(
            "train",
            "--warehouse",
            wh,
            "--corpus",
            "emodb",
            "--features",
            "embeddings/enc",
            "--classifier",
            "lr",
            "--grid",
            "regParam=0.1",
            "--protocol",
            "speaker-kfold:2",
            "--bootstrap",
            "0",
            "--run-id",
            "enc"));
    String model = warehouse.resolve("runs/train/enc").toString();
    JsonNode m =
        new ObjectMapper().readTree(warehouse.resolve("runs/train/enc/metrics.json").toFile());
    assertEquals(
        "a".repeat(64), m.get("inputs").get("embedding_models").get("embeddings/enc").asText());
    // the same table re-made by another encoder
    w.writeAtomically(
        emb.withColumn("model_sha256", functions.lit("b".repeat(64))), "embeddings/enc", List.of());
    String err =
        errorOf(
            "predict",
            "--model",
            model,
            "--warehouse",
            wh,
            "--utterances",
            "--corpus-name",
            "ravdess",
            "--run-id",
            "p-enc");
    assertTrue(
        err.contains("model sha256 " + "b".repeat(64))
            && err.contains("trained on sha256 " + "a".repeat(64)),
        err);
    assertEquals(1, err.strip().lines().count(), err);
    assertFalse(Files.exists(warehouse.resolve("predictions/p-enc")));
    // a folder that is not a train run, and both inputs at once
    assertTrue(
        errorOf("predict", "--model", wh, "--warehouse", wh, "--utterances")
            .contains("no metrics.json"));
    assertTrue(
        errorOf(
                "predict",
                "--model",
                model,
                "--warehouse",
                wh,
                "--utterances",
                "--corpus-name",
                "iemocap")
            .contains("not in utterances"));
  }

  /** Runs a job that must fail with exit code 2; returns what it printed to stderr. */
  static String errorOf(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new JobErrors());
    cl.setErr(new PrintWriter(err));
    assertEquals(2, cl.execute(args), "exit code 2: " + err);
    return err.toString();
  }
}
