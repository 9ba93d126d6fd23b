package io.serspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.egemaps.voice.FormantTracker;
import io.serspark.embeddings.TestUtterances;
import io.serspark.spark.Sessions;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.junit.jupiter.api.Test;

/** Functionals and LLDs from one extraction are the rows the two separate transformations give. */
class EgemapsFeaturesTest {
  @Test
  void oneExtractionGivesBothTablesRowForRow() {
    SparkSession spark = Sessions.local(2);
    Dataset<Row> utts = TestUtterances.dataFrame(spark).repartition(3);
    int n = TestUtterances.LENGTHS.length;

    CollectionAccumulator<List<String>> reported =
        spark.sparkContext().collectionAccumulator("statuses");
    Dataset<Row> both =
        EgemapsFeatures.functionalsWithLlds(utts, reported, FormantTracker.OPENSMILE).persist();
    try {
      Dataset<Row> functionals = EgemapsFeatures.functionalsOf(both);
      Dataset<Row> llds = EgemapsFeatures.lldsOf(both);
      assertEquals(EgemapsSchema.FUNCTIONALS_ROW, functionals.schema());
      assertEquals(EgemapsSchema.LLD_ROW.fieldNames().length, llds.schema().fieldNames().length);
      assertEquals(
          List.of(EgemapsSchema.LLD_ROW.fieldNames()), List.of(llds.schema().fieldNames()));

      List<Row> f1 = functionals.orderBy("utterance_id").collectAsList();
      List<Row> l1 = llds.orderBy("utterance_id", "frame").collectAsList();
      // both tables came from one extraction per utterance: the LLD rows were read from the kept
      // rows, which would
      // otherwise have been extracted (and reported) a second time
      assertEquals(n, reported.value().size(), "statuses reported: " + reported.value().size());

      List<Row> f0 = EgemapsFeatures.functionals(utts).orderBy("utterance_id").collectAsList();
      List<Row> l0 = EgemapsFeatures.llds(utts).orderBy("utterance_id", "frame").collectAsList();
      assertEquals(n, f1.size());
      assertTrue(l0.size() > 100 * n / 2, "LLD frames: " + l0.size());
      assertEquals(f0, f1, "functionals");
      assertEquals(l0, l1, "LLD frames");
    } finally {
      both.unpersist();
    }
  }
}
