package io.serspark.embeddings;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import io.serspark.config.ConfigException;
import io.serspark.embed.BatchPlanner;
import io.serspark.embed.EncoderOutput;
import io.serspark.embed.ModelRunner;
import io.serspark.embed.ModelSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The {@code utterances} table → the {@code embeddings/<name>} table: one row per utterance,
 * selected layer and pooling. Runs the model inside {@code mapPartitions} (one Predictor per
 * partition, one loaded model per executor JVM), never as a per-row SQL function, so batches of
 * many utterances reach the model.
 *
 * <p>Determinism: utterances are hashed into buckets of about {@link #bucketSamples} samples, whose
 * number depends only on the data and the options; bucket i is partition i, embedded as one group
 * sorted by utterance_id. So the batches, the floats in {@code vector} and the row order are the
 * same whatever the input partitioning or executor count.
 */
public final class Embeddings {
  private static final Logger LOG = LoggerFactory.getLogger(Embeddings.class);

  public static final StructType SCHEMA =
      new StructType()
          .add("utterance_id", DataTypes.StringType, false)
          .add("corpus", DataTypes.StringType, false)
          .add("layer", DataTypes.IntegerType, false)
          .add("pooling", DataTypes.StringType, false)
          .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false)
          .add("model_sha256", DataTypes.StringType, false)
          .add("device", DataTypes.StringType, false);

  private static final List<String> NEEDED =
      List.of("utterance_id", "corpus", "pcm16", "num_samples");

  /** application id + file name → URI of the models this JVM's SparkContexts have shipped. */
  private static final java.util.Map<String, String> SHIPPED = new java.util.HashMap<>();

  private Embeddings() {}

  /**
   * The sha256 of the encoder file {@code uri} (a local path or Hadoop URI), as the rows it embeds
   * will carry in {@code model_sha256}.
   */
  /**
   * The model fetched to the driver once, with its contract and sha256, for a caller that checks it
   * before it embeds with it ({@link #transformWith}).
   */
  public static DriverModel fetchModel(SparkSession spark, String uri) {
    return DriverModel.fetch(spark, uri);
  }

  public static Dataset<Row> transform(Dataset<Row> utterances, EmbedOptions opts) {
    return transform(utterances, opts, null);
  }

  /**
   * As {@link #transform(Dataset, EmbedOptions)}, counting utterances, batches and padding into
   * {@code metrics}.
   */
  public static Dataset<Row> transform(
      Dataset<Row> utterances, EmbedOptions opts, EmbedMetrics metrics) {
    return transform(utterances, opts, metrics, bucketSamples(opts.maxBatchSamples()));
  }

  /**
   * With an explicit bucket size (tests use small buckets to get several of them from little
   * audio).
   */
  static Dataset<Row> transform(
      Dataset<Row> utterances, EmbedOptions opts, EmbedMetrics metrics, long perBucket) {
    checkColumns(utterances);
    return transform(
        utterances,
        opts,
        metrics,
        perBucket,
        DriverModel.fetch(utterances.sparkSession(), opts.model()));
  }

  /**
   * As {@link #transform(Dataset, EmbedOptions)} with the model the driver has already fetched, so
   * that a caller that also needs its contract (EmbeddingTransformer sizes its vectors by it)
   * copies a remote model once.
   */
  public static Dataset<Row> transformWith(
      DriverModel model, Dataset<Row> utterances, EmbedOptions opts) {
    checkColumns(utterances);
    return transform(utterances, opts, null, bucketSamples(opts.maxBatchSamples()), model);
  }

  private static void checkColumns(Dataset<Row> utterances) {
    Set<String> have = Set.of(utterances.columns());
    for (String c : NEEDED) {
      if (!have.contains(c)) {
        throw new ConfigException(
            "the utterances table has no column '"
                + c
                + "' (has "
                + Arrays.toString(utterances.columns())
                + "); re-run ./submit.sh ingest");
      }
    }
  }

  private static Dataset<Row> transform(
      Dataset<Row> utterances,
      EmbedOptions opts,
      EmbedMetrics metrics,
      long perBucket,
      DriverModel model) {
    SparkSession spark = utterances.sparkSession();
    ModelSpec spec = model.spec();
    int[] layers = opts.layers().resolve(spec.hiddenStates());
    if (opts.windowSamples() < spec.minSamples()) {
      throw new ConfigException(
          "--window-s "
              + opts.windowS()
              + " is shorter than the model's minimum input of "
              + spec.minSamples()
              + " samples");
    }
    String driverDevice = probe(model, opts);
    if (metrics != null) metrics.modelSha256(spec.sha256());
    LOG.info(
        "model {} sha256={} input={} hidden_states={} dim={} layers={} device(driver probe)={}",
        opts.model(),
        spec.sha256(),
        spec.input().key(),
        spec.hiddenStates(),
        spec.dim(),
        Arrays.toString(layers),
        driverDevice);

    String shipped = ship(spark.sparkContext(), opts.model());
    Dataset<Row> selected = utterances;
    if (opts.corpus() != null)
      selected = selected.filter(col("corpus").equalTo(lit(opts.corpus())));

    Row total = selected.agg(sum(col("num_samples").cast("long"))).first();
    long totalSamples = total.isNullAt(0) ? 0 : total.getLong(0);
    int buckets = (int) Math.max(1, Math.min(100_000, (totalSamples + perBucket - 1) / perBucket));
    LOG.info(
        "embedding {} s of audio in {} buckets of ~{} s",
        totalSamples / EmbedOptions.SAMPLE_RATE_HZ,
        buckets,
        perBucket / EmbedOptions.SAMPLE_RATE_HZ);

    // partition i = bucket i exactly (a hash partitioner on the bucket id would put several buckets
    // in one
    // partition and leave others empty)
    JavaRDD<Row> bucketed =
        selected
            .select(
                col("utterance_id"),
                col("corpus"),
                col("pcm16"),
                pmod(xxhash64(col("utterance_id")), lit((long) buckets)).as("_bucket"))
            .javaRDD()
            .mapToPair(r -> new Tuple2<>((int) (long) r.<Long>getAs("_bucket"), r))
            .partitionBy(new BucketPartitioner(buckets))
            .values();
    EmbedMetrics m = metrics != null ? metrics : new EmbedMetrics(spark.sparkContext());
    JavaRDD<Row> rows =
        bucketed.mapPartitions(
            new EmbedPartition(
                shipped,
                spec,
                layers,
                opts.poolings(),
                opts,
                m,
                tasksPerExecutor(spark.sparkContext())));
    return spark.createDataFrame(rows, SCHEMA);
  }

  /**
   * How many tasks an executor runs at once: local[N] → N, else spark.executor.cores /
   * spark.task.cpus; 0 when unknown (standalone without spark.executor.cores gives an executor all
   * cores of its worker: one per core).
   */
  static int tasksPerExecutor(SparkContext sc) {
    String master = sc.master();
    int taskCpus = sc.getConf().getInt("spark.task.cpus", 1);
    java.util.regex.Matcher local =
        java.util.regex.Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]").matcher(master);
    if (local.matches()) {
      int n =
          local.group(1).equals("*")
              ? Runtime.getRuntime().availableProcessors()
              : Integer.parseInt(local.group(1));
      return Math.max(1, n / taskCpus);
    }
    if (master.equals("local")) return 1;
    int cores = sc.getConf().getInt("spark.executor.cores", 0);
    return cores > 0 ? Math.max(1, cores / taskCpus) : 0;
  }

  /**
   * Samples per bucket: enough for several full batches (so sorting by length leaves little
   * padding), at least 10 and at most 60 minutes of audio (a bucket's waveforms are held in memory
   * as floats: 60 min = 230 MB).
   */
  static long bucketSamples(long maxBatchSamples) {
    long tenMinutes = 600L * EmbedOptions.SAMPLE_RATE_HZ;
    return Math.min(6 * tenMinutes, Math.max(tenMinutes, 8 * maxBatchSamples));
  }

  /**
   * Runs the model once on the driver, on a synthetic 1-second utterance (and a 0.6-second one
   * beside it for models that take lengths, to see that padding is handled), so that a wrong model
   * or device fails here, in one line, before the distributed run. Returns the device used.
   */
  static String probe(DriverModel model, EmbedOptions opts) {
    ModelSpec spec = model.spec();
    boolean pair = spec.input().paddingInvariant();
    int n = EmbedOptions.SAMPLE_RATE_HZ;
    int[] lengths = pair ? new int[] {n, Math.max(spec.minSamples(), n * 6 / 10)} : new int[] {n};
    float[] wav = new float[lengths.length * n];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < lengths.length; i++) {
      for (int j = 0; j < lengths[i]; j++) {
        wav[i * n + j] =
            (float) (0.3 * Math.sin(2 * Math.PI * 150 * j / n) + 0.01 * r.nextGaussian());
      }
    }
    try (ModelRunner runner = ModelRunner.open(model.localFile(), spec, opts.device())) {
      EncoderOutput out = runner.encode(wav, lengths.length, n, lengths);
      if (pair && out.validFrames()[1] >= out.validFrames()[0]) {
        throw new ConfigException(
            "--model "
                + model.uri()
                + " says a 0.6 s input has "
                + out.validFrames()[1]
                + " valid frames and a 1 s input "
                + out.validFrames()[0]
                + ": its frame_lengths output is wrong");
      }
      long mostSamples = mostBatchSamples(spec.hiddenStates(), spec.dim(), out.frames(), n);
      // a batch holds at most the budget, or one window alone when a window is longer than the
      // budget
      if (Math.max(opts.maxBatchSamples(), opts.windowSamples()) > mostSamples) {
        String what =
            opts.windowSamples() > opts.maxBatchSamples()
                ? "--window-s " + opts.windowS() + ": one window's"
                : "--max-batch-samples " + opts.maxBatchSamples() + ": a full batch's";
        throw new ConfigException(
            what
                + " hidden states ("
                + spec.hiddenStates()
                + " hidden states × "
                + spec.dim()
                + " dims × "
                + out.frames()
                + " frames per second of audio) would not fit in one Java array; keep both "
                + "--max-batch-samples and the window's samples at most "
                + mostSamples);
      }
      return runner.device();
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ConfigException(
          "--model "
              + model.uri()
              + " fails on a 1-second probe as a '"
              + spec.input().key()
              + "' model: "
              + firstLine(e),
          e);
    }
  }

  /**
   * The largest budget of padded samples whose batch output, returned as one float array (hidden
   * states × frames × dim of every item), still fits in a Java array; {@code frames} frames come
   * out of {@code samples} samples.
   */
  static long mostBatchSamples(int hiddenStates, int dim, int frames, int samples) {
    double valuesPerSample = (double) hiddenStates * dim * frames / samples;
    return Math.min(
        BatchPlanner.MAX_ARRAY_LENGTH, (long) (BatchPlanner.MAX_ARRAY_LENGTH / valuesPerSample));
  }

  /**
   * Ships the model to every executor once, through Spark's file server or the model's own file
   * system.
   */
  private static synchronized String ship(SparkContext sc, String uri) {
    String name = new org.apache.hadoop.fs.Path(uri).getName();
    String key = sc.applicationId() + "/" + name;
    String before = SHIPPED.putIfAbsent(key, uri);
    if (before == null) {
      sc.addFile(uri);
    } else if (!before.equals(uri)) {
      // executors find shipped files by name only (SparkFiles.get), so two models may not share one
      throw new ConfigException(
          "--model "
              + uri
              + ": this Spark application already shipped "
              + before
              + " under the same file name "
              + name
              + "; give the model a distinct file name");
    }
    return name;
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String m = String.valueOf(root.getMessage());
    int nl = m.indexOf('\n');
    return nl > 0 ? m.substring(0, nl) : m;
  }
}
