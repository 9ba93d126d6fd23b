package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./submit.sh embed end to end on a small utterances table in a temporary warehouse. */
class EmbedJobTest {
  @TempDir static Path tmp;
  private static SparkSession spark;
  private static String warehouse;
  private static final String MODEL = model("tiny-ssl-lengths").toString();

  /**
   * Shorter than the receptive field, ordinary, and longer than the 2 s window the test asks for.
   */
  private static final int[] LENGTHS = {300, 8000, 16000, 23456, 41000, 12000};

  @BeforeAll
  static void warehouseWithUtterances() {
    spark = Sessions.local(2);
    warehouse = tmp.resolve("wh").toString();
    Warehouse.open(spark, warehouse)
        .writeAtomically(utterances(spark), "utterances", List.of("corpus"));
  }

  @Test
  void writesTheEmbeddingsTable() {
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    int rc;
    try {
      rc =
          Main.run(
              "embed",
              "--warehouse",
              warehouse,
              "--model",
              MODEL,
              "--name",
              "tiny-ssl",
              "--layers",
              "all",
              "--pooling",
              "mean,std",
              "--device",
              "auto",
              "--max-batch-samples",
              "64000",
              "--window-s",
              "2",
              "--overlap-s",
              "0.5");
    } finally {
      System.setOut(stdout);
    }
    String summary = printed.toString(StandardCharsets.UTF_8);
    System.out.print(summary);
    assertEquals(0, rc);
    // the summary names the device the executors used, as recorded in the table
    assertTrue(
        summary.matches("(?s).*embed: " + LENGTHS.length + " utterances .* on cpu in .*"), summary);
    // and how the tasks ran the model: local[2] gives each of its two tasks half the cores
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    assertTrue(
        summary.contains(
            "; tasks ran with "
                + threads
                + " libtorch thread"
                + (threads == 1 ? "" : "s")
                + " per task, "
                + io.serspark.embed.MallocSettings.describe()),
        summary);
    Warehouse wh = Warehouse.open(spark, warehouse);
    assertTrue(wh.exists("embeddings/tiny-ssl"));
    Dataset<Row> t = wh.read("embeddings/tiny-ssl");
    assertEquals(
        List.of("utterance_id", "corpus", "layer", "pooling", "vector", "model_sha256", "device"),
        List.of(t.columns()));
    assertEquals(LENGTHS.length * 4 * 2, t.count(), "utterances × 4 hidden states × 2 poolings");
    assertEquals(1, t.select("model_sha256").distinct().count());
    // this machine has no CUDA device, so auto must have chosen (and recorded) the CPU
    assertEquals("cpu", t.select("device").distinct().first().getString(0));
    assertEquals(32, t.first().getList(4).size(), "vector dimension of the tiny model");
  }

  /**
   * Embedding one corpus keeps the other corpora's vectors (as ingest and features keep their
   * rows).
   */
  @Test
  void oneCorpusAtATimeKeepsTheOthers() {
    String table = "embeddings/per-corpus";
    Warehouse wh = Warehouse.open(spark, warehouse);
    assertEquals(
        0,
        Main.run(
            "embed",
            "--warehouse",
            warehouse,
            "--model",
            MODEL,
            "--name",
            "per-corpus",
            "--layers",
            "2",
            "--pooling",
            "mean"));
    List<Row> before = wh.read(table).orderBy("utterance_id").collectAsList();
    assertEquals(LENGTHS.length, before.size());

    assertEquals(
        0,
        Main.run(
            "embed",
            "--warehouse",
            warehouse,
            "--model",
            MODEL,
            "--name",
            "per-corpus",
            "--layers",
            "2",
            "--pooling",
            "mean",
            "--corpus",
            "even"));
    List<Row> after = wh.read(table).orderBy("utterance_id").collectAsList();
    assertEquals(before.size(), after.size());
    for (int i = 0; i < before.size(); i++) {
      Row b = before.get(i);
      Row a = after.get(i);
      assertEquals(b.getString(0), a.getString(0));
      if (b.getString(1).equals("odd")) {
        assertEquals(b, a, "the odd corpus's rows are kept as they were");
      } else {
        // recomputed in other batches: the batching tolerance of the embedding path
        List<Float> x = b.getList(4);
        List<Float> y = a.getList(4);
        for (int d = 0; d < x.size(); d++)
          assertEquals(x.get(d), y.get(d), 1e-4f, b.getString(0) + " dim " + d);
      }
    }

    // another model under the same name would mix two models in one table: refused, the table
    // untouched
    assertEquals(
        2,
        Main.run(
            "embed",
            "--warehouse",
            warehouse,
            "--model",
            model("tiny-ssl-groupnorm").toString(),
            "--name",
            "per-corpus",
            "--layers",
            "2",
            "--pooling",
            "mean",
            "--corpus",
            "even"));
    assertEquals(before, wh.read(table).orderBy("utterance_id").collectAsList());
  }

  @Test
  void badOptionsFailWithOneLineBeforeSparkWork() {
    String[][] bad = {
      {"--model", "/nonexistent/m.pt", "--name", "x"},
      {"--model", MODEL, "--name", "x", "--layers", "0,9"},
      {"--model", MODEL, "--name", "x", "--max-batch-samples", "-5"},
      {"--model", MODEL, "--name", "x", "--pooling", "max"},
      {"--model", MODEL, "--name", "x", "--device", "tpu"},
      {"--model", MODEL, "--name", "x", "--corpus", "nosuchcorpus"},
      {"--model", model("tiny-ssl-wrong-shape").toString(), "--name", "x"},
    };
    for (String[] args : bad) {
      PrintStream err = System.err;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      int rc;
      try {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String[] full = new String[args.length + 3];
        full[0] = "embed";
        full[1] = "--warehouse";
        full[2] = warehouse;
        System.arraycopy(args, 0, full, 3, args.length);
        rc = Main.run(full);
      } finally {
        System.setErr(err);
      }
      String msg = captured.toString(StandardCharsets.UTF_8).trim();
      assertEquals(2, rc, String.join(" ", args) + " -> " + msg);
      assertTrue(msg.startsWith("serspark embed: "), msg);
      assertFalse(msg.contains("\n\tat "), "no stack trace: " + msg);
      System.out.println("bad options " + String.join(" ", args) + " -> " + msg);
    }
  }

  private static Dataset<Row> utterances(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("utterance_id", DataTypes.StringType)
            .add("corpus", DataTypes.StringType)
            .add("pcm16", DataTypes.BinaryType)
            .add("num_samples", DataTypes.IntegerType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < LENGTHS.length; i++) {
      Random r = new Random(i);
      byte[] pcm = new byte[2 * LENGTHS[i]];
      for (int j = 0; j < LENGTHS[i]; j++) {
        double v =
            0.3 * Math.sin(2 * Math.PI * (120 + 15 * i) * j / 16000.0) + 0.02 * r.nextGaussian();
        short q = (short) Math.round(v * 32767);
        pcm[2 * j] = (byte) q;
        pcm[2 * j + 1] = (byte) (q >> 8);
      }
      rows.add(RowFactory.create("utt" + i, i % 2 == 0 ? "even" : "odd", pcm, LENGTHS[i]));
    }
    return spark.createDataFrame(rows, schema);
  }

  /**
   * A tiny encoder made by scripts/make_tiny_encoder.py (udfs test resources), found from Maven's
   * module folder.
   */
  static Path model(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("udfs/src/test/resources/models/" + name + ".pt");
      if (Files.isRegularFile(p)) return p;
    }
    throw new IllegalStateException("cannot find udfs/src/test/resources/models/" + name + ".pt");
  }
}
