package io.serspark.hadoop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Every file under a folder, recursively. On the local file system this walks {@code listStatus}: Hadoop's
 * {@code listFiles(dir, true)} wraps each file in a {@code LocatedFileStatus}, whose constructor asks for the
 * permissions, and without Hadoop's native library {@code RawLocalFileSystem} learns them by running {@code ls -ld}
 * — one process per file (761 per EmoDB + RAVDESS ingest, about half of its driver CPU). Other file systems keep
 * {@code listFiles}, which object stores answer with one flat listing.
 */
public final class FileListing {
  private FileListing() {}

  public static List<FileStatus> files(FileSystem fs, Path root) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      walk(fs, root, out);
    } else {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) out.add(it.next());
    }
    return out;
  }

  private static void walk(FileSystem fs, Path dir, List<FileStatus> out) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      if (s.isDirectory()) {
        walk(fs, s.getPath(), out);
      } else {
        out.add(s);
      }
    }
  }
}
