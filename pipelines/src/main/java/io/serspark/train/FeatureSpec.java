package io.serspark.train;

import io.serspark.config.ConfigException;
import io.serspark.config.PathSegment;
import io.serspark.ml.ArrayVectorAssembler;
import io.serspark.ml.MeanImputer;
import io.serspark.ml.ZScore;
import io.serspark.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Which feature sets a run uses, e.g. {@code egemaps_v02}, {@code embeddings/tiny:layer=2}, {@code
 * embeddings/tiny:layer=2,pooling=mean} or several joined with '+': {@code
 * egemaps_v02+embeddings/tiny:layer=2}.
 *
 * <p>Each set becomes one column of the assembled table (named after the set, e.g. {@code
 * egemaps_v02}, {@code embeddings_tiny_l2_mean}): an {@code array<float>} of the 88 functionals in
 * openSMILE's order, or the chosen layer and pooling of the embedding. {@link
 * io.serspark.ml.ArrayVectorAssembler} concatenates these columns in the order given. Packing the
 * 88 functionals into one column avoids openSMILE's names with '.' in Spark column paths.
 */
public final class FeatureSpec {
  /**
   * One feature set: a table and, for embeddings, the layer and pooling. {@code layer} is a
   * hidden-state index, null (the table's only layer), or {@link #MEAN_OF_LAYERS} ({@code
   * layer=mean}).
   */
  public record Source(String table, Integer layer, String pooling) {
    /**
     * {@code layer=mean}: the average of every hidden state's pooled vector (the SUPERB-style
     * unweighted layer average; for std pooling the average of the per-layer stds, not the std of
     * the averaged frames).
     */
    public static final int MEAN_OF_LAYERS = -1;

    public boolean isEmbedding() {
      return table.startsWith("embeddings/");
    }

    public boolean meanOfLayers() {
      return layer != null && layer == MEAN_OF_LAYERS;
    }

    public String column() {
      if (!isEmbedding()) return table.substring("features/".length()).replace('/', '_');
      String base = table.replace('/', '_');
      return base
          + (layer == null ? "" : meanOfLayers() ? "_lmean" : "_l" + layer)
          + (pooling == null ? "" : "_" + pooling);
    }
  }

  /** The assembled table and what was left out. */
  public record Assembled(Dataset<Row> table, Map<String, Long> excluded) {}

  private final List<Source> sources;
  private final String spec;

  private FeatureSpec(String spec, List<Source> sources) {
    this.spec = spec;
    this.sources = List.copyOf(sources);
  }

  public static FeatureSpec parse(String spec) {
    if (spec == null || spec.isBlank())
      throw new ConfigException(
          "--features is empty; e.g. egemaps_v02 or embeddings/<name>:layer=2");
    List<Source> out = new ArrayList<>();
    for (String part : spec.split("\\+")) {
      String p = part.trim();
      String[] tq = p.split(":", 2);
      String t = tq[0].trim();
      String table = t.startsWith("features/") || t.startsWith("embeddings/") ? t : "features/" + t;
      PathSegment.check("--features table name", table.substring(table.indexOf('/') + 1));
      Integer layer = null;
      String pooling = null;
      if (tq.length == 2) {
        if (!table.startsWith("embeddings/"))
          throw new ConfigException(
              "--features " + p + ": options (layer=, pooling=) apply to embeddings/<name> only");
        for (String kv : tq[1].split(",")) {
          String[] a = kv.split("=", 2);
          String k = a[0].trim().toLowerCase(Locale.ROOT);
          if (a.length != 2)
            throw new ConfigException("--features " + p + ": expected key=value, got '" + kv + "'");
          if (k.equals("layer") && a[1].trim().equals("mean")) {
            layer = Source.MEAN_OF_LAYERS;
          } else if (k.equals("layer")) {
            try {
              layer = Integer.parseInt(a[1].trim());
            } catch (NumberFormatException e) {
              throw new ConfigException(
                  "--features "
                      + p
                      + ": layer must be an integer or 'mean' (the average of "
                      + "all layers)");
            }
            if (layer < 0)
              throw new ConfigException("--features " + p + ": layer must be 0 or more, or 'mean'");
          } else if (k.equals("pooling")) {
            pooling = a[1].trim();
          } else {
            throw new ConfigException(
                "--features " + p + ": unknown option '" + k + "' (use layer=N, pooling=NAME)");
          }
        }
      }
      out.add(new Source(table, layer, pooling));
    }
    return new FeatureSpec(spec, out);
  }

