package io.serspark.hadoop;

import io.serspark.corpus.LinkPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Every file under a folder, recursively. On the local file system this walks {@code listStatus}:
 * Hadoop's {@code listFiles(dir, true)} wraps each file in a {@code LocatedFileStatus}, whose
 * constructor asks for the permissions, and without Hadoop's native library {@code
 * RawLocalFileSystem} learns them by running {@code ls -ld} — one process per file (761 per EmoDB +
 * RAVDESS ingest, about half of its driver CPU). Other file systems keep {@code listFiles}, which
 * object stores answer with one flat listing.
 */
public final class FileListing {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileListing.class);

  private FileListing() {}

  public static List<FileStatus> files(FileSystem fs, Path root) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      java.nio.file.Path local = LinkPolicy.local(fs.makeQualified(root));
      java.nio.file.Path realRoot =
          local != null && java.nio.file.Files.exists(local) ? local.toRealPath() : null;
      walk(fs, root, realRoot, new HashSet<>(), out);
    } else {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) out.add(it.next());
    }
    return out;
  }

  /**
   * Folders are walked only when they resolve inside the root and were not walked before ({@link
   * LinkPolicy}): a folder link to elsewhere is not part of the corpus, and a link loop would
   * otherwise never end.
   */
  private static void walk(
      FileSystem fs,
      Path dir,
      java.nio.file.Path realRoot,
      Set<java.nio.file.Path> walked,
      List<FileStatus> out)
      throws IOException {
    if (realRoot != null) {
      java.nio.file.Path local = LinkPolicy.local(fs.makeQualified(dir));
      if (local == null
          || !LinkPolicy.walkable(realRoot, local)
          || !walked.add(local.toRealPath())) {
        LOG.warn(
            "corpus listing: not walking {}: a folder link that leads outside the corpus folder or back into it",
            dir);
        return;
      }
    }
    for (FileStatus s : fs.listStatus(dir)) {
      if (s.isDirectory()) {
        walk(fs, s.getPath(), realRoot, walked, out);
      } else {
        out.add(s);
      }
    }
  }
}
