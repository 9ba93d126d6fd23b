package io.serspark.features;

import io.serspark.egemaps.EgemapsConfig;
import io.serspark.egemaps.EgemapsExtractor;
import io.serspark.egemaps.EgemapsResult;
import io.serspark.egemaps.voice.FormantTracker;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * eGeMAPS functionals of fixed windows of long recordings, for following emotion over time: one row
 * per window with its start and end, the 88 functionals packed as one {@code array<float>} column
 * named after the feature set (as {@code io.serspark.train.FeatureSpec} assembles them; undefined
 * values null) and the window's status. Each file's PCM is decoded once (at ingest) and analysed
 * once ({@link EgemapsExtractor#extractWindows}).
 */
public final class EgemapsWindows {
  private EgemapsWindows() {}

  public static StructType schema(String column) {
    return new StructType()
        .add("utterance_id", DataTypes.StringType)
        .add("corpus", DataTypes.StringType)
        .add("window", DataTypes.IntegerType)
        .add("start_s", DataTypes.DoubleType)
        .add("end_s", DataTypes.DoubleType)
        .add(column, DataTypes.createArrayType(DataTypes.FloatType, true))
        .add("status", DataTypes.StringType);
  }

  /** Samples in {@code seconds}, which must be a whole number of 10 ms hops. */
  public static int samples(String option, double seconds) {
    double hops = seconds * EgemapsConfig.SAMPLE_RATE_HZ / EgemapsConfig.HOP;
    if (seconds <= 0 || Math.abs(hops - Math.rint(hops)) > 1e-6) {
      throw new io.serspark.config.ConfigException(
          option + " " + seconds + ": use a positive number of seconds in steps of 0.01 s");
    }
    return (int) Math.rint(hops) * EgemapsConfig.HOP;
  }

  /** Windows of every utterance of {@code utterances} (utterance_id, corpus, pcm16). */
  public static Dataset<Row> of(
      Dataset<Row> utterances,
      FormantTracker formants,
      String column,
      int windowSamples,
      int hopSamples) {
    return utterances
        .select("utterance_id", "corpus", "pcm16")
        .mapPartitions(
            new Partition(formants, windowSamples, hopSamples), Encoders.row(schema(column)));
  }

  private static final class Partition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final FormantTracker formants;
    private final int window;
    private final int hop;

    Partition(FormantTracker formants, int window, int hop) {
      this.formants = formants;
      this.window = window;
      this.hop = hop;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      EgemapsExtractor extractor =
          new EgemapsExtractor(formants); // FFT plans and filter banks once per partition
      List<Row> out = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        short[] pcm = EgemapsFeatures.samples(r.getAs("pcm16"));
        List<EgemapsResult> windows = extractor.extractWindows(pcm, window, hop);
        double sr = EgemapsConfig.SAMPLE_RATE_HZ;
        for (int i = 0; i < windows.size(); i++) {
          EgemapsResult w = windows.get(i);
          Float[] v = new Float[w.values().length];
          for (int k = 0; k < v.length; k++)
            v[k] = Float.isNaN(w.values()[k]) ? null : w.values()[k];
          double start = (double) i * hop / sr;
          double end = Math.min(pcm.length, (long) i * hop + window) / sr;
          out.add(
              RowFactory.create(
                  r.getAs("utterance_id"), r.getAs("corpus"), i, start, end, v, w.status()));
        }
      }
      return out.iterator();
    }
  }
}
