package io.serspark.embeddings;

import io.serspark.config.ConfigException;
import io.serspark.embed.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The model as the driver sees it: fetched through Hadoop's FileSystem (so a local path, file://,
 * hdfs:// and s3a:// all work) into a local file, with its contract and sha256 read from that copy.
 */
public record DriverModel(String uri, java.nio.file.Path localFile, ModelSpec spec) {

  static DriverModel fetch(SparkSession spark, String uri) {
    Path p = new Path(uri);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p) || !fs.getFileStatus(p).isFile()) {
        throw new ConfigException("--model " + uri + " does not exist or is not a file");
      }
      java.nio.file.Path dir = Files.createTempDirectory("serspark-driver-model-");
      java.nio.file.Path local = dir.resolve(p.getName());
      fs.copyToLocalFile(false, p, new Path(local.toUri()), true);
      local.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      try {
        return new DriverModel(uri, local, ModelSpec.read(local));
      } catch (ConfigException e) {
        // the message names the driver's temporary copy; the user knows the file by what they typed
        throw new ConfigException(e.getMessage().replace(local.toString(), uri), e);
      }
    } catch (IOException e) {
      throw new ConfigException("--model " + uri + " cannot be read: " + e.getMessage(), e);
    }
  }
}
