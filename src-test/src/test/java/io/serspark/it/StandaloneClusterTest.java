package io.serspark.it;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.warehouse.Warehouse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1 (a master and two workers, separate JVMs, from the
 * project's own Spark jars): {@code ./submit.sh ingest} and {@code ./submit.sh features} on EmoDB
 * through {@code --master spark://...} must write the same tables as local mode; so must {@code
 * ./submit.sh embed} with the tiny TorchScript encoder (model file, DJL settings and libtorch
 * reaching the executor JVMs).
 */
class StandaloneClusterTest {
  private static Path clusterDir;
  private static String master;

  @TempDir static Path tmp;

  @BeforeAll
  static void startCluster() throws Exception {
    clusterDir = Files.createDirectories(tmp.resolve("cluster"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = script("start", "2", String.valueOf(port)).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertTrue(
        p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0,
        "cluster did not start: " + out + "\n" + new String(p.getErrorStream().readAllBytes()));
    master = out.lines().reduce((a, b) -> b).orElseThrow();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (clusterDir != null) script("stop").start().waitFor(30, TimeUnit.SECONDS);
  }

  private static ProcessBuilder script(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of("bash", TestData.root().resolve("scripts/local-cluster.sh").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("SERSPARK_CLUSTER_DIR", clusterDir.toString());
    return pb;
  }

  private static void submit(Path log, String... jobArgs) throws Exception {
    submitExpecting("finished", log, jobArgs);
  }

  /** Runs a job on the cluster; it must exit 0 and print {@code summary} (its own summary line). */
  private static void submitExpecting(String summary, Path log, String... jobArgs)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("--master", master, "--executor-memory", "1g", "--conf", "spark.cores.max=2"));
    args.addAll(List.of(jobArgs));
    String text =
        SubmitSh.run(
            log,
            Map.of(
                "SPARK_HOME",
                TestData.root().resolve("spark-runtime/target/spark-home").toString()),
            args);
    assertTrue(text.contains(summary), "no '" + summary + "' in the log:\n" + SubmitSh.tail(text));
  }

  @Test
  void ingestAndFeaturesOnTheClusterEqualLocalMode() throws Exception {
    Path wh = tmp.resolve("cluster-wh");
    submit(
        tmp.resolve("ingest.log"),
        "ingest",
        "--corpus",
        "emodb=" + TestData.emodb(),
        "--warehouse",
        wh.toString(),
        "--files-per-corpus",
        "2");
    submit(tmp.resolve("features.log"), "features", "--warehouse", wh.toString());
    String log = Files.readString(tmp.resolve("ingest.log"));
    assertTrue(log.contains("535"), "summary printed:\n" + SubmitSh.tail(log));

    Warehouse local = RealCorporaWarehouse.withFeatures();
    Warehouse cluster = Warehouse.open(local.spark(), wh.toString());
    assertEquals(
        TableRows.of(local.read("utterances").filter(col("corpus").equalTo("emodb"))),
        TableRows.of(cluster.read("utterances")),
        "utterances: cluster vs local");
    assertEquals(
        TableRows.of(local.read("features/egemaps_v02").filter(col("corpus").equalTo("emodb"))),
        TableRows.of(cluster.read("features/egemaps_v02")),
        "features: cluster vs local");
  }

  @Test
  void embeddingsOnTheClusterEqualLocalMode() throws Exception {
    // the model file, DJL's offline settings and libtorch must reach executor JVMs: the job ships
    // the model through
    // Spark and checks its sha256 there; the vectors must match a local-mode run of the same model
    // (batching and
    // partitioning may differ between the two, the answer may not: 1e-4, the batching contract)
    Path wh = tmp.resolve("embed-wh");
    submit(
        tmp.resolve("ingest-e.log"),
        "ingest",
        "--corpus",
        "emodb=" + TestData.emodb(),
        "--warehouse",
        wh.toString());
    String model =
        TestData.root().resolve("udfs/src/test/resources/models/tiny-ssl-lengths.pt").toString();
    submitExpecting(
        "535 utterances",
        tmp.resolve("embed.log"),
        "embed",
        "--warehouse",
        wh.toString(),
        "--model",
        model,
        "--name",
        "cluster",
        "--layers",
        "all",
        "--pooling",
        "mean",
        "--device",
        "cpu");
    // submit.sh's malloc settings reached the executor JVMs (the summary lists what the tasks saw)
    String summary = Files.readString(tmp.resolve("embed.log"));
    assertTrue(
        summary.contains(
                "tasks ran with 1 libtorch thread per task, GLIBC_TUNABLES="
                    + SubmitShMallocTest.confTunables())
            && !summary.contains("malloc defaults"),
        SubmitSh.tail(summary));
    assertEquals(
        0,
        io.serspark.jobs.Main.run(
            "embed",
            "--warehouse",
            wh.toString(),
            "--model",
            model,
            "--name",
            "local",
            "--layers",
            "all",
            "--pooling",
            "mean",
            "--device",
            "cpu",
            "--max-batch-samples",
            "32000"));
    Warehouse w = Warehouse.open(RealCorporaWarehouse.get().spark(), wh.toString());
    Map<String, float[]> onCluster = vectors(w, "embeddings/cluster"),
        onLocal = vectors(w, "embeddings/local");
    assertEquals(onLocal.keySet(), onCluster.keySet(), "same utterances and layers");
    assertEquals(535 * 4, onLocal.size(), "535 utterances x 4 hidden states");
    double worst = 0;
    for (var e : onLocal.entrySet()) {
      float[] a = e.getValue(), b = onCluster.get(e.getKey());
      for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    System.out.println("embeddings cluster vs local: max abs difference " + worst);
    assertTrue(worst <= 1e-4, "max abs difference " + worst);
  }

  private static Map<String, float[]> vectors(Warehouse w, String table) {
    Map<String, float[]> out = new java.util.TreeMap<>();
    for (var r : w.read(table).select("utterance_id", "layer", "vector").collectAsList()) {
      List<Float> v = r.getList(2);
      float[] f = new float[v.size()];
      for (int i = 0; i < f.length; i++) f[i] = v.get(i);
      out.put(r.getString(0) + "#" + r.getInt(1), f);
    }
    return out;
  }
}