  /**
   * The feature sets given as typed sources (the benchmark's way in); {@link #toString} renders
   * them in the {@code --features} grammar.
   */
  public static FeatureSpec of(List<Source> sources) {
    if (sources.isEmpty()) throw new IllegalArgumentException("a feature spec needs a feature set");
    List<String> parts = new ArrayList<>();
    for (Source s : sources) {
      String table =
          s.table().startsWith("features/") ? s.table().substring("features/".length()) : s.table();
      List<String> opts = new ArrayList<>();
      if (s.layer() != null) opts.add("layer=" + (s.meanOfLayers() ? "mean" : s.layer()));
      if (s.pooling() != null) opts.add("pooling=" + s.pooling());
      parts.add(opts.isEmpty() ? table : table + ":" + String.join(",", opts));
    }
    return new FeatureSpec(String.join("+", parts), sources);
  }

  public List<Source> sources() {
    return sources;
  }

  /** The assembled columns, in order: the assembler's inputCols. */
  public List<String> inputColumns() {
    return sources.stream().map(Source::column).toList();
  }

  @Override
  public String toString() {
    return spec;
  }

  /**
   * Reads every feature table, keeps usable rows, and joins them on {@code utterance_id} (inner
   * join: an utterance missing from any set is left out and counted). Rows of {@code features/*}
   * with {@code status != 'ok'} are excluded and counted. Fails with a message listing what exists
   * when a layer or pooling is not there.
   */
  public Assembled load(Warehouse warehouse) {
    Map<String, Long> excluded = new LinkedHashMap<>();
    Dataset<Row> joined = null;
    for (Source s : sources) {
      if (!warehouse.exists(s.table())) {
        throw new ConfigException(
            "--features "
                + spec
                + ": there is no table "
                + s.table()
                + " in the warehouse "
                + warehouse.root()
                + " (eGeMAPS is egemaps_v02, written by ./submit.sh features; embeddings/<name> by "
                + "./submit.sh embed --name <name>)");
      }
      Dataset<Row> t = warehouse.read(s.table());
      Dataset<Row> one = s.isEmbedding() ? embedding(t, s) : functionals(t, s, excluded);
      joined = joined == null ? one : joined.join(one, "utterance_id");
    }
    return new Assembled(joined, excluded);
  }

  private static Dataset<Row> functionals(Dataset<Row> t, Source s, Map<String, Long> excluded) {
    List<String> skip = List.of("utterance_id", "corpus", "status");
    List<Column> values = new ArrayList<>();
    for (var f : t.schema().fields()) {
      if (skip.contains(f.name())) continue;
      String type = f.dataType().typeName();
      if (type.equals("float") || type.equals("double"))
        values.add(t.col("`" + f.name() + "`").cast("float"));
    }
    if (values.isEmpty())
      throw new ConfigException("table " + s.table() + " has no float feature columns");
    Dataset<Row> usable = t;
    if (List.of(t.columns()).contains("status")) {
      long bad = t.filter(functions.not(functions.col("status").equalTo("ok"))).count();
      excluded.put(s.table() + " status != ok", bad);
      usable = t.filter(functions.col("status").equalTo("ok"));
    }
    return usable.select(
        functions.col("utterance_id"),
        functions.array(values.toArray(new Column[0])).as(s.column()));
  }

  /**
   * The stages that turn this spec's columns into the vector column {@code features}, as every
   * training pipeline starts: the assembler (undefined values passed on as NaN) → {@link
   * MeanImputer} (NaN → the training side's mean) → {@link ZScore} with the given scope. Each is
   * fitted on the training side of a fold.
   */
  public List<PipelineStage> preparingStages(String normalisation) {
    return List.of(
        assembler("rawFeatures"),
        new MeanImputer().setInputCol("rawFeatures").setOutputCol("filledFeatures"),
        new ZScore()
            .setInputCol("filledFeatures")
            .setOutputCol("features")
            .setScope(normalisation));
  }

  /**
   * This spec's columns as one vector column {@code outputCol}, undefined values passed on as NaN.
   */
  public ArrayVectorAssembler assembler(String outputCol) {
    return new ArrayVectorAssembler()
        .setInputCols(inputColumns().toArray(new String[0]))
        .setOutputCol(outputCol)
        .setHandleNull("nan");
  }

