package io.serspark.ml;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Fills the NaN entries of a feature vector with that feature's mean over the data it is fitted on
 * (the training side of a fold, so test rows never shape the value they get). NaN marks a value
 * that is undefined for that utterance, not a measurement: an eGeMAPS functional with no input
 * frame, such as the mean unvoiced segment length of an utterance voiced throughout (openSMILE
 * writes 0 there, a number that looks measured). A feature with no defined value on the training
 * side is filled with 0.
 */
public final class MeanImputer extends Estimator<MeanImputerModel>
    implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;

  public MeanImputer() {
    this(Identifiable.randomUID("meanImputer"));
  }

  public MeanImputer(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "input vector column, NaN where a value is undefined");
    outputCol = new Param<>(this, "outputCol", "output vector column without NaN");
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public MeanImputer setInputCol(String v) {
    set(inputCol, v);
    return this;
  }

  public MeanImputer setOutputCol(String v) {
    set(outputCol, v);
    return this;
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public MeanImputerModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Dataset<Row> df = dataset.toDF();
    // one pass: per row the defined values (NaN as 0) followed by 1 where defined, 0 where not;
    // summed
    UDF1<Vector, Vector> split =
        v -> {
          double[] x = v.toArray();
          double[] out = new double[2 * x.length];
          for (int i = 0; i < x.length; i++) {
            boolean defined = !Double.isNaN(x[i]);
            out[i] = defined ? x[i] : 0.0;
            out[x.length + i] = defined ? 1.0 : 0.0;
          }
          return Vectors.dense(out);
        };
    Dataset<Row> parts =
        df.select(functions.udf(split, new VectorUDT()).apply(df.col($(inputCol))).as("s"));
    double[] sums = ((Vector) parts.agg(Summarizer.sum(parts.col("s"))).first().get(0)).toArray();
    double[] fill = new double[sums.length / 2];
    for (int i = 0; i < fill.length; i++) {
      double defined = sums[fill.length + i];
      fill[i] = defined > 0 ? sums[i] / defined : 0.0;
    }
    MeanImputerModel model = new MeanImputerModel(uid).withFill(fill);
    return copyValues(model, ParamMap.empty()).setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return copyValues(new MeanImputerModel(uid), ParamMap.empty()).transformSchema(schema);
  }

  @Override
  public MeanImputer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<MeanImputer> read() {
    return new DefaultParamsReader<>();
  }

  public static MeanImputer load(String path) {
    return read().load(path);
  }
}
