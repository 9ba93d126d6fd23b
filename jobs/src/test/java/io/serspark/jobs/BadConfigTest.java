package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.spark.Sessions;
import io.serspark.warehouse.Warehouse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Bad configuration, job by job: every case ends with exactly one line on stderr, {@code serspark
 * <job>: ...}, that names the option (or spec key) and says what to do, exit code 2, and nothing
 * written to the warehouse — the check happens before any Spark work that writes. {@code $WH} is a
 * warehouse with utterances and features of two corpora ({@code a}, {@code b}); {@code $NOWH} a
 * folder that does not exist; {@code $SPEC/x} a spec below.
 */
class BadConfigTest {
  @TempDir static Path tmp;
  private static Path warehouse;

  private static final String SPEC =
      """
      name: bad
      label_set: 4class
      corpora: [a, b]
      features: [egemaps]
      classifiers: [svm]
      protocols: {within: loso}
      bootstrap: {resamples: 10, seed: 1}
      """;

  /** Benchmark specs: the valid one above with one thing wrong. */
  private static final Map<String, String> SPECS =
      Map.of(
          "unknown-key", SPEC + "folds: 3\n",
          "unknown-classifier", SPEC.replace("[svm]", "[knn]"),
          "unknown-features", SPEC.replace("[egemaps]", "[mfcc]"),
          "unknown-labels", SPEC.replace("4class", "9class"),
          "negative-bootstrap", SPEC.replace("resamples: 10", "resamples: -1"),
          "huge-bootstrap", SPEC.replace("resamples: 10", "resamples: 100000000"),
          "unknown-corpus", SPEC.replace("[a, b]", "[a, zz]"),
          "reserved-name", SPEC.replace("name: bad", "name: train"));

  @BeforeAll
  static void warehouseAndSpecs() throws Exception {
    SparkSession spark = Sessions.local(2);
    warehouse = tmp.resolve("wh");
    Warehouse wh = Warehouse.open(spark, warehouse.toString());
    BenchmarkFixtures.writeWarehouse(spark, wh);
    // audio for the embed cases: half a second of a 200 Hz tone in every row
    byte[] pcm = new byte[16000];
    for (int i = 0; i < pcm.length / 2; i++) {
      short v = (short) Math.round(8000 * Math.sin(2 * Math.PI * 200 * i / 16000.0));
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    wh.writeAtomically(
        wh.read("utterances")
            .withColumn("pcm16", functions.lit(pcm))
            .withColumn("num_samples", functions.lit(pcm.length / 2)),
        "utterances",
        List.of("corpus"));
    Files.createDirectories(tmp.resolve("specs"));
    for (var e : SPECS.entrySet())
      Files.writeString(tmp.resolve("specs/" + e.getKey() + ".yaml"), e.getValue());
    Files.createDirectories(tmp.resolve("no-manifest"));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // ingest
        bad("--corpus mine=", "ingest --corpus mine=$TMP/no-manifest --warehouse $WH"),
        bad("--corpus", "ingest --corpus emodb=$TMP/nowhere --warehouse $WH"),
        bad("--mode", "ingest --corpus emodb=$TMP/nowhere --warehouse $WH --mode upsert"),
        bad(
            "--partitions",
            "ingest --corpus emodb=$TMP/no-manifest --warehouse $WH --partitions -1"),
        bad(
            "--files-per-corpus",
            "ingest --corpus emodb=$TMP/no-manifest --warehouse $WH --files-per-corpus 0"),
        // a wrong path for a corpus the warehouse holds: replace mode must not swap its rows for
        // none
        bad(
            "no audio files of its layout there (0 files listed",
            "ingest --corpus a:emodb=$TMP/no-manifest --warehouse $WH"),
        bad(
            "no audio files of its layout there ("
                + SPECS.size()
                + " files listed, "
                + SPECS.size()
                + " ignored)",
            "ingest --corpus a:emodb=$TMP/specs --warehouse $WH"),
        // features
        bad("does not exist; give the folder", "features --warehouse $NOWH"),
        bad("--corpus", "features --warehouse $WH --corpus nosuch"),
        bad("--partitions", "features --warehouse $WH --partitions -2"),
        bad("--files-per-corpus", "features --warehouse $WH --files-per-corpus 0"),
        bad(
            "--formants praat: expected opensmile or accurate",
            "features --warehouse $WH --formants praat"),
        // embed
        bad("does not exist; give the folder", "embed --warehouse $NOWH --model $MODEL --name x"),
        bad("--model", "embed --warehouse $WH --model $TMP/missing.pt --name x"),
        bad("--model", "embed --warehouse $WH --model $WRONG_SHAPE --name x"),
        // named by the path the user gave, not by the driver's temporary copy of it
        bad(
            "specs/unknown-key.yaml is not a TorchScript file",
            "embed --warehouse $WH --model $SPEC/unknown-key --name x"),
        bad(
            "--max-batch-samples",
            "embed --warehouse $WH --model $MODEL --name x --max-batch-samples 0"),
        bad(
            "--max-batch-samples",
            "embed --warehouse $WH --model $MODEL --name x --max-batch-samples -5"),
        bad(
            "--max-batch-square-seconds '0': use auto",
            "embed --warehouse $WH --model $MODEL --name x --max-batch-square-seconds 0"),
        bad("--corpus", "embed --warehouse $WH --model $MODEL --name x --corpus nosuch"),
        // train
        bad("does not exist; give the folder", "train --warehouse $NOWH --features egemaps_v02"),
        bad("--labels", "train --warehouse $WH --features egemaps_v02 --labels 9class"),
        bad("--corpus", "train --warehouse $WH --features egemaps_v02 --corpus nosuch"),
        bad("--classifier", "train --warehouse $WH --features egemaps_v02 --classifier knn"),
        bad(
            "corpus zz is not in utterances",
            "train --warehouse $WH --features egemaps_v02 --protocol cross-corpus:a->zz"),
        bad(
            "corpus b is left out by --corpus a",
            "train --warehouse $WH --features egemaps_v02 --corpus a --protocol cross-corpus:a->b"),
        bad("--features", "train --warehouse $WH --features mfcc"),
        bad("--bootstrap", "train --warehouse $WH --features egemaps_v02 --bootstrap -1"),
        bad(
            "--bootstrap 100000000: use 0",
            "train --warehouse $WH --features egemaps_v02 --bootstrap 100000000"),
        bad(
            "--fit-on driver",
            "train --warehouse $WH --features egemaps_v02 --target arousal --fit-on driver"),
        // benchmark
        bad("does not exist", "benchmark $TMP/specs/missing.yaml --warehouse $WH"),
        bad("unknown key 'folds'", "benchmark $SPEC/unknown-key --warehouse $WH"),
        bad("unknown classifier 'knn'", "benchmark $SPEC/unknown-classifier --warehouse $WH"),
        bad("unknown feature set 'mfcc'", "benchmark $SPEC/unknown-features --warehouse $WH"),
        bad("label_set", "benchmark $SPEC/unknown-labels --warehouse $WH"),
        bad("bootstrap.resamples", "benchmark $SPEC/negative-bootstrap --warehouse $WH"),
        bad(
            "bootstrap.resamples must be 0 (no CIs) to 100000",
            "benchmark $SPEC/huge-bootstrap --warehouse $WH"),
        bad("corpus 'zz'", "benchmark $SPEC/unknown-corpus --warehouse $WH"),
        bad(
            "name 'train' is taken: runs/train/ holds the train job's runs",
            "benchmark $SPEC/reserved-name --warehouse $WH"));
  }

