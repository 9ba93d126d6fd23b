package io.serspark.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where the project and the read-only shared data are, seen from a test JVM. */
public final class TestData {
  private TestData() {}

  public static Path root() {
    String p = System.getProperty("serspark.root");
    Path start = p != null ? Path.of(p) : Path.of("").toAbsolutePath();
    for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("submit.sh")) && Files.isDirectory(d.resolve("conf")))
        return d;
    }
    throw new IllegalStateException("cannot find the project root from " + start);
  }

  public static Path shared() {
    Path s = root().resolve("../shared").normalize();
    if (!Files.isDirectory(s.resolve("corpora"))) {
      throw new IllegalStateException(
          "../shared/corpora is missing beside the project (" + s + ")");
    }
    return s;
  }

  public static Path conf() {
    return root().resolve("conf");
  }

  public static Path emodb() {
    return shared().resolve("corpora/emodb");
  }

  public static Path ravdess() {
    return shared().resolve("corpora/ravdess");
  }

  public static Path anchors() {
    return shared().resolve("anchors/opensmile-egemaps");
  }

  /** {@code corpora/<name>/MANIFEST.tsv} as relpath -> sha256. */
  public static Map<String, String> manifestSha256(String corpus) throws IOException {
    Map<String, String> manifest = new HashMap<>();
    List<String> lines =
        Files.readAllLines(shared().resolve("corpora/" + corpus + "/MANIFEST.tsv"));
    List<String> header = List.of(lines.get(0).split("\t"));
    int pathCol = header.indexOf("relpath");
    int shaCol = header.indexOf("sha256");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      manifest.put(f[pathCol], f[shaCol]);
    }
    return manifest;
  }
}
