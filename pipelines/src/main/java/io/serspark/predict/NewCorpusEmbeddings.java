package io.serspark.predict;

import static org.apache.spark.sql.functions.col;

import io.serspark.config.ConfigException;
import io.serspark.embeddings.DriverModel;
import io.serspark.embeddings.EmbedOptions;
import io.serspark.embeddings.Embeddings;
import io.serspark.train.FeatureSpec;
import io.serspark.warehouse.TableWriteLock;
import io.serspark.warehouse.Warehouse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The embeddings of corpora new to a trained model, made by the encoder file the model was trained
 * on: the file's sha256 must be the one train recorded for the table ({@link ModelInputs}), else
 * the vectors would be another model's. The layers and poolings are those the warehouse's table
 * already holds for other corpora (the training corpora's rows), or, in a warehouse without the
 * table, the layer and pooling the feature spec names. Windows are embed's defaults (20 s, 1 s
 * overlap): a table made with other windows differs for utterances longer than 20 s. The new
 * corpora's rows replace theirs in {@code embeddings/<name>}; the other corpora's stay.
 */
public final class NewCorpusEmbeddings {
  private static final double WINDOW_S = 20, OVERLAP_S = 1;

  private NewCorpusEmbeddings() {}

  /**
   * @param encoders the encoders {@link #check} fetched and accepted, per embeddings table
   */
  public static void compute(
      TrainedModel trained, Warehouse w, List<String> corpora, Map<String, DriverModel> encoders) {
    for (String table : tables(trained.features())) embed(trained, w, corpora, table, encoders);
  }

  /**
   * Refuses, in one line, an encoder file missing for a table the model reads, one whose sha256 is
   * not the one train recorded, or one for a table the model does not read; reads only the files.
   *
   * @param encoders the encoder file (path or Hadoop URI) per embeddings table name ({@code
   *     embeddings/<name>} → file), as the user gave them
   * @return each table's encoder, fetched to the driver once (what {@link #compute} embeds with)
   */
  public static Map<String, DriverModel> check(
      TrainedModel trained, SparkSession spark, Map<String, String> encoders) {
    List<String> tables = tables(trained.features());
    for (String table : encoders.keySet())
      if (!tables.contains(table))
        throw new ConfigException(
            "--embedding-model "
                + table.substring("embeddings/".length())
                + "=...: the model does not read "
                + table
                + " (it reads "
                + trained.features()
                + ")");
    Map<String, DriverModel> accepted = new LinkedHashMap<>();
    for (String table : tables) {
      String recorded = trained.embeddingModels().get(table);
      String name = table.substring("embeddings/".length());
      if (recorded == null)
        throw new ConfigException(
            "--model "
                + trained.path()
                + ": the run does not record which encoder made "
                + table
                + " (trained before runs recorded their inputs); train it again to predict new corpora");
      String file = encoders.get(table);
      if (file == null)
        throw new ConfigException(
            "the model reads "
                + table
                + " (encoder sha256 "
                + recorded
                + "); give --embedding-model "
                + name
                + "=<that encoder file> to embed the new corpora");
      DriverModel model = Embeddings.fetchModel(spark, file);
      String sha = model.spec().sha256();
      if (!sha.equals(recorded))
        throw new ConfigException(
            "--embedding-model "
                + name
                + "="
                + file
                + " has sha256 "
                + sha
                + ", the model was trained on "
                + table
                + " made by sha256 "
                + recorded);
      accepted.put(table, model);
    }
    return accepted;
  }

  private static List<String> tables(FeatureSpec spec) {
    return spec.sources().stream()
        .filter(FeatureSpec.Source::isEmbedding)
        .map(FeatureSpec.Source::table)
        .distinct()
        .toList();
  }

  private static void embed(
      TrainedModel trained,
      Warehouse w,
      List<String> corpora,
      String table,
      Map<String, DriverModel> encoders) {
    String name = table.substring("embeddings/".length());
    try (TableWriteLock lock = w.lockForWriting(table)) {
      Dataset<Row> others =
          w.exists(table)
              ? w.read(table).filter(col("corpus").isin(corpora.toArray()).unary_$bang())
              : null;
      String layers, poolings;
      if (others != null && !others.isEmpty()) {
        layers = distinct(others, "layer");
        poolings = distinct(others, "pooling");
      } else {
        layers = specLayers(trained.features(), table);
        poolings = specPoolings(trained.features(), table);
      }
      EmbedOptions opts =
          EmbedOptions.of(
              encoders.get(table).uri(),
              name,
              layers,
              poolings,
              "auto",
              EmbedOptions.DEFAULT_MAX_BATCH_SAMPLES,
              "auto",
              WINDOW_S,
              OVERLAP_S,
              null);
      Dataset<Row> utterances = w.read("utterances").filter(col("corpus").isin(corpora.toArray()));
      Dataset<Row> fresh = Embeddings.transformWith(encoders.get(table), utterances, opts);
      w.writeAtomically(others == null ? fresh : others.unionByName(fresh, true), table, List.of());
    }
  }

  private static String distinct(Dataset<Row> t, String column) {
    TreeSet<String> v = new TreeSet<>();
    for (Row r : t.select(column).distinct().collectAsList()) v.add(String.valueOf(r.get(0)));
    return String.join(",", v);
  }

  private static String specLayers(FeatureSpec spec, String table) {
    TreeSet<String> v = new TreeSet<>();
    for (FeatureSpec.Source s : spec.sources()) {
      if (!table.equals(s.table())) continue;
      if (s.layer() == null)
        throw new ConfigException(
            "the model reads "
                + table
                + " without naming its layer, and this warehouse has no such table to read the"
                + " layers from; predict in the warehouse the model was trained in");
      v.add(s.meanOfLayers() ? "all" : s.layer().toString());
    }
    return v.contains("all") ? "all" : String.join(",", v);
  }

  private static String specPoolings(FeatureSpec spec, String table) {
    return spec.sources().stream()
        .filter(s -> table.equals(s.table()))
        .map(s -> s.pooling() == null ? "mean,std" : s.pooling())
        .distinct()
        .collect(Collectors.joining(","));
  }
}
