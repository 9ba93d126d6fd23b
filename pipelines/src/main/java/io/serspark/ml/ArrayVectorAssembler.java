package io.serspark.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Concatenates numeric columns, {@code array<float|double>} columns (embedding vectors) and vector
 * columns into one dense vector, in the order of {@code inputCols}. MLlib's own VectorAssembler
 * does not take arrays, and embedding tables store {@code array<float>}. A null value is an error
 * that names the column (feature rows without values, status != ok, are excluded before assembly
 * and counted by {@link io.serspark.train.FeatureSpec}), unless {@code handleNull} is {@code nan}:
 * a null element of an array (an eGeMAPS functional that is undefined for that utterance, e.g. the
 * mean unvoiced segment length of an utterance without one) becomes NaN, for {@link MeanImputer} to
 * fill. A whole column that is null stays an error: its width is unknown.
 */
public final class ArrayVectorAssembler extends Transformer implements DefaultParamsWritable {
  private final String uid;
  private final StringArrayParam inputCols;
  private final Param<String> outputCol;
  private final Param<String> handleNull;

  public ArrayVectorAssembler() {
    this(Identifiable.randomUID("arrayVecAssembler"));
  }

  public ArrayVectorAssembler(String uid) {
    this.uid = uid;
    // Params must exist before they are used, and MLlib finds them through public no-arg methods
    // (below)
    this.inputCols =
        new StringArrayParam(
            this, "inputCols", "columns to concatenate: numeric, array<float|double> or vector");
    this.outputCol = new Param<>(this, "outputCol", "output vector column");
    this.handleNull =
        new Param<>(
            this,
            "handleNull",
            "a null array element: error, or nan (for an imputer)",
            ParamValidators.inArray(new String[] {"error", "nan"}));
    setDefault(outputCol, "features");
    setDefault(handleNull, "error");
  }

  public Param<String> handleNull() {
    return handleNull;
  }

  public ArrayVectorAssembler setHandleNull(String v) {
    set(handleNull, v);
    return this;
  }

  public StringArrayParam inputCols() {
    return inputCols;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public ArrayVectorAssembler setInputCols(String... cols) {
    set(inputCols, cols);
    return this;
  }

  public ArrayVectorAssembler setOutputCol(String col) {
    set(outputCol, col);
    return this;
  }

  public String[] getInputCols() {
    return $(inputCols);
  }

  public String getOutputCol() {
    return $(outputCol);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!isDefined(inputCols) || getInputCols().length == 0)
      throw new IllegalArgumentException("ArrayVectorAssembler: set inputCols");
    for (String c : getInputCols()) {
      StructField f = field(schema, c);
      if (!(f.dataType() instanceof NumericType
          || f.dataType() instanceof VectorUDT
          || (f.dataType() instanceof ArrayType a && a.elementType() instanceof NumericType))) {
        throw new IllegalArgumentException(
            "ArrayVectorAssembler: column "
                + c
                + " has type "
                + f.dataType().simpleString()
                + "; expected a number, array<float|double> or vector");
      }
    }
    if (List.of(schema.fieldNames()).contains(getOutputCol())) {
      throw new IllegalArgumentException(
          "ArrayVectorAssembler: output column " + getOutputCol() + " already exists");
    }
    return schema.add(getOutputCol(), new VectorUDT(), false);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String[] cols = getInputCols();
    DataType[] types = new DataType[cols.length];
    Column[] in = new Column[cols.length];
    for (int i = 0; i < cols.length; i++) {
      types[i] = field(dataset.schema(), cols[i]).dataType();
      in[i] = dataset.col(cols[i]);
    }
    boolean nullAsNaN = $(handleNull).equals("nan");
    UDF1<Row, Vector> assemble =
        row -> {
          List<Double> out = new ArrayList<>();
          for (int i = 0; i < cols.length; i++) {
            if (row.isNullAt(i))
              throw new IllegalArgumentException("ArrayVectorAssembler: null in column " + cols[i]);
            Object v = row.get(i);
            if (v instanceof Number n) out.add(n.doubleValue());
            else if (v instanceof Vector vec) for (double d : vec.toArray()) out.add(d);
            else
              for (Object e : row.getList(i)) {
                if (e == null && !nullAsNaN) {
                  throw new IllegalArgumentException(
                      "ArrayVectorAssembler: null element in column " + cols[i]);
                }
                out.add(e == null ? Double.NaN : ((Number) e).doubleValue());
              }
          }
          double[] a = new double[out.size()];
          for (int i = 0; i < a.length; i++) a[i] = out.get(i);
          return Vectors.dense(a);
        };
    return dataset
        .toDF()
        .withColumn(
            getOutputCol(), functions.udf(assemble, new VectorUDT()).apply(functions.struct(in)));
  }

  private static StructField field(StructType schema, String name) {
    for (StructField f : schema.fields()) if (f.name().equals(name)) return f;
    throw new IllegalArgumentException(
        "ArrayVectorAssembler: no column "
            + name
            + " (have: "
            + String.join(", ", schema.fieldNames())
            + ")");
  }

  @Override
  public ArrayVectorAssembler copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** Read back by {@code PipelineModel.load}, which calls this static method by reflection. */
  public static MLReader<ArrayVectorAssembler> read() {
    return new DefaultParamsReader<>();
  }

  public static ArrayVectorAssembler load(String path) {
    return read().load(path);
  }
}
