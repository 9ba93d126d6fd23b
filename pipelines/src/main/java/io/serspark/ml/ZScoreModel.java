package io.serspark.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A fitted {@link ZScore}: the mean and deviation of every group (one group, key {@code ""}, for
 * scope {@code global}; a corpus or a {@code corpus/speaker} otherwise) as model data, never as
 * settable Params and never computed from the frame being transformed — as MLlib's {@code
 * StandardScalerModel}, and for the same reason: a row's output must not depend on which other rows
 * share its batch. Written under {@code data/} by its own writer.
 *
 * <p>Groups the fit never saw (a corpus only on the test side, a test speaker) get statistics only
 * through {@link #adaptedTo}, from their unlabelled utterances; they are listed in {@link
 * #adaptedGroups()} so that a report can say which statistics came from test-side audio.
 * Transforming a row of a group without statistics fails.
 */
public final class ZScoreModel extends Model<ZScoreModel> implements ZScoreParams, MLWritable {
  static final String GLOBAL = "";

  private final String uid;
  private final ZScoreParams.Declared params;
  private Map<String, Stats> statistics = Map.of();

  /**
   * One group's statistics; {@code adapted}: taken from unlabelled utterances outside the fit (see
   * adaptedTo).
   */
  record Stats(double[] mean, double[] std, boolean adapted) implements Serializable {}

  public ZScoreModel(String uid) {
    this.uid = uid;
    params = new ZScoreParams.Declared(this);
  }

  ZScoreModel withStatistics(Map<String, Stats> s) {
    statistics = Collections.unmodifiableMap(new TreeMap<>(s));
    return this;
  }

  /** The fitted groups: {@code ""} for global, corpus names, or {@code corpus/speaker} keys. */
  public List<String> groups() {
    return List.copyOf(statistics.keySet());
  }

  /**
   * Groups whose statistics came from {@link #adaptedTo} (unlabelled utterances outside the fitted
   * data).
   */
  public List<String> adaptedGroups() {
    return statistics.entrySet().stream()
        .filter(e -> e.getValue().adapted())
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The mean per feature of a group (a copy). */
  public double[] mean(String group) {
    return stats(group).mean().clone();
  }

  /** The population deviation per feature of a group, 0 replaced by 1 (a copy). */
  public double[] std(String group) {
    return stats(group).std().clone();
  }

  private Stats stats(String group) {
    Stats s = statistics.get(group);
    if (s == null)
      throw new IllegalArgumentException(
          "ZScoreModel has no statistics for group '" + group + "'; has " + groups());
    return s;
  }

  /**
   * A copy of this model that also normalises the groups of {@code unlabelled} it has no statistics
   * for, each with the statistics of all of that group's rows in {@code unlabelled} (no label is
   * read). Scope {@code corpus}: a corpus seen only on the test side — unsupervised adaptation to
   * it. Scope {@code speaker}: the test speakers — transductive speaker normalisation. Groups the
   * model already has keep their fitted statistics; scopes {@code global} and {@code none} are
   * returned unchanged. The adapted statistics are then model data like the others, so a row's
   * output is the same alone or in any batch.
   */
  public ZScoreModel adaptedTo(Dataset<?> unlabelled) {
    if (groupColumns().isEmpty()) return this;
    transformSchema(unlabelled.schema());
    Dataset<Row> df = unlabelled.toDF();
    Column key = groupKey(df);
    List<String> missing = new ArrayList<>();
    for (Row r : df.select(key.as("k")).distinct().collectAsList()) {
      if (!statistics.containsKey(r.getString(0))) missing.add(r.getString(0));
    }
    Map<String, Stats> all = new TreeMap<>(statistics);
    if (!missing.isEmpty()) {
      Dataset<Row> rows = df.filter(key.isin(missing.toArray()));
      GroupStatistics.byGroup(rows, $(inputCol()), groupKey(rows))
          .forEach((k, s) -> all.put(k, s.adapted()));
    }
    return copy(ParamMap.empty()).withStatistics(all);
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
      throw new IllegalArgumentException(
          "ZScore: output column " + $(outputCol()) + " already exists");
    }
    return schema.add($(outputCol()), new VectorUDT(), false);
  }

  List<String> groupColumns() {
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
    if ($(scope()).equals("none")) return df.withColumn($(outputCol()), in);
    if (statistics.isEmpty())
      throw new IllegalStateException(
          "ZScoreModel (" + $(scope()) + ") has no statistics; fit it first");
    if ($(scope()).equals("global")) {
      Stats g = stats(GLOBAL);
      UDF1<Vector, Vector> z = v -> GroupStatistics.normalise(v, g.mean(), g.std());
      return df.withColumn($(outputCol()), functions.udf(z, new VectorUDT()).apply(in));
    }
    Map<String, Stats> byGroup = statistics;
    String scope = $(scope());
    UDF2<String, Vector, Vector> z =
        (k, v) -> {
          Stats st = byGroup.get(k);
          if (st == null) {
            throw new IllegalStateException(
                "ZScoreModel (scope "
                    + scope
                    + ") has no statistics for '"
                    + k
                    + "' (it has "
                    + new TreeSet<>(byGroup.keySet())
                    + "): statistics come from the fitted data or from adaptedTo(...), "
                    + "never from the rows being transformed");
          }
          return GroupStatistics.normalise(v, st.mean(), st.std());
        };
    return df.withColumn($(outputCol()), functions.udf(z, new VectorUDT()).apply(groupKey(df), in));
  }

  Column groupKey(Dataset<Row> df) {
    Column corpus = functions.coalesce(df.col($(corpusCol())).cast("string"), functions.lit(""));
    if ($(scope()).equals("corpus")) return corpus;
    return functions.concat_ws(
        "/", corpus, functions.coalesce(df.col($(speakerCol())).cast("string"), functions.lit("")));
  }

  @Override
  public ZScoreModel copy(ParamMap extra) {
    return copyValues(new ZScoreModel(uid), extra).withStatistics(statistics).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<ZScoreModel> read() {
    return new Reader();
  }

  public static ZScoreModel load(String path) {
    return read().load(path);
  }

  private static final StructType DATA =
      new StructType()
          .add("group", DataTypes.StringType, false)
          .add("mean", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
          .add("std", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
          .add("adapted", DataTypes.BooleanType, false);

  /**
   * Params as metadata (as DefaultParamsWriter), the statistics as one Parquet row per group under
   * data/.
   */
  private static final class Writer extends MLWriter {
    private final ZScoreModel model;

    Writer(ZScoreModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sc(), Option.empty(), Option.empty());
      List<Row> rows = new ArrayList<>();
      model.statistics.forEach(
          (k, s) -> rows.add(RowFactory.create(k, s.mean(), s.std(), s.adapted())));
      sparkSession().createDataFrame(rows, DATA).repartition(1).write().parquet(path + "/data");
    }
  }

  private static final class Reader extends MLReader<ZScoreModel> {
    @Override
    public ZScoreModel load(String path) {
      DefaultParamsReader.Metadata meta =
          DefaultParamsReader$.MODULE$.loadMetadata(path, sc(), ZScoreModel.class.getName());
      ZScoreModel model = new ZScoreModel(meta.uid());
      meta.getAndSetParams(model, Option.empty());
      Map<String, Stats> stats = new TreeMap<>();
      for (Row r : sparkSession().read().parquet(path + "/data").collectAsList()) {
        stats.put(
            r.getString(0),
            new Stats(toDoubles(r.getList(1)), toDoubles(r.getList(2)), r.getBoolean(3)));
      }
      return model.withStatistics(stats);
    }

    private static double[] toDoubles(List<Double> v) {
      return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }
}
