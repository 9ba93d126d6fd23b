package io.serspark.ml;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Z-score normalisation of a feature vector, with the scope SER uses:
 * <ul>
 *   <li>{@code global}: mean and standard deviation from the data the estimator is fitted on (the training side of
 *       a fold) and applied unchanged to test data — scikit-learn's StandardScaler fitted on training speakers.</li>
 *   <li>{@code corpus}: each corpus normalised with the statistics of its own utterances.</li>
 *   <li>{@code speaker}: each speaker normalised with the statistics of that speaker's own utterances, test speakers
 *       included. This is how the SER literature does speaker normalisation (Schuller et al., "Cross-corpus acoustic
 *       emotion recognition", IEEE T-AC 2010; Busso et al., "Iterative feature normalization", 2011): it uses the test
 *       speaker's unlabelled audio, never labels, and removes speaker-specific offsets (vocal tract, recording).
 *       The same holds for {@code corpus} in cross-corpus runs.</li>
 *   <li>{@code none}: the vector is copied.</li>
 * </ul>
 * Statistics: population mean and standard deviation (1/n), a zero deviation counts as 1 (the feature is only
 * centred) — as StandardScaler.
 */
public final class ZScore extends Estimator<ZScoreModel> implements ZScoreParams, DefaultParamsWritable {
  public static final List<String> SCOPES = List.of("none", "global", "corpus", "speaker");

  private final String uid;
  private final ZScoreParams.Declared params;

  public ZScore() { this(Identifiable.randomUID("zscore")); }

  public ZScore(String uid) {
    this.uid = uid;
    params = new ZScoreParams.Declared(this);
  }

  public ZScore setInputCol(String v) { set(inputCol(), v); return this; }

  public ZScore setOutputCol(String v) { set(outputCol(), v); return this; }

  public ZScore setScope(String v) { set(scope(), v); return this; }

  public ZScore setCorpusCol(String v) { set(corpusCol(), v); return this; }

  public ZScore setSpeakerCol(String v) { set(speakerCol(), v); return this; }

  @Override
  public String uid() { return uid; }

  @Override
  public ZScoreParams.Declared zscoreParams() { return params; }

  @Override
  public ZScoreModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    ZScoreModel model = new ZScoreModel(uid);
    copyValues(model, ParamMap.empty());
    if ($(scope()).equals("global")) {
      GroupStatistics.Stats s = GroupStatistics.overall(dataset.toDF(), $(inputCol()));
      model.setStatistics(s.mean(), s.std());
    }
    return model.setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return copyValues(new ZScoreModel(uid), ParamMap.empty()).transformSchema(schema);
  }

  @Override
  public ZScore copy(ParamMap extra) { return defaultCopy(extra); }

  public static MLReader<ZScore> read() { return new DefaultParamsReader<>(); }

  public static ZScore load(String path) { return read().load(path); }

}
