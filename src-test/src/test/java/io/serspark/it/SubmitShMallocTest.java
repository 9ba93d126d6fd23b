package io.serspark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit.sh gives its JVM and the executors the glibc malloc settings of conf/glibc.tunables, and
 * keeps a user's own. The launchers are stand-ins that print what they were given ({@code java}
 * first on the PATH, and a SPARK_HOME whose bin/spark-submit does the same), and submit.sh runs
 * from a copy of the project's submit.sh and conf/ (so a test may change the copy's conf), so this
 * checks submit.sh's wiring alone; StandaloneClusterTest sees the settings arrive in real
 * executors.
 */
class SubmitShMallocTest {
  @TempDir static Path tmp;
  private static Path bin;
  private static Path sparkHome;
  private static Path root;

  private static final String ECHO =
      "#!/usr/bin/env bash\n"
          + "echo \"GLIBC_TUNABLES=${GLIBC_TUNABLES-<unset>}\"\n"
          + "printf 'arg:%s\\n' \"$@\"\n";

  @BeforeAll
  static void standInLaunchers() throws Exception {
    bin = Files.createDirectories(tmp.resolve("bin"));
    executable(bin.resolve("java"), ECHO);
    sparkHome = Files.createDirectories(tmp.resolve("spark-home"));
    executable(Files.createDirectories(sparkHome.resolve("bin")).resolve("spark-submit"), ECHO);
    root = Files.createDirectories(tmp.resolve("project"));
    Files.copy(TestData.root().resolve("submit.sh"), root.resolve("submit.sh"));
    Path conf = Files.createDirectories(root.resolve("conf"));
    try (var files = Files.list(TestData.conf())) {
      for (Path f : files.filter(Files::isRegularFile).toList())
        Files.copy(f, conf.resolve(f.getFileName()));
    }
  }

  private static void executable(Path p, String text) throws Exception {
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** conf/glibc.tunables without its comments: what submit.sh must hand on. */
  static String confTunables() throws Exception {
    StringBuilder b = new StringBuilder();
    for (String line : Files.readAllLines(TestData.conf().resolve("glibc.tunables"))) {
      if (!line.strip().startsWith("#")) b.append(line.strip());
    }
    return b.toString();
  }

  /**
   * Runs submit.sh with the stand-ins; {@code tunables} null: GLIBC_TUNABLES not in its environment
   * at all.
   */
  private static List<String> launch(String tunables, boolean withSparkHome, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("submit.sh").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("PATH", bin + ":" + env.get("PATH"));
    env.put("SERSPARK_SKIP_BUILD", "1");
    env.remove("SPARK_HOME");
    env.remove("GLIBC_TUNABLES");
    if (withSparkHome) env.put("SPARK_HOME", sparkHome.toString());
    if (tunables != null) env.put("GLIBC_TUNABLES", tunables);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "submit.sh did not return");
    assertEquals(0, p.exitValue(), out);
    return out.lines().toList();
  }

  private static List<String> executorEnvConfs(List<String> lines) {
    List<String> confs = new ArrayList<>();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).equals("arg:--conf")
          && lines.get(i + 1).startsWith("arg:spark.executorEnv.GLIBC_TUNABLES=")) {
        confs.add(lines.get(i + 1).substring("arg:spark.executorEnv.GLIBC_TUNABLES=".length()));
      }
    }
    return confs;
  }

  @Test
  void theConfFileHoldsSettingsGlibcKnows() throws Exception {
    String t = confTunables();
    assertFalse(t.isEmpty());
    for (String setting : t.split(":")) {
      assertTrue(
          setting.matches(
              "glibc\\.malloc\\.(mmap_threshold|trim_threshold|top_pad|arena_max)=\\d+"),
          setting);
    }
  }

  @Test
  void localModeJvmGetsTheConfFileSettings() throws Exception {
    List<String> out = launch(null, false, "--master", "local[2]", "embed", "--help");
    assertEquals("GLIBC_TUNABLES=" + confTunables(), out.get(0), String.join("\n", out));
  }

  @Test
  void aUsersOwnSettingIsKeptAndEmptyMeansGlibcDefaults() throws Exception {
    List<String> own = launch("glibc.malloc.arena_max=2", false, "embed", "--help");
    assertEquals("GLIBC_TUNABLES=glibc.malloc.arena_max=2", own.get(0));
    List<String> none = launch("", false, "embed", "--help");
    assertEquals(
        "GLIBC_TUNABLES=<unset>",
        none.get(0),
        "empty: glibc's defaults, the variable not passed on");
  }

  @Test
  void aConfFileOfCommentsOnlyOrNoneMeansGlibcDefaults() throws Exception {
    Path file = root.resolve("conf/glibc.tunables");
    String original = Files.readString(file);
    try {
      Files.writeString(
          file, "# every setting commented out\n# glibc.malloc.mmap_threshold=33554432\n");
      List<String> commented = launch(null, true, "embed", "--help");
      assertEquals("GLIBC_TUNABLES=<unset>", commented.get(0), String.join("\n", commented));
      assertEquals(List.of(), executorEnvConfs(commented));
      Files.delete(file);
      assertEquals("GLIBC_TUNABLES=<unset>", launch(null, false, "embed", "--help").get(0));
    } finally {
      Files.writeString(file, original);
    }
  }

  @Test
  void sparkSubmitPassesThemToExecutorsBeforeTheUsersConf() throws Exception {
    List<String> out = launch(null, true, "--master", "spark://127.0.0.1:7077", "embed", "--help");
    assertEquals("GLIBC_TUNABLES=" + confTunables(), out.get(0));
    assertEquals(List.of(confTunables()), executorEnvConfs(out));

    // spark-submit keeps the last --conf of a key: the user's comes after serspark's
    List<String> overridden =
        launch(
            null,
            true,
            "--conf",
            "spark.executorEnv.GLIBC_TUNABLES=glibc.malloc.arena_max=4",
            "embed",
            "--help");
    assertEquals(List.of(confTunables(), "glibc.malloc.arena_max=4"), executorEnvConfs(overridden));

    assertEquals(
        List.of(),
        executorEnvConfs(launch("", true, "embed", "--help")),
        "empty: nothing for executors");
  }
}
