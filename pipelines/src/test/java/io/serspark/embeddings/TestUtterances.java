package io.serspark.embeddings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A small utterances DataFrame of synthetic speech-like audio, and the tiny test encoders of the
 * udfs module.
 */
public final class TestUtterances {
  public static final StructType SCHEMA =
      new StructType()
          .add("utterance_id", DataTypes.StringType)
          .add("corpus", DataTypes.StringType)
          .add("pcm16", DataTypes.BinaryType)
          .add("num_samples", DataTypes.IntegerType);

  private TestUtterances() {}

  /** Mixed lengths: shorter than the receptive field, ordinary, and longer than a 2 s window. */
  public static final int[] LENGTHS = {
    300, 4000, 8000, 11234, 16000, 16000, 23456, 30000, 41000, 52000, 9999, 20000
  };

  public static Dataset<Row> dataFrame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < LENGTHS.length; i++) {
      rows.add(
          RowFactory.create(
              String.format("u%02d", i),
              i % 3 == 0 ? "tiny_b" : "tiny_a",
              pcm16(LENGTHS[i], i),
              LENGTHS[i]));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  public static byte[] pcm16(int n, long seed) {
    Random r = new Random(seed);
    byte[] out = new byte[2 * n];
    double phase = 0;
    for (int i = 0; i < n; i++) {
      double t = i / 16000.0;
      phase += 2 * Math.PI * (110 + 20 * seed + 10 * Math.sin(2 * Math.PI * 2.5 * t)) / 16000.0;
      double v =
          (0.25 * Math.sin(phase) + 0.1 * Math.sin(2 * phase + 0.5) + 0.03 * r.nextGaussian())
              * (0.5 + 0.5 * Math.sin(2 * Math.PI * 0.7 * t + seed));
      short s = (short) Math.round(v * 32767.0);
      out[2 * i] = (byte) s;
      out[2 * i + 1] = (byte) (s >> 8);
    }
    return out;
  }

  /**
   * A tiny encoder of udfs/src/test/resources/models, found from the module folder Maven runs tests
   * in.
   */
  public static Path model(String name) {
    Path dir = Path.of("").toAbsolutePath();
    for (; dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("udfs/src/test/resources/models/" + name + ".pt");
      if (Files.isRegularFile(p)) return p;
    }
    throw new IllegalStateException(
        "cannot find udfs/src/test/resources/models/"
            + name
            + ".pt above "
            + Path.of("").toAbsolutePath());
  }
}
