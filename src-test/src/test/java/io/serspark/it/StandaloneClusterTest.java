package io.serspark.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sha2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.warehouse.Warehouse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1 (a master and two workers, separate JVMs, from the project's own
 * Spark jars): {@code ./submit.sh ingest} and {@code ./submit.sh features} on EmoDB through
 * {@code --master spark://...} must write the same tables as local mode.
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
    assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "cluster did not start: " + out
        + "\n" + new String(p.getErrorStream().readAllBytes()));
    master = out.lines().reduce((a, b) -> b).orElseThrow();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (clusterDir != null) script("stop").start().waitFor(30, TimeUnit.SECONDS);
  }

  private static ProcessBuilder script(String... args) {
    List<String> cmd = new ArrayList<>(List.of("bash", TestData.root().resolve("scripts/local-cluster.sh").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("SERSPARK_CLUSTER_DIR", clusterDir.toString());
    return pb;
  }

  private static void submit(Path log, String... jobArgs) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", TestData.root().resolve("submit.sh").toString(),
        "--master", master, "--executor-memory", "1g", "--conf", "spark.cores.max=2"));
    cmd.addAll(List.of(jobArgs));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", TestData.root().resolve("spark-runtime/target/spark-home").toString());
    env.put("SERSPARK_SKIP_BUILD", "1");
    env.put("SERSPARK_DRIVER_MEMORY", "1g");
    Process p = pb.start();
    boolean done = p.waitFor(15, TimeUnit.MINUTES);
    String text = Files.readString(log);
    assertTrue(done && p.exitValue() == 0, "submit.sh " + String.join(" ", jobArgs) + " failed:\n" + tail(text));
    assertTrue(text.contains("Successfully") || text.contains("finished"), tail(text));
  }

  private static String tail(String s) {
    return s.length() < 6000 ? s : s.substring(s.length() - 6000);
  }

  @Test
  void ingestAndFeaturesOnTheClusterEqualLocalMode() throws Exception {
    Path wh = tmp.resolve("cluster-wh");
    submit(tmp.resolve("ingest.log"), "ingest", "--corpus", "emodb=" + TestData.emodb(), "--warehouse", wh.toString(),
        "--files-per-corpus", "2");
    submit(tmp.resolve("features.log"), "features", "--warehouse", wh.toString());
    String log = Files.readString(tmp.resolve("ingest.log"));
    assertTrue(log.contains("535"), "summary printed:\n" + tail(log));

    Warehouse local = RealCorporaWarehouse.withFeatures();
    Warehouse cluster = Warehouse.open(local.spark(), wh.toString());
    assertEquals(rows(local.read("utterances").filter(col("corpus").equalTo("emodb"))),
        rows(cluster.read("utterances")), "utterances: cluster vs local");
    assertEquals(rows(local.read("features/egemaps_v02").filter(col("corpus").equalTo("emodb"))),
        rows(cluster.read("features/egemaps_v02")), "features: cluster vs local");
  }

  /** All columns, binary ones as sha256, sorted: content equality independent of files and partitions. */
  private static List<Row> rows(Dataset<Row> df) {
    Dataset<Row> d = df;
    if (List.of(df.columns()).contains("pcm16")) d = d.withColumn("pcm16", sha2(col("pcm16"), 256));
    String first = d.columns()[0];
    return d.orderBy(first).collectAsList();
  }
}
