package io.serspark.train;

import io.serspark.ml.ZScoreModel;
import io.serspark.protocols.SplitItem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where a fitted pipeline's normalisation statistics for test-side groups come from (see {@link
 * io.serspark.ml.ZScore}): scope {@code corpus}, a corpus with no training-side utterance; scope
 * {@code speaker}, every test speaker. Each such group is normalised with the statistics of
 * <em>all</em> of its utterances in the experiment, labels unread, so that a test utterance's
 * prediction does not depend on which utterances share its fold or batch.
 */
public final class TestSideStatistics {
  private TestSideStatistics() {}

  /**
   * Every item (from the whole experiment, not only {@code test}) of a normalisation group that
   * occurs in {@code test} but not in {@code train}; empty for scopes {@code none} and {@code
   * global}.
   */
  static int[] unseenGroupItems(List<SplitItem> items, int[] train, int[] test, String scope) {
    if (!scope.equals("corpus") && !scope.equals("speaker")) return new int[0];
    Set<String> seen = new HashSet<>();
    for (int i : train) seen.add(group(items.get(i), scope));
    Set<String> unseen = new HashSet<>();
    for (int i : test) {
      String g = group(items.get(i), scope);
      if (!seen.contains(g)) unseen.add(g);
    }
    if (unseen.isEmpty()) return new int[0];
    return IntStream.range(0, items.size())
        .filter(i -> unseen.contains(group(items.get(i), scope)))
        .toArray();
  }

  private static String group(SplitItem item, String scope) {
    return scope.equals("corpus") ? item.corpus() : item.speakerKey();
  }

  /**
   * {@code model} with its {@link ZScoreModel} {@linkplain ZScoreModel#adaptedTo adapted} to {@code
   * unlabelled} (rows of the pipeline's input shape), which first pass through the fitted stages
   * before it.
   */
  public static PipelineModel adapt(PipelineModel model, Dataset<Row> unlabelled) {
    Transformer[] stages = model.stages().clone();
    Dataset<Row> prepared = unlabelled;
    for (int s = 0; s < stages.length; s++) {
      if (stages[s] instanceof ZScoreModel z) {
        stages[s] = z.adaptedTo(prepared);
        return new PipelineModel(model.uid(), stages);
      }
      prepared = stages[s].transform(prepared);
    }
    throw new IllegalArgumentException("the pipeline has no ZScoreModel to adapt");
  }
}
