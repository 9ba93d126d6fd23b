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
 * Z-score normalisation of a feature vector, with the scopes SER uses. Each is one sentence in a
 * paper:
 *
 * <ul>
 *   <li>{@code global}: every utterance is normalised with the mean and deviation of the training
 *       side.
 *   <li>{@code corpus}: every utterance is normalised with its corpus's mean and deviation over
 *       that corpus's training-side utterances; a corpus that appears only on the test side gets
 *       them from all of its utterances, without labels — unsupervised adaptation ({@link
 *       ZScoreModel#adaptedTo}). In a within-corpus split the training side holds one corpus, so
 *       this equals {@code global}.
 *   <li>{@code speaker}: every utterance is normalised with its speaker's mean and deviation over
 *       all of that speaker's utterances, without labels, test speakers included — transductive
 *       speaker normalisation as the SER literature does it (Schuller et al., "Cross-corpus
 *       acoustic emotion recognition", IEEE T-AC 2010; Busso et al., "Iterative feature
 *       normalization", 2011); test speakers are added with {@link ZScoreModel#adaptedTo}.
 *   <li>{@code none}: the vector is copied.
 * </ul>
 *
 * The statistics are fitted model data; a model never takes them from the frame it transforms, so a
 * test utterance's output is the same alone and in any batch. Statistics: population mean and
 * standard deviation (1/n), a zero deviation counts as 1 (the feature is only centred) — as
 * StandardScaler.
 */
public final class ZScore extends Estimator<ZScoreModel>
    implements ZScoreParams, DefaultParamsWritable {
  public static final List<String> SCOPES = List.of("none", "global", "corpus", "speaker");

  private final String uid;
  private final ZScoreParams.Declared params;

  public ZScore() {
    this(Identifiable.randomUID("zscore"));
  }

  public ZScore(String uid) {
    this.uid = uid;
    params = new ZScoreParams.Declared(this);
  }

  public ZScore setInputCol(String v) {
    set(inputCol(), v);
    return this;
  }

  public ZScore setOutputCol(String v) {
    set(outputCol(), v);
    return this;
  }

  public ZScore setScope(String v) {
    set(scope(), v);
    return this;
  }

  public ZScore setCorpusCol(String v) {
    set(corpusCol(), v);
    return this;
  }

  public ZScore setSpeakerCol(String v) {
    set(speakerCol(), v);
    return this;
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public ZScoreParams.Declared zscoreParams() {
    return params;
  }

  @Override
  public ZScoreModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    ZScoreModel model = new ZScoreModel(uid);
    copyValues(model, ParamMap.empty());
    Dataset<Row> df = dataset.toDF();
    java.util.Map<String, ZScoreModel.Stats> stats = new java.util.TreeMap<>();
    switch ($(scope())) {
      case "none" -> {}
      case "global" ->
          stats.put(ZScoreModel.GLOBAL, GroupStatistics.overall(df, $(inputCol())).fitted());
      default ->
          GroupStatistics.byGroup(df, $(inputCol()), model.groupKey(df))
              .forEach((k, s) -> stats.put(k, s.fitted()));
    }
    return model.withStatistics(stats).setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return copyValues(new ZScoreModel(uid), ParamMap.empty()).transformSchema(schema);
  }

  @Override
  public ZScore copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<ZScore> read() {
    return new DefaultParamsReader<>();
  }

  public static ZScore load(String path) {
    return read().load(path);
  }
}