  private static Arguments bad(String named, String commandLine) {
    return Arguments.of(commandLine, named);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void oneClearLineExitCode2AndNothingWritten(String commandLine, String named) throws Exception {
    List<String> before = listing(warehouse);
    String[] args =
        commandLine
            .replace("$SPEC/", "$TMP/specs/")
            .replace("$NOWH", "$TMP/no-warehouse")
            .replace("$WH", warehouse.toString())
            .replace("$TMP", tmp.toString())
            .replace("$MODEL", EmbedJobTest.model("tiny-ssl-lengths").toString())
            .replace("$WRONG_SHAPE", EmbedJobTest.model("tiny-ssl-wrong-shape").toString())
            .replaceAll("(specs/[a-z-]+)( |$)", "$1.yaml$2")
            .split(" ");

    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new JobErrors());
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    long t0 = System.nanoTime();
    int code = cl.execute(args);
    double seconds = (System.nanoTime() - t0) / 1e9;

    String msg = err.toString().strip();
    System.out.printf("%-100s -> %s (%.1f s)%n", commandLine, msg, seconds);
    assertEquals(2, code, msg);
    assertEquals(1, msg.lines().count(), "exactly one line: " + msg);
    assertTrue(msg.startsWith("serspark " + args[0] + ": "), msg);
    assertTrue(msg.contains(named), "names " + named + ": " + msg);
    assertEquals(before, listing(warehouse), "nothing written to the warehouse");
    assertFalse(Files.exists(tmp.resolve("no-warehouse")), "no warehouse made");
  }

  /**
   * Every file and folder with its size and modification time; for the write locks' folder only
   * what is in it (a job that took a table's lock and was then refused leaves the folder's time
   * changed and nothing else).
   */
  private static List<String> listing(Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted().toList()) {
        boolean locks = dir.relativize(p).toString().equals("_locks");
        out.add(
            dir.relativize(p)
                + (locks ? "" : " " + Files.size(p) + " " + Files.getLastModifiedTime(p)));
      }
    }
    return out;
  }
}
