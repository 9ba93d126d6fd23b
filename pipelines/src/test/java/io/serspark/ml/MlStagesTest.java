package io.serspark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.serspark.spark.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MlStagesTest {
  private static SparkSession spark;
  private static Dataset<Row> df;

  /**
   * corpus, speaker, emb (array<float> of 2), f (double), label. Speaker A's f: 1, 3; B's: 10, 30;
   * corpus y: 5.
   */
  @BeforeAll
  static void data() {
    spark = Sessions.local(2);
    spark.sparkContext().setLogLevel("WARN");
    StructType s =
        new StructType()
            .add("id", DataTypes.IntegerType)
            .add("corpus", DataTypes.StringType)
            .add("speaker", DataTypes.StringType)
            .add("emb", DataTypes.createArrayType(DataTypes.FloatType))
            .add("f", DataTypes.DoubleType)
            .add("label", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create(0, "x", "A", new float[] {1f, 0f}, 1.0, 0.0));
    rows.add(RowFactory.create(1, "x", "A", new float[] {2f, 0f}, 3.0, 1.0));
    rows.add(RowFactory.create(2, "x", "B", new float[] {3f, 1f}, 10.0, 0.0));
    rows.add(RowFactory.create(3, "x", "B", new float[] {4f, 1f}, 30.0, 1.0));
    rows.add(RowFactory.create(4, "y", "A", new float[] {5f, 2f}, 5.0, 1.0));
    df =
        spark
            .createDataFrame(
                rows.stream()
                    .map(
                        r ->
                            RowFactory.create(
                                r.get(0),
                                r.get(1),
                                r.get(2),
                                toList((float[]) r.get(3)),
                                r.get(4),
                                r.get(5)))
                    .toList(),
                s)
            .repartition(
                2); // not a local relation: UDF closures must really be serialised to tasks
  }

  private static List<Float> toList(float[] a) {
    List<Float> l = new ArrayList<>();
    for (float x : a) l.add(x);
    return l;
  }

  private static double[] column(Dataset<Row> d, String col, int element) {
    return d.orderBy("id").select(col).collectAsList().stream()
        .mapToDouble(r -> ((Vector) r.get(0)).apply(element))
        .toArray();
  }

  private static Dataset<Row> assembled() {
    return new ArrayVectorAssembler().setInputCols("emb", "f").setOutputCol("raw").transform(df);
  }

  @Test
  void assemblerConcatenatesArraysAndNumbersInOrder() {
    Row first = assembled().orderBy("id").first();
    assertArrayEquals(new double[] {1, 0, 1}, ((Vector) first.getAs("raw")).toArray());
  }

  @Test
  void assemblerRejectsAStringColumnBeforeAnyWork() {
    var a = new ArrayVectorAssembler().setInputCols("speaker").setOutputCol("raw");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> a.transformSchema(df.schema()));
    assertEquals(true, e.getMessage().contains("speaker"), e.getMessage());
  }

  @Test
  void globalZScoreUsesTheFittedDataOnly() {
    // fit on ids 0..3: f = 1, 3, 10, 30 -> mean 11, population sd
    // sqrt(((10^2)+(8^2)+(1^2)+(19^2))/4) = sqrt(131.5)
    Dataset<Row> a = assembled();
    ZScoreModel m =
        new ZScore()
            .setInputCol("raw")
            .setOutputCol("z")
            .setScope("global")
            .fit(a.filter("id < 4"));
    double[] z = column(m.transform(a), "z", 2);
    double sd = Math.sqrt(131.5);
    assertEquals((1 - 11) / sd, z[0], 1e-9);
    assertEquals(
        (5 - 11) / sd, z[4], 1e-9, "a row not in the fit is normalised with the fit's statistics");
    // emb[1] over ids 0..3 = 0,0,1,1: mean 0.5, sd 0.5
    assertEquals(-1.0, column(m.transform(a), "z", 1)[0], 1e-9);
  }

  @Test
  void speakerZScoreUsesEachSpeakersOwnData() {
    Dataset<Row> a = assembled();
    ZScoreModel m = new ZScore().setInputCol("raw").setOutputCol("z").setScope("speaker").fit(a);
    double[] z = column(m.transform(a), "z", 2);
    // x/A: 1, 3 -> -1, 1;  x/B: 10, 30 -> -1, 1;  y/A (another corpus, so another speaker): one
    // value -> centred 0
    assertArrayEquals(new double[] {-1, 1, -1, 1, 0}, z, 1e-9);
  }

  @Test
  void corpusZScoreUsesEachCorpusOwnData() {
    Dataset<Row> a = assembled();
    double[] z =
        column(
            new ZScore()
                .setInputCol("raw")
                .setOutputCol("z")
                .setScope("corpus")
                .fit(a)
                .transform(a),
            "z",
            0);
    // emb[0] in corpus x: 1,2,3,4 -> mean 2.5, sd sqrt(1.25); corpus y: single row -> 0
    double sd = Math.sqrt(1.25);
    assertArrayEquals(new double[] {-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd, 0}, z, 1e-9);
  }

  @Test
  void corpusZScoreTakesTheTrainingSidesStatisticsNeverTheBatchs() {
    // fitted on ids 0..2 of corpus x: f = 1, 3, 10 -> mean 14/3; id 3 (f = 30) is the test
    // utterance
    Dataset<Row> a = assembled();
    ZScoreModel m =
        new ZScore()
            .setInputCol("raw")
            .setOutputCol("z")
            .setScope("corpus")
            .fit(a.filter("id < 3"));
    double mean = 14.0 / 3,
        sd =
            Math.sqrt(
                ((1 - mean) * (1 - mean) + (3 - mean) * (3 - mean) + (10 - mean) * (10 - mean))
                    / 3);
    double alone = column(m.transform(a.filter("id = 3")), "z", 2)[0];
    double inBatch = column(m.transform(a.filter("id > 0 and corpus = 'x'")), "z", 2)[2];
    assertEquals(
        (30 - mean) / sd, alone, 1e-9, "the training side's statistics, not the test row's own");
    assertEquals(alone, inBatch, 0.0, "the same alone and in a batch");
    assertEquals(List.of("x"), m.groups());
  }

  @Test
  void aGroupTheFitNeverSawFailsUntilTheModelIsAdaptedToItsUnlabelledUtterances() {
    Dataset<Row> a = assembled();
    ZScoreModel m =
        new ZScore()
            .setInputCol("raw")
            .setOutputCol("z")
            .setScope("corpus")
            .fit(a.filter("corpus = 'x'"));
    Exception e =
        assertThrows(Exception.class, () -> m.transform(a.filter("corpus = 'y'")).collectAsList());
    String chain = "";
    for (Throwable t = e; t != null; t = t.getCause()) chain += t.getMessage() + "\n";
    assertEquals(true, chain.contains("no statistics for 'y'"), chain);
    // adapted to all utterances (labels dropped): y gets its own statistics, x keeps the fitted
    // ones
    ZScoreModel adapted = m.adaptedTo(a.drop("label"));
    assertEquals(List.of("y"), adapted.adaptedGroups());
    assertArrayEquals(m.mean("x"), adapted.mean("x"), 0.0);
    assertArrayEquals(new double[] {5, 2, 5}, adapted.mean("y"), 1e-9);
    assertEquals(0.0, column(adapted.transform(a.filter("corpus = 'y'")), "z", 2)[0], 1e-9);
    assertEquals(List.of(), m.adaptedGroups(), "adaptedTo returns a copy");
  }

  @Test
  void speakerZScoreOfATestSpeakerUsesAllTheirUtterancesAloneOrInAnyBatch() {
    Dataset<Row> a = assembled().filter("corpus = 'x'");
    ZScoreModel m =
        new ZScore()
            .setInputCol("raw")
            .setOutputCol("z")
            .setScope("speaker")
            .fit(a.filter("speaker = 'A'"))
            .adaptedTo(a.filter("speaker = 'B'"));
    assertEquals(List.of("x/B"), m.adaptedGroups());
    // x/B: f = 10, 30 -> -1, 1, whichever rows are transformed together
    assertEquals(1.0, column(m.transform(a.filter("id = 3")), "z", 2)[0], 1e-9);
    assertArrayEquals(new double[] {-1, 1, -1, 1}, column(m.transform(a), "z", 2), 1e-9);
  }

  @Test
  void groupStatisticsAreModelDataThatSaveAndLoadWithTheModel() throws Exception {
    Dataset<Row> a = assembled();
    ZScoreModel m =
        new ZScore()
            .setInputCol("raw")
            .setOutputCol("z")
            .setScope("corpus")
            .fit(a.filter("corpus = 'x'"))
            .adaptedTo(a);
    String path = Files.createTempDirectory("serspark-zscore").resolve("m").toString();
    m.write().overwrite().save(path);
    ZScoreModel back = ZScoreModel.load(path);
    assertEquals(m.groups(), back.groups());
    assertEquals(List.of("y"), back.adaptedGroups());
    assertEquals("corpus", back.getOrDefault(back.scope()));
    assertArrayEquals(column(m.transform(a), "z", 2), column(back.transform(a), "z", 2), 0.0);
    assertEquals(
        false,
        java.util.Arrays.stream(back.params()).anyMatch(p -> p.name().equals("mean")),
        "statistics are not settable Params");
  }

  @Test
  void pipelineWithOurStagesSavesAndLoadsBack() throws Exception {
    Pipeline p =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new ArrayVectorAssembler().setInputCols("emb", "f").setOutputCol("raw"),
                  new ZScore().setInputCol("raw").setOutputCol("features").setScope("global"),
                  new LogisticRegression().setMaxIter(20)
                });
    PipelineModel m = p.fit(df);
    Path dir = Files.createTempDirectory("serspark-pipeline");
    String path = dir.resolve("model").toString();
    m.write().overwrite().save(path);
    PipelineModel back = PipelineModel.load(path);
    assertEquals(3, back.stages().length);
    assertEquals(ZScoreModel.class, back.stages()[1].getClass());
    double[] before = column(m.transform(df), "probability", 1);
    double[] after = column(back.transform(df), "probability", 1);
    assertArrayEquals(before, after, 0.0);
    assertArrayEquals(
        column(m.transform(df), "features", 2), column(back.transform(df), "features", 2), 0.0);
    // and the unfitted pipeline (estimators) round-trips too
    p.write().overwrite().save(dir.resolve("pipeline").toString());
    assertEquals(3, Pipeline.load(dir.resolve("pipeline").toString()).getStages().length);
  }

  /** id, arr (array<float> with nulls: undefined values), label. */
  private static Dataset<Row> withUndefined() {
    StructType s =
        new StructType()
            .add("id", DataTypes.IntegerType)
            .add("arr", DataTypes.createArrayType(DataTypes.FloatType, true))
            .add("label", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create(0, java.util.Arrays.asList(1f, null, null), 0.0));
    rows.add(RowFactory.create(1, java.util.Arrays.asList(3f, 10f, null), 1.0));
    rows.add(RowFactory.create(2, java.util.Arrays.asList(null, 20f, null), 0.0));
    rows.add(
        RowFactory.create(3, java.util.Arrays.asList(100f, null, 7f), 1.0)); // not in the fit below
    return spark.createDataFrame(rows, s).repartition(2);
  }

  @Test
  void anUndefinedValueIsAnErrorUnlessTheAssemblerIsToldToPassItOnAsNaN() {
    Dataset<Row> d = withUndefined();
    var strict = new ArrayVectorAssembler().setInputCols("arr").setOutputCol("raw");
    Exception e = assertThrows(Exception.class, () -> strict.transform(d).collectAsList());
    String chain = "";
    for (Throwable t = e; t != null; t = t.getCause()) chain += t.getMessage() + "\n";
    assertEquals(true, chain.contains("null element in column arr"), chain);
    Row first =
        new ArrayVectorAssembler()
            .setInputCols("arr")
            .setOutputCol("raw")
            .setHandleNull("nan")
            .transform(d)
            .orderBy("id")
            .first();
    double[] v = ((Vector) first.getAs("raw")).toArray();
    assertEquals(1.0, v[0]);
    assertEquals(true, Double.isNaN(v[1]) && Double.isNaN(v[2]), java.util.Arrays.toString(v));
  }

  @Test
  void meanImputerFillsWithTheFittedRowsMeanOfDefinedValuesOnly() {
    Dataset<Row> raw = rawWithUndefined();
    // fitted on ids 0..2: feature 0 defined as 1, 3 -> 2; feature 1 as 10, 20 -> 15; feature 2
    // never -> 0
    MeanImputerModel m =
        new MeanImputer().setInputCol("raw").setOutputCol("filled").fit(raw.filter("id < 3"));
    assertArrayEquals(new double[] {2, 15, 0}, m.fill(), 0.0);
    List<Row> out = m.transform(raw).orderBy("id").select("filled").collectAsList();
    assertArrayEquals(new double[] {1, 15, 0}, ((Vector) out.get(0).get(0)).toArray(), 0.0);
    assertArrayEquals(new double[] {2, 20, 0}, ((Vector) out.get(2).get(0)).toArray(), 0.0);
    assertArrayEquals(
        new double[] {100, 15, 7},
        ((Vector) out.get(3).get(0)).toArray(),
        0.0,
        "a row outside the fit gets the fit's means, and keeps its own defined values");
  }

  @Test
  void aPipelineWithTheImputerSavesAndLoadsBack() throws Exception {
    Pipeline p =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new ArrayVectorAssembler()
                      .setInputCols("arr")
                      .setOutputCol("raw")
                      .setHandleNull("nan"),
                  new MeanImputer().setInputCol("raw").setOutputCol("filled"),
                  new ZScore().setInputCol("filled").setOutputCol("features").setScope("global"),
                  new LogisticRegression().setMaxIter(20)
                });
    Dataset<Row> d = withUndefined();
    PipelineModel m = p.fit(d);
    Path dir = Files.createTempDirectory("serspark-imputer");
    m.write().overwrite().save(dir.resolve("model").toString());
    PipelineModel back = PipelineModel.load(dir.resolve("model").toString());
    assertEquals(MeanImputerModel.class, back.stages()[1].getClass());
    assertArrayEquals(
        column(m.transform(d), "probability", 1), column(back.transform(d), "probability", 1), 0.0);
  }

  @Test
  void theImputersFillIsModelDataUnderDataNotAParam() throws Exception {
    Dataset<Row> raw = rawWithUndefined();
    MeanImputerModel m =
        new MeanImputer().setInputCol("raw").setOutputCol("filled").fit(raw.filter("id < 3"));
    assertFalse(m.hasParam("fill"), "the fill is not a Param a user can set");
    Path dir = Files.createTempDirectory("serspark-imputer-data").resolve("model");
    m.write().save(dir.toString());
    String metadata;
    try (var parts = Files.list(dir.resolve("metadata"))) {
      metadata =
          Files.readString(
              parts.filter(f -> f.getFileName().toString().startsWith("part-")).findFirst().get());
    }
    assertFalse(metadata.contains("\"fill\""), "fill in the Params' metadata: " + metadata);
    MeanImputerModel back = MeanImputerModel.load(dir.toString());
    assertArrayEquals(new double[] {2, 15, 0}, back.fill(), 0.0);
    assertEquals("filled", back.getOrDefault(back.outputCol()));
  }

  @Test
  void anImputerSavedWhenItsFillWasAParamStillLoads() throws Exception {
    // the metadata DefaultParamsWriter wrote for MeanImputerModel while the fill was a Param
    Path dir = Files.createTempDirectory("serspark-imputer-older");
    Files.createDirectories(dir.resolve("metadata"));
    Files.writeString(
        dir.resolve("metadata/part-00000"),
        "{\"class\":\"io.serspark.ml.MeanImputerModel\",\"timestamp\":1764000000000,"
            + "\"sparkVersion\":\"3.5.6\",\"uid\":\"MeanImputer_0a1b\",\"paramMap\":{"
            + "\"inputCol\":\"raw\",\"outputCol\":\"filled\",\"fill\":[2.0,15.0,0.0]},"
            + "\"defaultParamMap\":{}}\n");
    MeanImputerModel back = MeanImputerModel.load(dir.toString());
    assertArrayEquals(new double[] {2, 15, 0}, back.fill(), 0.0);
    assertEquals("raw", back.getOrDefault(back.inputCol()));
    Dataset<Row> raw = rawWithUndefined();
    List<Row> out = back.transform(raw).orderBy("id").select("filled").collectAsList();
    assertArrayEquals(new double[] {1, 15, 0}, ((Vector) out.get(0).get(0)).toArray(), 0.0);
  }

  /** {@link #withUndefined()} assembled into the vector column {@code raw}, NaN where undefined. */
  private static Dataset<Row> rawWithUndefined() {
    return new ArrayVectorAssembler()
        .setInputCols("arr")
        .setOutputCol("raw")
        .setHandleNull("nan")
        .transform(withUndefined());
  }
}