  /**
   * How many of {@code rows} hold an undefined value (a null element of an array feature column) in
   * the named {@code columns}: e.g. an eGeMAPS functional without input frames. The training
   * pipelines fill such values with the training side's mean ({@link io.serspark.ml.MeanImputer})
   * and report this count.
   */
  public static long rowsWithUndefinedValues(List<Row> rows, List<String> columns) {
    long n = 0;
    for (Row r : rows) {
      boolean undefined = false;
      for (int k = 0; k < columns.size() && !undefined; k++) {
        int c = r.fieldIndex(columns.get(k));
        if (r.isNullAt(c) || !(r.get(c) instanceof scala.collection.Seq<?>)) continue;
        undefined = r.getList(c).contains(null);
      }
      if (undefined) n++;
    }
    return n;
  }

  /**
   * Packs a table that already has the openSMILE-named float columns (a features table, or
   * openSMILE's CSV).
   */
  public static Dataset<Row> packFunctionals(
      Dataset<Row> t, List<String> featureNames, String column) {
    Column[] values =
        featureNames.stream().map(n -> t.col("`" + n + "`").cast("float")).toArray(Column[]::new);
    List<Column> keep = new ArrayList<>();
    for (String c : t.columns()) if (!featureNames.contains(c)) keep.add(t.col("`" + c + "`"));
    keep.add(functions.array(values).as(column));
    return t.select(keep.toArray(new Column[0]));
  }

  private static Dataset<Row> embedding(Dataset<Row> t, Source s) {
    if (s.meanOfLayers()) return meanOfLayers(t, s);
    List<Row> combos =
        t.select("layer", "pooling").distinct().orderBy("layer", "pooling").collectAsList();
    List<String> have =
        combos.stream().map(r -> "layer=" + r.get(0) + ",pooling=" + r.get(1)).toList();
    List<Row> match =
        combos.stream()
            .filter(
                r ->
                    s.layer() == null
                        || (r.get(0) != null && ((Number) r.get(0)).intValue() == s.layer()))
            .filter(r -> s.pooling() == null || s.pooling().equals(r.get(1)))
            .toList();
    if (match.size() != 1) {
      throw new ConfigException(
          "--features "
              + s.table()
              + (s.layer() == null ? "" : ":layer=" + s.layer())
              + (s.pooling() == null ? "" : ",pooling=" + s.pooling())
              + " matches "
              + match.size()
              + " layer/pooling combinations; the table has: "
              + have
              + " (name one with :layer=N,pooling=NAME)");
    }
    Row m = match.get(0);
    return t.filter(
            functions
                .col("layer")
                .equalTo(m.get(0))
                .and(functions.col("pooling").equalTo(m.get(1))))
        .select(functions.col("utterance_id"), functions.col("vector").as(s.column()));
  }

  /**
   * The average over every layer of one pooling's vectors, per utterance. The layers are summed in
   * layer order and in double, so the floats do not depend on the order in which Spark collects the
   * rows.
   */
  private static Dataset<Row> meanOfLayers(Dataset<Row> t, Source s) {
    List<String> poolings =
        t.select("pooling").distinct().orderBy("pooling").collectAsList().stream()
            .map(r -> r.getString(0))
            .toList();
    String pooling =
        s.pooling() != null ? s.pooling() : poolings.size() == 1 ? poolings.get(0) : null;
    if (pooling == null || !poolings.contains(pooling)) {
      throw new ConfigException(
          "--features "
              + s.table()
              + ":layer=mean"
              + (s.pooling() == null ? "" : ",pooling=" + s.pooling())
              + ": the table has poolings "
              + poolings
              + " (name one with pooling=NAME)");
    }
    long layers =
        t.filter(functions.col("pooling").equalTo(pooling)).select("layer").distinct().count();
    Dataset<Row> grouped =
        t.filter(functions.col("pooling").equalTo(pooling))
            .groupBy("utterance_id")
            .agg(
                functions
                    .array_sort(
                        functions.collect_list(
                            functions.struct(functions.col("layer"), functions.col("vector"))))
                    .as("_layers"));
    // every utterance has one row per layer in a table written by the embed job or the benchmark
    Column mean =
        functions.expr(
            "transform(aggregate(_layers, array_repeat(cast(0 as double), "
                + "size(_layers[0].vector)), (acc, x) -> zip_with(acc, x.vector, (a, b) -> a + cast(b as double))), "
                + "v -> cast(v / "
                + layers
                + " as float))");
    return grouped
        .filter(functions.size(functions.col("_layers")).equalTo(layers))
        .select(functions.col("utterance_id"), mean.as(s.column()));
  }
}
