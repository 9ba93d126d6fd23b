package io.serspark.embeddings;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.serspark.config.ConfigException;
import io.serspark.embed.ModelSpec;
import io.serspark.embed.Pooling;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;

/**
 * A self-supervised speech encoder (a TorchScript file following serspark's embedding contract) as
 * an MLlib stage: appends one vector per row, the chosen hidden states pooled over frames and
 * concatenated in layer order, then pooling order ({@code layers=6, pooling=mean,std} gives [mean
 * of layer 6, std of layer 6]). It runs the {@code embed} job's batched, windowed path ({@link
 * Embeddings#transform}), so the numbers are the job's. Rows are matched back by {@code idCol},
 * which must be unique; row order is not kept (a join), as with any shuffle stage.
 *
 * <pre>{@code
 * new EmbeddingTransformer().setModel("/models/wavlm-base-plus.pt").setLayers("6").setPooling("mean")
 *     .setOutputCol("wavlm6")
 * }</pre>
 */
public final class EmbeddingTransformer extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  /**
   * Library errors name this stage's params, not the embed job's flags they share their checks
   * with.
   */
  private static final Map<String, String> PARAM_OF_FLAG =
      Map.of(
          "--model",
          "model",
          "--layers",
          "layers",
          "--pooling",
          "pooling",
          "--device",
          "device",
          "--max-batch-samples",
          "maxBatchSamples",
          "--window-s",
          "windowSeconds",
          "--overlap-s",
          "overlapSeconds",
          "--max-batch-square-seconds",
          "maxBatchSquareSeconds");

  private static final Pattern FLAG = Pattern.compile("--[a-z][a-z-]*");

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> idCol;
  private final Param<String> outputCol;
  private final Param<String> model;
  private final Param<String> layers;
  private final Param<String> pooling;
  private final Param<String> device;
  private final LongParam maxBatchSamples;
  private final DoubleParam windowSeconds;
  private final DoubleParam overlapSeconds;

  public EmbeddingTransformer() {
    this(Identifiable.randomUID("embedding"));
  }

  public EmbeddingTransformer(String uid) {
    this.uid = uid;
    inputCol =
        new Param<>(this, "inputCol", "binary column of 16 kHz mono int16 little-endian audio");
    idCol = new Param<>(this, "idCol", "unique id of each row, to match the embeddings back to it");
    outputCol =
        new Param<>(
            this, "outputCol", "vector column: the chosen layers' pooled vectors, concatenated");
    model =
        new Param<>(
            this,
            "model",
            "TorchScript file following serspark's embedding contract (local path or "
                + "Hadoop URI)");
    layers =
        new Param<>(
            this,
            "layers",
            "hidden states: all, or indices and ranges such as 6 or 0,6,12 or 1-4 "
                + "(0 = the transformer's input)");
    pooling = new Param<>(this, "pooling", "mean, std or mean,std (over the valid frames)");
    device = new Param<>(this, "device", "auto (CUDA when libtorch reports one), cpu or gpu");
    maxBatchSamples = new LongParam(this, "maxBatchSamples", "budget of padded samples per batch");
    windowSeconds =
        new DoubleParam(
            this, "windowSeconds", "longer utterances are cut into windows of this length");
    overlapSeconds = new DoubleParam(this, "overlapSeconds", "overlap of consecutive windows");
    setDefault(inputCol, "pcm16");
    setDefault(idCol, "utterance_id");
    setDefault(outputCol, "embedding");
    setDefault(layers, "all");
    setDefault(pooling, "mean");
    setDefault(device, "auto");
    setDefault(maxBatchSamples, EmbedOptions.DEFAULT_MAX_BATCH_SAMPLES);
    setDefault(windowSeconds, 20.0);
    setDefault(overlapSeconds, 1.0);
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> idCol() {
    return idCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public Param<String> model() {
    return model;
  }

  public Param<String> layers() {
    return layers;
  }

  public Param<String> pooling() {
    return pooling;
  }

  public Param<String> device() {
    return device;
  }

  public LongParam maxBatchSamples() {
    return maxBatchSamples;
  }

  public DoubleParam windowSeconds() {
    return windowSeconds;
  }

  public DoubleParam overlapSeconds() {
    return overlapSeconds;
  }

  public EmbeddingTransformer setInputCol(String v) {
    set(inputCol, v);
    return this;
  }

  public EmbeddingTransformer setIdCol(String v) {
    set(idCol, v);
    return this;
  }

  public EmbeddingTransformer setOutputCol(String v) {
    set(outputCol, v);
    return this;
  }

  public EmbeddingTransformer setModel(String v) {
    set(model, v);
    return this;
  }

  public EmbeddingTransformer setLayers(String v) {
    set(layers, v);
    return this;
  }

  public EmbeddingTransformer setPooling(String v) {
    set(pooling, v);
    return this;
  }

  public EmbeddingTransformer setDevice(String v) {
    set(device, v);
    return this;
  }

  public EmbeddingTransformer setMaxBatchSamples(long v) {
    set(maxBatchSamples, v);
    return this;
  }

  public EmbeddingTransformer setWindowSeconds(double v) {
    set(windowSeconds, v);
    return this;
  }

  public EmbeddingTransformer setOverlapSeconds(double v) {
    set(overlapSeconds, v);
    return this;
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The embed job's options for these params, checked the same way; errors name the params. */
  EmbedOptions options() {
    if (!isDefined(model))
      throw new IllegalArgumentException("EmbeddingTransformer: set the model (setModel)");
    try {
      return EmbedOptions.of(
          $(model),
          "pipeline",
          $(layers),
          $(pooling),
          $(device),
          (Long) $(maxBatchSamples),
          "auto",
          (Double) $(windowSeconds),
          (Double) $(overlapSeconds),
          null);
    } catch (ConfigException e) {
      Matcher m = FLAG.matcher(e.getMessage());
      StringBuilder msg = new StringBuilder();
      while (m.find())
        m.appendReplacement(msg, "param " + PARAM_OF_FLAG.getOrDefault(m.group(), m.group()));
      m.appendTail(msg);
      throw new IllegalArgumentException("EmbeddingTransformer: " + msg, e);
    }
  }

  @Override
  public StructType transformSchema(StructType schema) {
    options();
    List<String> names = List.of(schema.fieldNames());
    if (!names.contains($(idCol))) {
      throw new IllegalArgumentException(
          "EmbeddingTransformer: idCol '" + $(idCol) + "' is not a column of " + names);
    }
    if (!names.contains($(inputCol))
        || !(schema.apply($(inputCol)).dataType() instanceof BinaryType)) {
      throw new IllegalArgumentException(
          "EmbeddingTransformer: inputCol '"
              + $(inputCol)
              + "' must be a binary column "
              + "of 16 kHz mono int16 little-endian samples; the schema has "
              + names);
    }
    if (names.contains($(outputCol))) {
      throw new IllegalArgumentException(
          "EmbeddingTransformer: output column '" + $(outputCol) + "' already exists");
    }
    return schema.add($(outputCol), new VectorUDT(), true);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    EmbedOptions opts = options();
    Dataset<Row> df = dataset.toDF();
    Dataset<Row> utterances =
        df.select(
            col($(idCol)).cast("string").as("utterance_id"),
            lit("").as("corpus"),
            col($(inputCol)).as("pcm16"),
            length(col($(inputCol))).divide(2).cast("int").as("num_samples"));
    List<String> poolingOrder = new ArrayList<>();
    for (Pooling p : opts.poolings()) poolingOrder.add(p.column());
    UDF1<Seq<Row>, Vector> concatenate =
        parts -> {
          List<Row> sorted = new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(parts));
          sorted.sort(
              Comparator.<Row>comparingInt(r -> r.<Integer>getAs("layer"))
                  .thenComparingInt(r -> poolingOrder.indexOf(r.<String>getAs("pooling"))));
          int n = 0;
          for (Row r : sorted) n += r.getList(r.fieldIndex("vector")).size();
          double[] out = new double[n];
          int k = 0;
          for (Row r : sorted)
            for (Object x : r.getList(r.fieldIndex("vector"))) out[k++] = (Float) x;
          return Vectors.dense(out);
        };
    // one fetch of the model: a remote (hdfs, s3a) one is copied to the driver once, for the
    // embeddings and for the contract that sizes the vector below
    DriverModel model = DriverModel.fetch(df.sparkSession(), opts.model());
    Dataset<Row> vectors =
        Embeddings.transformWith(model, utterances, opts)
            .groupBy(col("utterance_id").as("_embedding_id"))
            .agg(collect_list(struct(col("layer"), col("pooling"), col("vector"))).as("_parts"))
            .select(
                col("_embedding_id"),
                functions.udf(concatenate, new VectorUDT()).apply(col("_parts")).as($(outputCol)));
    // the vector's size as ML attribute metadata, which MLlib's VectorAssembler needs to keep rows
    // with NaN
    ModelSpec spec = model.spec();
    int size =
        spec.dim() * opts.layers().resolve(spec.hiddenStates()).length * opts.poolings().size();
    return df.join(vectors, col($(idCol)).cast("string").equalTo(col("_embedding_id")), "left")
        .drop("_embedding_id")
        .withMetadata($(outputCol), new AttributeGroup($(outputCol), size).toMetadata());
  }

  @Override
  public EmbeddingTransformer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<EmbeddingTransformer> read() {
    return new DefaultParamsReader<>();
  }

  public static EmbeddingTransformer load(String path) {
    return read().load(path);
  }
}
