package io.serspark.hadoop;

import io.serspark.corpus.TextFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Small text files of a corpus (labels, manifests), read on the driver through any Hadoop file
 * system.
 */
public final class HadoopTextFiles implements TextFiles {
  private static final long MAX_BYTES = 512L << 20;
  private final FileSystem fs;
  private final Path root;

  public HadoopTextFiles(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  @Override
  public String read(String relPath) throws IOException {
    Path p = new Path(root, relPath);
    long len = fs.getFileStatus(p).getLen();
    if (len > MAX_BYTES)
      throw new IOException(
          p + " is " + len + " bytes; a label or manifest file should be far smaller");
    try (InputStream in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public boolean exists(String relPath) {
    try {
      return fs.exists(new Path(root, relPath));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
