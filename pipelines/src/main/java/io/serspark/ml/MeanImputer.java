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
 * Fills the NaN entries of a feature vector with that feature's mean over the data it is fitted on (the training
 * side of a fold, so test rows never shape the value they get). NaN marks a value that is undefined for that
 * utterance, not a measurement: an eGeMAPS functional with no input frame, such as the mean unvoiced segment length
 * of an utterance voiced throughout (openSMILE writes 0 there, a number that looks measured). A feature with no
 * defined value on the training side is filled with 0.
 */
public final class MeanImputer extends Estimator<MeanImputerModel> implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;

  public MeanImputer() { this(Identifiable.randomUID("meanImputer")); }

  public MeanImputer(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "input vector column, NaN where a value is undefined");
    outputCol = new Param<>(this, "outputCol", "output vector column without NaN");
  }

  public Param<String> inputCol() { return inputCol; }

  public Param<String> outputCol() { return outputCol; }

  public MeanImputer setInputCol(String v) { set(inputCol, v); return this; }

  public MeanImputer setOutputCol(String v) { set(outputCol, v); return this; }

  @Override
  public String uid() { return uid; }

  @Override
  public MeanImputerModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Dataset<Row> df = dataset.toDF();
    UDF1<Vector, Vector> values = v -> map(v, false);
    UDF1<Vector, Vector> defined = v -> map(v, true);
    Dataset<Row> parts = df.select(functions.udf(values, new VectorUDT()).apply(df.col($(inputCol))).as("v"),
        functions.udf(defined, new VectorUDT()).apply(df.col($(inputCol))).as("d"));
    Row sums = parts.agg(Summarizer.sum(parts.col("v")), Summarizer.sum(parts.col("d"))).first();
    double[] sum = ((Vector) sums.get(0)).toArray();
    double[] count = ((Vector) sums.get(1)).toArray();
    double[] fill = new double[sum.length];
    for (int i = 0; i < fill.length; i++) fill[i] = count[i] > 0 ? sum[i] / count[i] : 0.0;
    MeanImputerModel model = new MeanImputerModel(uid).setFill(fill);
    return copyValues(model, ParamMap.empty()).setParent(this);
  }

  /** The defined values with NaN as 0 ({@code indicator} false), or 1 where defined and 0 where not (true). */
  private static Vector map(Vector v, boolean indicator) {
    double[] x = v.toArray();
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) out[i] = Double.isNaN(x[i]) ? 0.0 : indicator ? 1.0 : x[i];
    return Vectors.dense(out);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return copyValues(new MeanImputerModel(uid), ParamMap.empty()).transformSchema(schema);
  }

  @Override
  public MeanImputer copy(ParamMap extra) { return defaultCopy(extra); }

  public static MLReader<MeanImputer> read() { return new DefaultParamsReader<>(); }

  public static MeanImputer load(String path) { return read().load(path); }
}
