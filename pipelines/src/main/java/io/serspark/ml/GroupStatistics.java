package io.serspark.ml;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Population mean and standard deviation of a vector column, overall or per group, and the z-score
 * itself.
 */
final class GroupStatistics {
  private GroupStatistics() {}

  /** The statistics of one group's fitted rows. */
  record Stats(double[] mean, double[] std) {
    ZScoreModel.Stats fitted() {
      return new ZScoreModel.Stats(mean, std, false);
    }

    ZScoreModel.Stats adapted() {
      return new ZScoreModel.Stats(mean, std, true);
    }
  }

  static Stats overall(Dataset<Row> df, String vectorCol) {
    Row r =
        df.agg(Summarizer.metrics("mean", "variance", "count").summary(df.col(vectorCol)).as("s"))
            .first();
    return stats(r.getStruct(0));
  }

  /**
   * One aggregation, collected to the driver: a group's statistics are a few vectors, and groups
   * are speakers or corpora.
   */
  static Map<String, Stats> byGroup(Dataset<Row> df, String vectorCol, Column key) {
    Map<String, Stats> out = new HashMap<>();
    for (Row r :
        df.groupBy(key.as("k"))
            .agg(Summarizer.metrics("mean", "variance", "count").summary(df.col(vectorCol)).as("s"))
            .collectAsList()) {
      out.put(r.getString(0), stats(r.getStruct(1)));
    }
    return out;
  }

  private static Stats stats(Row s) {
    double[] mean = ((Vector) s.getAs("mean")).toArray();
    double[] var = ((Vector) s.getAs("variance")).toArray();
    long n = s.getAs("count");
    double[] std = new double[var.length];
    for (int i = 0; i < var.length; i++) {
      // Summarizer's variance is the unbiased one; StandardScaler-style population deviation is
      // sqrt(var (n-1)/n)
      double pop = n > 1 ? var[i] * (n - 1) / n : 0.0;
      std[i] = pop > 0 ? Math.sqrt(pop) : 1.0;
    }
    return new Stats(mean, std);
  }

  static Vector normalise(Vector v, double[] mean, double[] std) {
    double[] x = v.toArray();
    if (x.length != mean.length) {
      throw new IllegalArgumentException(
          "vector of size " + x.length + " but statistics of size " + mean.length);
    }
    double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) z[i] = (x[i] - mean[i]) / std[i];
    return new DenseVector(z);
  }
}
