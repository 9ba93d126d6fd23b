package io.serspark.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A fitted {@link MeanImputer}: the fill value per feature (the training side's mean of its defined
 * values) is model data, never a settable Param — as MLlib's {@code StandardScalerModel} keeps its
 * statistics and as {@link ZScoreModel} does. Written under {@code data/} by its own writer; a
 * model saved when the fill was a Param ({@code paramMap.fill} in its metadata) still loads.
 */
public final class MeanImputerModel extends Model<MeanImputerModel> implements MLWritable {
  /** The Param name under which models saved before the fill became model data kept it. */
  static final String PARAM_FILL_OF_OLDER_SAVES = "fill";

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private double[] fill;

  public MeanImputerModel(String uid) {
    this.uid = uid;
    // the same names as MeanImputer's, so that copyValues carries them over
    inputCol = new Param<>(this, "inputCol", "input vector column, NaN where a value is undefined");
    outputCol = new Param<>(this, "outputCol", "output vector column without NaN");
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  /** Per feature, the training side's mean of its defined values (a copy); null before a fit. */
  public double[] fill() {
    return fill == null ? null : fill.clone();
  }

  MeanImputerModel withFill(double[] v) {
    fill = v.clone();
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
    if (fill == null)
      throw new IllegalStateException("MeanImputerModel has no fill values; fit it first");
    double[] m = fill;
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
    MeanImputerModel copy = copyValues(new MeanImputerModel(uid), extra);
    if (fill != null) copy.withFill(fill);
    return copy.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<MeanImputerModel> read() {
    return new Reader();
  }

  public static MeanImputerModel load(String path) {
    return read().load(path);
  }

  private static final StructType DATA =
      new StructType().add("fill", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

  /**
   * Params as metadata (as DefaultParamsWriter), the fill values as one Parquet row under data/.
   */
  private static final class Writer extends MLWriter {
    private final MeanImputerModel model;

    Writer(MeanImputerModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      if (model.fill == null)
        throw new IllegalStateException(
            "MeanImputerModel has no fill values to save; fit it first");
      DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sc(), Option.empty(), Option.empty());
      sparkSession()
          .createDataFrame(List.of(RowFactory.create((Object) model.fill)), DATA)
          .repartition(1)
          .write()
          .parquet(path + "/data");
    }
  }

  private static final class Reader extends MLReader<MeanImputerModel> {
    @Override
    public MeanImputerModel load(String path) {
      DefaultParamsReader.Metadata meta =
          DefaultParamsReader$.MODULE$.loadMetadata(path, sc(), MeanImputerModel.class.getName());
      MeanImputerModel model = new MeanImputerModel(meta.uid());
      // an older save holds the fill as a Param this class no longer declares: set the others, and
      // take the fill from there instead of data/
      meta.getAndSetParams(
          model,
          Option.apply(CollectionConverters.asScala(List.of(PARAM_FILL_OF_OLDER_SAVES)).toList()));
      double[] older = fillOfOlderSave(meta.metadataJson(), path);
      if (older != null) return model.withFill(older);
      Row r = sparkSession().read().parquet(path + "/data").select("fill").first();
      List<Double> v = r.getList(0);
      return model.withFill(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double[] fillOfOlderSave(String metadataJson, String path) {
      try {
        JsonNode f =
            new ObjectMapper()
                .readTree(metadataJson)
                .path("paramMap")
                .get(PARAM_FILL_OF_OLDER_SAVES);
        if (f == null) return null;
        double[] v = new double[f.size()];
        for (int i = 0; i < v.length; i++) v[i] = f.get(i).asDouble();
        return v;
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "MeanImputerModel at "
                + path
                + ": its metadata is not JSON: "
                + e.getOriginalMessage());
      }
    }
  }
}
