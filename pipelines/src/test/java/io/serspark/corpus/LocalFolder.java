package io.serspark.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A corpus folder on the local file system, as {@link CorpusAdapter#scan} takes it (a test
 * fixture).
 */
public final class LocalFolder {
  private LocalFolder() {}

  /**
   * Every regular file under {@code root}, relative, with '/' separators, sorted: the listing tests
   * and local tools give an adapter. Symbolic links are followed (a link loop fails with
   * FileSystemLoopException); ingest itself lists through Hadoop and follows only links that stay
   * inside the corpus folder ({@link LinkPolicy}).
   */
  public static List<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
          .sorted()
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Scans a local folder with an adapter: the convenience the tests and local tools use. */
  public static AdapterResult scan(CorpusAdapter adapter, Path root) throws IOException {
    return adapter.scan(files(root), TextFiles.of(root));
  }
}
