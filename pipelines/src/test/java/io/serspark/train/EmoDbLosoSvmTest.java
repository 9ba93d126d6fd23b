package io.serspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.spark.Sessions;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The EmoDB 7-class LOSO linear SVM on openSMILE's own eGeMAPS functionals, against the scikit-learn reference
 * (UAR 66.65 %) computed outside serspark under the same protocol.
 */
class EmoDbLosoSvmTest {
  @Test
  void losoSvmOnOpenSmileFeaturesReachesSixtyPercentUar() {
    SparkSession spark = Sessions.local(2);
    spark.sparkContext().setLogLevel("WARN");
    Path csv = SharedData.emodbFunctionals();
    Dataset<Row> labelled = EmoDbLosoSvm.openSmileFunctionals(spark, csv);
    List<String> names = EmoDbLosoSvm.featureNames(csv);
    assertEquals(88, names.size());
    // fits are mostly Spark job latency: more concurrent fits than cores keeps the cores busy
    int parallel = Integer.getInteger("serspark.parallelFits", 4);
    Result r = EmoDbLosoSvm.run(labelled, names, EmoDbLosoSvm.options().withParallelFits(parallel).withProgress(System.out::println));
    System.out.print(EmoDbLosoSvm.summary(r));
    assertEquals(535, r.predictions().size(), "every utterance tested exactly once");
    assertEquals(10, r.folds().size());
    assertTrue(r.pooled().uar() >= 0.60, "UAR " + r.pooled().uar() + " < 0.60 (reference 0.6665)");
  }
}
