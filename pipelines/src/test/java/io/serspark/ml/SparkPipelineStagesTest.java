package io.serspark.ml;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.embeddings.EmbedOptions;
import io.serspark.embeddings.EmbeddingTransformer;
import io.serspark.embeddings.Embeddings;
import io.serspark.embeddings.TestUtterances;
import io.serspark.features.EgemapsFeatures;
import io.serspark.features.EgemapsTransformer;
import io.serspark.spark.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * eGeMAPS and an SSL encoder as MLlib stages: they give the jobs' numbers, compose with MLlib's own
 * stages in a Pipeline, and a saved PipelineModel loads back (PipelineModel.load) and predicts the
 * same.
 */
class SparkPipelineStagesTest {
  private static SparkSession spark;
  private static Dataset<Row> utterances;
  private static String model;

  @BeforeAll
  static void start() {
    spark = Sessions.local(2);
    utterances =
        TestUtterances.dataFrame(spark)
            .withColumn(
                "label",
                col("num_samples")
                    .mod(2)
                    .cast("double")); // any two classes: the fit is not the point
    model = TestUtterances.model("tiny-ssl-lengths").toString();
  }

  @Test
  void egemapsStageGivesTheFeaturesJobsValues() {
    Map<String, double[]> stage =
        vectors(new EgemapsTransformer().setFormants("opensmile").transform(utterances), "egemaps");
    List<Row> job = EgemapsFeatures.functionals(utterances).collectAsList();
    assertEquals(TestUtterances.LENGTHS.length, stage.size());
    int defined = 0;
    for (Row r : job) {
      double[] v = stage.get(r.getString(0));
      assertEquals(88, v.length);
      for (int i = 0; i < 88; i++) {
        Object x = r.get(2 + i);
        String what = r.getString(0) + " " + r.schema().fieldNames()[2 + i];
        if (x == null) {
          assertTrue(Double.isNaN(v[i]), what + ": null in the job, " + v[i] + " in the stage");
        } else {
          assertEquals((double) (Float) x, v[i], 0.0, what);
          defined++;
        }
      }
    }
    assertTrue(defined > 80 * 10, "defined values compared: " + defined);
    org.apache.spark.ml.attribute.AttributeGroup names =
        org.apache.spark.ml.attribute.AttributeGroup.fromStructField(
            new EgemapsTransformer().transform(utterances).schema().apply("egemaps"));
    assertEquals(
        "F0semitoneFrom27.5Hz_sma3nz_amean",
        names.getAttr(0).name().get(),
        "openSMILE's first name");
    assertEquals(88, names.size());
    Row status = new EgemapsTransformer().transform(utterances).orderBy("num_samples").first();
    assertEquals("too_short", status.getAs("egemaps_status"), "the 300-sample utterance");
  }

  @Test
  void encoderStageConcatenatesTheEmbedJobsVectorsInLayerThenPoolingOrder() {
    Map<String, double[]> stage =
        vectors(
            new EmbeddingTransformer()
                .setModel(model)
                .setLayers("0,3")
                .setPooling("mean,std")
                .setDevice("cpu")
                .setWindowSeconds(2.0)
                .setOverlapSeconds(0.5)
                .transform(utterances),
            "embedding");
    EmbedOptions opts =
        EmbedOptions.of(
            model,
            "tiny",
            "0,3",
            "mean,std",
            "cpu",
            EmbedOptions.DEFAULT_MAX_BATCH_SAMPLES,
            "auto",
            2.0,
            0.5,
            null);
    Map<String, float[]> job = new HashMap<>();
    for (Row r : Embeddings.transform(utterances, opts).collectAsList()) {
      List<Float> v = r.getList(4);
      float[] a = new float[v.size()];
      for (int i = 0; i < a.length; i++) a[i] = v.get(i);
      job.put(r.getString(0) + "/" + r.getInt(2) + "/" + r.getString(3), a);
    }
    assertEquals(TestUtterances.LENGTHS.length, stage.size());
    for (Map.Entry<String, double[]> e : stage.entrySet()) {
      List<Double> expected = new ArrayList<>();
      for (String part : List.of("0/mean", "0/std", "3/mean", "3/std")) {
        for (float x : job.get(e.getKey() + "/" + part)) expected.add((double) x);
      }
      assertArrayEquals(
          expected.stream().mapToDouble(Double::doubleValue).toArray(),
          e.getValue(),
          0.0,
          e.getKey());
    }
  }

  @Test
  void aPipelineOfOurStagesAndMllibsSavesLoadsAndPredictsTheSame() throws Exception {
    Pipeline pipeline =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new EgemapsTransformer().setOutputCol("egemaps").setFormants("accurate"),
                  new EmbeddingTransformer()
                      .setModel(model)
                      .setLayers("2")
                      .setPooling("mean")
                      .setDevice("cpu")
                      .setOutputCol("ssl"),
                  new VectorAssembler()
                      .setInputCols(new String[] {"egemaps", "ssl"})
                      .setOutputCol("raw")
                      .setHandleInvalid(
                          "keep"), // NaN = undefined functional: filled by the next stage
                  new MeanImputer().setInputCol("raw").setOutputCol("filled"),
                  new StandardScaler()
                      .setInputCol("filled")
                      .setOutputCol("features")
                      .setWithMean(true),
                  new LogisticRegression().setMaxIter(20).setRegParam(0.1)
                });
    PipelineModel fitted = pipeline.fit(utterances);
    Path dir = Files.createTempDirectory("serspark-pipeline");
    fitted.write().overwrite().save(dir.toString());
    PipelineModel loaded = PipelineModel.load(dir.toString());

    assertEquals("accurate", ((EgemapsTransformer) loaded.stages()[0]).getFormants());
    assertEquals(
        "2", loaded.stages()[1].getOrDefault(((EmbeddingTransformer) loaded.stages()[1]).layers()));
    Map<String, double[]> before = vectors(fitted.transform(utterances), "probability");
    Map<String, double[]> after = vectors(loaded.transform(utterances), "probability");
    assertEquals(TestUtterances.LENGTHS.length, before.size());
    assertEquals(before.keySet(), after.keySet());
    for (String id : before.keySet()) {
      assertArrayEquals(
          before.get(id), after.get(id), 0.0, id + ": probabilities before and after save/load");
      for (double p : before.get(id)) assertFalse(Double.isNaN(p), id + ": NaN probability");
    }
  }

  @Test
  void badParamsAreRefusedByParamNameBeforeAnyData() {
    IllegalArgumentException pooling =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EmbeddingTransformer()
                    .setModel(model)
                    .setPooling("max")
                    .transformSchema(utterances.schema()));
    assertTrue(
        pooling.getMessage().contains("param pooling") && !pooling.getMessage().contains("--"),
        pooling.getMessage());
    IllegalArgumentException noModel =
        assertThrows(
            IllegalArgumentException.class,
            () -> new EmbeddingTransformer().transformSchema(utterances.schema()));
    assertTrue(noModel.getMessage().contains("setModel"), noModel.getMessage());
    IllegalArgumentException input =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EgemapsTransformer()
                    .setInputCol("utterance_id")
                    .transformSchema(utterances.schema()));
    assertTrue(input.getMessage().contains("inputCol 'utterance_id'"), input.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new EgemapsTransformer().setFormants("praat"));
  }

  private static Map<String, double[]> vectors(Dataset<Row> df, String column) {
    Map<String, double[]> out = new HashMap<>();
    for (Row r : df.select("utterance_id", column).collectAsList()) {
      out.put(r.getString(0), ((Vector) r.get(1)).toArray());
    }
    return out;
  }
}
