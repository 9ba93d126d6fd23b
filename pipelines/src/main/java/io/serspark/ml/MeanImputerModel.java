package io.serspark.ml;

import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted {@link MeanImputer}: the fill value per feature is a param, so DefaultParamsWritable
 * persists it.
 */
public final class MeanImputerModel extends Model<MeanImputerModel>
    implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final DoubleArrayParam fill;

  public MeanImputerModel(String uid) {
    this.uid = uid;
    // the same names as MeanImputer's, so that copyValues carries them over
    inputCol = new Param<>(this, "inputCol", "input vector column, NaN where a value is undefined");
    outputCol = new Param<>(this, "outputCol", "output vector column without NaN");
    fill =
        new DoubleArrayParam(
            this, "fill", "per feature, the training side's mean of its defined values");
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public DoubleArrayParam fill() {
    return fill;
  }

  MeanImputerModel setFill(double[] v) {
    set(fill, v);
    return this;
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String in = $(inputCol);
    StructField f = null;
    for (StructField x : schema.fields()) if (x.name().equals(in)) f = x;
    if (f == null || !(f.dataType() instanceof VectorUDT)) {
      throw new IllegalArgumentException(
          "MeanImputer: input column " + in + " must be a vector column");
    }
    if (List.of(schema.fieldNames()).contains($(outputCol))) {
      throw new IllegalArgumentException(
          "MeanImputer: output column " + $(outputCol) + " already exists");
    }
    return schema.add($(outputCol), new VectorUDT(), false);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    if (!isDefined(fill))
      throw new IllegalStateException("MeanImputerModel has no fill values; fit it first");
    double[] m = $(fill);
    UDF1<Vector, Vector> impute =
        v -> {
          double[] x = v.toArray();
          if (x.length != m.length) {
            throw new IllegalArgumentException(
                "MeanImputer: vector of size " + x.length + " but " + m.length + " fill values");
          }
          double[] out = x.clone();
          for (int i = 0; i < out.length; i++) if (Double.isNaN(out[i])) out[i] = m[i];
          return Vectors.dense(out);
        };
    Dataset<Row> df = dataset.toDF();
    return df.withColumn(
        $(outputCol), functions.udf(impute, new VectorUDT()).apply(df.col($(inputCol))));
  }

  @Override
  public MeanImputerModel copy(ParamMap extra) {
    return copyValues(new MeanImputerModel(uid), extra).setParent(parent());
  }

  public static MLReader<MeanImputerModel> read() {
    return new DefaultParamsReader<>();
  }

  public static MeanImputerModel load(String path) {
    return read().load(path);
  }
}
