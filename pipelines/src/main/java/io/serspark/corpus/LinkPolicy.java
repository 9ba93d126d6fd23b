package io.serspark.corpus;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;

/**
 * What ingest does with symbolic links in a corpus folder on the local file system: a link is
 * followed only when its target, with every link on the way resolved, lies inside the corpus folder
 * (itself resolved, so a corpus folder that is a link to another disk works). A file link that
 * leads outside is quarantined (stage {@code read}) without opening the target, so no byte of a
 * file outside the corpus (a link to /etc/passwd) ever reaches a reason; a folder link that leads
 * outside, or back up into the tree (a loop), is not walked. Other file systems (HDFS, object
 * stores) have no links that leave the tree they list, and are not checked.
 */
public final class LinkPolicy {
  /**
   * The quarantine detail of a link that leads outside: the target is not named (it is none of the
   * corpus's business).
   */
  public static final String DETAIL = "target not opened";

  private LinkPolicy() {}

  /**
   * Null when {@code file} may be read as part of the corpus at {@code root}; otherwise the
   * quarantine reason. Both are Hadoop paths; only {@code file:} paths (and scheme-less ones) are
   * checked.
   */
  public static String outsideRoot(org.apache.hadoop.fs.Path root, org.apache.hadoop.fs.Path file) {
    java.nio.file.Path localRoot = local(root);
    java.nio.file.Path localFile = local(file);
    if (localRoot == null || localFile == null) return null;
    try {
      java.nio.file.Path realRoot = localRoot.toRealPath();
      java.nio.file.Path real;
      try {
        real = localFile.toRealPath();
      } catch (NoSuchFileException dangling) {
        return Files.isSymbolicLink(localFile)
            ? "the file is a symbolic link to nothing (its target does not exist)"
            : null; // a plain missing file: the read that follows says so
      }
      if (!real.startsWith(realRoot)) {
        return "the file is a symbolic link to a file outside the corpus folder; ingest reads only files inside it";
      }
      return null;
    } catch (IOException e) {
      return null; // the read that follows reports what is wrong with the file
    }
  }

  /** Whether a folder reached by the listing may be walked: it resolves inside {@code realRoot}. */
  public static boolean walkable(java.nio.file.Path realRoot, java.nio.file.Path dir) {
    try {
      return dir.toRealPath().startsWith(realRoot);
    } catch (IOException e) {
      return false;
    }
  }

  /** The local path of a {@code file:} or scheme-less Hadoop path, else null. */
  public static java.nio.file.Path local(org.apache.hadoop.fs.Path p) {
    URI u = p.toUri();
    if (u.getScheme() != null && !u.getScheme().equals("file")) return null;
    return Paths.get(u.getPath());
  }
}
