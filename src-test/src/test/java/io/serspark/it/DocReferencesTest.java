package io.serspark.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every document our code, scripts and docs send a user to exists. Error messages end with "see
 * docs/…"; when a document is renamed and a message is not, the user is sent nowhere exactly when
 * they need help (the README-*.md files became docs/*.md and 20 messages kept the old names).
 */
class DocReferencesTest {
  /** A path-like name ending in .md, not part of a longer path or URL. */
  private static final Pattern MD_NAME =
      Pattern.compile("(?<![\\w/.:-])((?:\\.\\./)?(?:[\\w.-]+/)*[\\w-]+\\.md)\\b");

  /** A relative Markdown link target: [text](target) or [text](target#anchor). */
  private static final Pattern MD_LINK = Pattern.compile("\\]\\(([^)#\\s:]+)(#[^)\\s]*)?\\)");

  /**
   * Names that are outputs or fixtures, not documents: a report the jobs write, a test corpus's
   * stray file.
   */
  private static final Set<String> NOT_DOCUMENTS = Set.of("report.md", "notes/README.md");

  private static final Set<String> SCANNED =
      Set.of("java", "py", "sh", "md", "yaml", "yml", "ipynb", "xml");
  private static final Set<String> SKIPPED_DIRS =
      Set.of(
          ".git", "target", "demo-corpus", "demo-warehouse", "node_modules", ".ipynb_checkpoints");

  @Test
  void everyReferencedDocumentExists() throws IOException {
    Path root = TestData.root();
    Path shared = TestData.shared();
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path file : sources(root)) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Matcher m = MD_NAME.matcher(text);
      while (m.find()) {
        String ref = m.group(1);
        if (NOT_DOCUMENTS.contains(ref) || ref.endsWith("/report.md"))
          continue; // a run's report, an output
        checked++;
        if (!resolves(ref, file, root, shared)) broken.add(root.relativize(file) + ": " + ref);
      }
      if (file.toString().endsWith(".md")) {
        Matcher l = MD_LINK.matcher(text);
        while (l.find()) {
          String target = l.group(1);
          checked++;
          if (!Files.exists(file.getParent().resolve(target))) {
            broken.add(root.relativize(file) + ": link (" + target + ")");
          }
        }
      }
    }
    assertTrue(
        checked > 40,
        "the scan found only " + checked + " references; is the pattern still right?");
    assertTrue(
        broken.isEmpty(),
        broken.size()
            + " references to documents that do not exist:\n  "
            + String.join("\n  ", broken));
  }

  /**
   * Where a reference can point: the project, the referring file's folder or module (any folder
   * above it), ../shared.
   */
  private static boolean resolves(String ref, Path from, Path root, Path shared)
      throws IOException {
    for (Path d = from.getParent(); d != null && d.startsWith(root); d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(ref))) return true;
    }
    String underShared =
        ref.startsWith("../shared/")
            ? ref.substring(10)
            : ref.startsWith("shared/") ? ref.substring(7) : ref;
    List<Path> candidates =
        List.of(
            shared.resolve(underShared),
            shared.resolve("docs").resolve(ref),
            shared.resolve("anchors/opensmile-egemaps").resolve(ref));
    for (Path c : candidates) {
      if (Files.isRegularFile(c)) return true;
    }
    // "SOURCE.md" alone names each corpus's provenance file
    if (!ref.contains("/")) {
      try (Stream<Path> corpora = Files.list(shared.resolve("corpora"))) {
        return corpora.anyMatch(c -> Files.isRegularFile(c.resolve(ref)));
      }
    }
    return false;
  }

  /**
   * Every {@code ./submit.sh} command in the README and docs names a job that exists and only
   * options that job (or spark-submit, which submit.sh passes them to) takes: a renamed option must
   * not leave the front door wrong.
   */
  @Test
  void everyDocumentedCommandParses() throws IOException {
    Path root = TestData.root();
    picocli.CommandLine main = new picocli.CommandLine(new io.serspark.jobs.Main());
    Set<String> spark = Set.of(SUBMIT_SH_SPARK_OPTIONS.trim().split("\\s+"));
    List<String> wrong = new ArrayList<>();
    int commands = 0;
    for (Path md : sources(root)) {
      if (!md.toString().endsWith(".md")) continue;
      String text = Files.readString(md, StandardCharsets.UTF_8).replace("\\\n", " ");
      Matcher m = SUBMIT.matcher(text);
      while (m.find()) {
        int lineStart = text.lastIndexOf('\n', m.start()) + 1;
        if (text.substring(lineStart, m.start()).matches(".*(^|\\s)#.*"))
          continue; // a shell comment mentions it
        String args = m.group(1).replaceAll("<[^>]*>", "PLACEHOLDER").trim();
        if (args.isEmpty()) continue; // prose: "`./submit.sh` in its own JVM"
        String[] words = args.split("\\s+");
        String job = null;
        for (int i = 0; i < words.length; i++) {
          String w = words[i];
          String key = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
          if (spark.contains(key)) {
            if (!w.contains("=") && !key.equals("--verbose") && !key.equals("--supervise"))
              i++; // its value
            continue;
          }
          if (job == null) {
            if (w.startsWith("-")
                || w.equals("PLACEHOLDER")
                || w.startsWith("[")
                || w.startsWith("…")) break;
            job = w;
            commands++;
            if (!main.getSubcommands().containsKey(job)) {
              wrong.add(root.relativize(md) + ": ./submit.sh " + job + " (no such job)");
              break;
            }
            continue;
          }
          String opt = key.replaceAll("^\\[+", "");
          if (!opt.startsWith("--") || opt.equals("--")) continue;
          opt = opt.replaceAll("[\\]\\[|`,.;:)]+$", "");
          if (main.getSubcommands().get(job).getCommandSpec().findOption(opt) == null) {
            wrong.add(
                root.relativize(md) + ": ./submit.sh " + job + " " + opt + " (no such option)");
          }
        }
      }
    }
    assertTrue(
        commands > 20,
        "found only " + commands + " documented commands; is the pattern still right?");
    assertTrue(
        wrong.isEmpty(),
        wrong.size() + " documented commands do not parse:\n  " + String.join("\n  ", wrong));
  }

  /** {@code ./submit.sh} and the rest of its line (line continuations already joined). */
  private static final Pattern SUBMIT = Pattern.compile("\\./submit\\.sh([^\\n`|]*)");

  /**
   * As submit.sh's takes_value list, plus the two flags it knows: these go to spark-submit, not to
   * the job.
   */
  private static final String SUBMIT_SH_SPARK_OPTIONS =
      " --master --deploy-mode --conf --jars --files --archives "
          + "--packages --repositories --properties-file --driver-memory --driver-java-options --driver-library-path "
          + "--driver-class-path --driver-cores --executor-memory --executor-cores --num-executors "
          + "--total-executor-cores --queue --principal --keytab --py-files --exclude-packages --verbose --supervise ";

  private static List<Path> sources(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    Files.walkFileTree(
        root,
        new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult preVisitDirectory(
              Path dir, java.nio.file.attribute.BasicFileAttributes a) {
            boolean skip =
                !dir.equals(root)
                    && (SKIPPED_DIRS.contains(dir.getFileName().toString())
                        || dir.getFileName().toString().startsWith("."));
            boolean ci = dir.equals(root.resolve(".ci"));
            return skip && !ci
                ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                : java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFile(
              Path f, java.nio.file.attribute.BasicFileAttributes a) {
            String name = f.getFileName().toString();
            int dot = name.lastIndexOf('.');
            if (dot > 0 && SCANNED.contains(name.substring(dot + 1))) out.add(f);
            else if (name.equals("run") && f.getParent().equals(root.resolve(".ci"))) out.add(f);
            return java.nio.file.FileVisitResult.CONTINUE;
          }
        });
    return out;
  }
}
