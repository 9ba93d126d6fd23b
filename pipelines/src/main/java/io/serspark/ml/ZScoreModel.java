package io.serspark.ml;

import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted {@link ZScore}. For scope {@code global} it holds the training mean and deviation as params (so that
 * DefaultParamsWritable persists them); for {@code corpus}/{@code speaker} it computes each group's statistics
 * from the data it transforms (one small aggregation), by design: see {@link ZScore}.
 */
public final class ZScoreModel extends Model<ZScoreModel> implements ZScoreParams, DefaultParamsWritable {
  private final String uid;
  private final ZScoreParams.Declared params;
  private final DoubleArrayParam mean;
  private final DoubleArrayParam std;

  public ZScoreModel(String uid) {
    this.uid = uid;
    params = new ZScoreParams.Declared(this);
    mean = new DoubleArrayParam(this, "mean", "training mean per feature (scope global)");
    std = new DoubleArrayParam(this, "std", "training standard deviation per feature, 0 replaced by 1 (scope global)");
  }

  public DoubleArrayParam mean() { return mean; }

  public DoubleArrayParam std() { return std; }

  ZScoreModel setStatistics(double[] m, double[] s) {
    set(mean, m);
    set(std, s);
    return this;
  }

  @Override
  public String uid() { return uid; }

  @Override
  public ZScoreParams.Declared zscoreParams() { return params; }

  @Override
  public StructType transformSchema(StructType schema) {
    String in = $(inputCol());
    StructField f = null;
    for (StructField x : schema.fields()) if (x.name().equals(in)) f = x;
    if (f == null || !(f.dataType() instanceof VectorUDT)) {
      throw new IllegalArgumentException("ZScore: input column " + in + " must be a vector column");
    }
    for (String c : groupColumns()) {
      if (!List.of(schema.fieldNames()).contains(c)) {
        throw new IllegalArgumentException("ZScore scope " + $(scope()) + " needs column " + c);
      }
    }
    if (List.of(schema.fieldNames()).contains($(outputCol()))) {
      throw new IllegalArgumentException("ZScore: output column " + $(outputCol()) + " already exists");
    }
    return schema.add($(outputCol()), new VectorUDT(), false);
  }

  private List<String> groupColumns() {
    return switch ($(scope())) {
      case "corpus" -> List.of($(corpusCol()));
      case "speaker" -> List.of($(corpusCol()), $(speakerCol()));
      default -> List.of();
    };
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Dataset<Row> df = dataset.toDF();
    Column in = df.col($(inputCol()));
    switch ($(scope())) {
      case "none":
        return df.withColumn($(outputCol()), in);
      case "global": {
        if (!isDefined(mean)) throw new IllegalStateException("ZScoreModel (global) has no statistics; fit it first");
        double[] m = $(mean), s = $(std);
        UDF1<Vector, Vector> z = v -> GroupStatistics.normalise(v, m, s);
        return df.withColumn($(outputCol()), functions.udf(z, new VectorUDT()).apply(in));
      }
      default: {
        Column key = groupKey(df);
        Map<String, GroupStatistics.Stats> stats = GroupStatistics.byGroup(df, $(inputCol()), key);
        UDF2<String, Vector, Vector> z = (k, v) -> {
          GroupStatistics.Stats st = stats.get(k);
          return GroupStatistics.normalise(v, st.mean(), st.std());
        };
        return df.withColumn($(outputCol()), functions.udf(z, new VectorUDT()).apply(key, in));
      }
    }
  }

  private Column groupKey(Dataset<Row> df) {
    Column corpus = functions.coalesce(df.col($(corpusCol())).cast("string"), functions.lit(""));
    if ($(scope()).equals("corpus")) return corpus;
    return functions.concat_ws("/", corpus, functions.coalesce(df.col($(speakerCol())).cast("string"), functions.lit("")));
  }

  @Override
  public ZScoreModel copy(ParamMap extra) {
    return copyValues(new ZScoreModel(uid), extra).setParent(parent());
  }

  public static MLReader<ZScoreModel> read() { return new DefaultParamsReader<>(); }

  public static ZScoreModel load(String path) { return read().load(path); }

}
