package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every option whose value becomes a folder name, with every kind of name that could reach outside
 * that folder: each job refuses it before any work with one line and exit code 2, and the warehouse
 * (with an earlier run under {@code runs/}) is left exactly as it was. {@code --run-id ..} once
 * replaced all of {@code runs/}.
 */
class PathNameOptionsTest {
  @TempDir static Path tmp;
  private static Path warehouse;

  /** The kinds of bad name, each with the words its message must contain. */
  private static final List<String[]> BAD_NAMES =
      List.of(
          new String[] {"..", "names the current or the parent folder"},
          new String[] {".", "names the current or the parent folder"},
          new String[] {"", "is empty"},
          new String[] {"a/b", "contains a path separator"},
          new String[] {"..\\evil", "contains a path separator"},
          new String[] {"bad\u0007name", "contains a control character (U+0007)"},
          new String[] {"line\nbreak", "contains a control character (U+000A)"},
          new String[] {"x".repeat(121), "is 121 characters long; at most 120"},
          new String[] {"_staging", "starts with '_'"});

  private static final String SPEC =
      """
      name: NAME
      label_set: 4class
      corpora: [CORPUS, ravdess]
      features: [egemaps]
      classifiers: [svm]
      protocols: {within: loso}
      """;

  @BeforeAll
  static void warehouseWithARun() throws Exception {
    warehouse = tmp.resolve("wh");
    Files.createDirectories(warehouse.resolve("runs/emodb-ravdess/20260101T000000-abc-12345678"));
    Files.writeString(
        warehouse.resolve("runs/emodb-ravdess/20260101T000000-abc-12345678/report.md"),
        "# a run\n");
    Files.createDirectories(warehouse.resolve("runs/train/earlier"));
    Files.writeString(warehouse.resolve("runs/train/earlier/metrics.json"), "{}\n");
    Files.createDirectories(tmp.resolve("corpus"));
  }

  /** One case per option and kind of bad name: the command line as a function of the name. */
  static Stream<Arguments> cases() throws Exception {
    String model = EmbedJobTest.model("tiny-ssl-lengths").toString();
    String wh = tmp.resolve("wh").toString();
    List<Object[]> options =
        List.of(
            new Object[] {
              "train --run-id",
              (Function<String, String[]>)
                  n ->
                      new String[] {
                        "train", "--warehouse", wh, "--features", "egemaps_v02", "--run-id", n
                      }
            },
            new Object[] {
              "train --corpus",
              (Function<String, String[]>)
                  n ->
                      new String[] {
                        "train", "--warehouse", wh, "--features", "egemaps_v02", "--corpus", n
                      }
            },
            new Object[] {
              "train --features",
              (Function<String, String[]>)
                  n -> new String[] {"train", "--warehouse", wh, "--features", "embeddings/" + n}
            },
            new Object[] {
              "embed --name",
              (Function<String, String[]>)
                  n -> new String[] {"embed", "--warehouse", wh, "--model", model, "--name", n}
            },
            new Object[] {
              "embed --corpus",
              (Function<String, String[]>)
                  n ->
                      new String[] {
                        "embed", "--warehouse", wh, "--model", model, "--name", "x", "--corpus", n
                      }
            },
            new Object[] {
              "features --corpus",
              (Function<String, String[]>)
                  n -> new String[] {"features", "--warehouse", wh, "--corpus", n}
            },
            new Object[] {
              "ingest --corpus name",
              (Function<String, String[]>)
                  n ->
                      new String[] {
                        "ingest",
                        "--warehouse",
                        wh,
                        "--corpus",
                        n + ":manifest=" + tmp.resolve("corpus")
                      }
            },
            new Object[] {
              "benchmark name",
              (Function<String, String[]>)
                  n -> new String[] {"benchmark", spec(n, "emodb"), "--warehouse", wh}
            },
            new Object[] {
              "benchmark corpus name",
              (Function<String, String[]>)
                  n -> new String[] {"benchmark", spec("ok", n), "--warehouse", wh}
            },
            new Object[] {
              "benchmark --compare-to",
              (Function<String, String[]>)
                  n ->
                      new String[] {
                        "benchmark", spec("ok", "emodb"), "--warehouse", wh, "--compare-to", n
                      }
            });
    List<Arguments> out = new ArrayList<>();
    for (Object[] o : options) {
      for (String[] bad : BAD_NAMES) {
        String expect = bad[1];
        @SuppressWarnings("unchecked")
        Function<String, String[]> line = (Function<String, String[]>) o[1];
        out.add(Arguments.of(o[0] + " " + printable(bad[0]), line.apply(bad[0]), expect));
      }
    }
    return out.stream();
  }

  private static String spec(String name, String corpus) {
    try {
      Path p = Files.createTempFile(tmp, "spec", ".yaml");
      // YAML strings quoted, so that every byte of the name reaches the spec's own checks
      Files.writeString(
          p, SPEC.replace("NAME", yamlString(name)).replace("CORPUS", yamlString(corpus)));
      return p.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String yamlString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\x%02x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  private static String printable(String s) {
    return s.isEmpty()
        ? "(empty)"
        : s.length() > 20
            ? s.substring(0, 8) + "...(" + s.length() + ")"
            : s.replace("\n", "\\n").replace("\u0007", "\\a");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedWithOneLineBeforeAnyWork(String label, String[] args, String expected)
      throws Exception {
    List<String> before = listing(warehouse);
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new JobErrors());
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    String msg = err.toString().strip();
    System.out.printf("%-40s -> %s%n", label, msg);
    assertEquals(2, code, msg);
    assertEquals(1, msg.lines().count(), "exactly one line: " + msg);
    assertTrue(msg.startsWith("serspark " + args[0] + ": "), msg);
    assertTrue(msg.contains(expected), "says '" + expected + "': " + msg);
    assertEquals(before, listing(warehouse), "the warehouse (and its earlier runs) untouched");
  }

  private static List<String> listing(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      List<String> out = new ArrayList<>();
      for (Path p : s.sorted().toList())
        out.add(dir.relativize(p) + " " + Files.getLastModifiedTime(p));
      return out;
    }
  }
}
