package io.serspark.embed.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.embed.Batch;
import io.serspark.embed.BatchPlan;
import io.serspark.embed.Embedder;
import io.serspark.embed.ModelSpec;
import io.serspark.embed.Pooling;
import io.serspark.embed.Segment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The benchmark pairs the two paths batch by batch: every utterance once, and the batches those of
 * the plan.
 */
class EmbedBenchmarkTest {

  @Test
  void chunksCoverEveryUtteranceOnceAndReplanToTheSameBatches() {
    Random r = new Random(11);
    int[] lengths = new int[300];
    // EmoDB-like lengths plus a few long ones that the embedder cuts into windows spanning two
    // batches
    for (int i = 0; i < lengths.length; i++) lengths[i] = 20_000 + r.nextInt(120_000);
    lengths[3] = 700_000;
    lengths[77] = 1_000_000;
    long budget = 960_000;
    List<Pooling> p = List.of(Pooling.MEAN);
    ModelSpec spec =
        ModelSpec.read(
            Path.of("..", "udfs", "src", "test", "resources", "models", "tiny-ssl-lengths.pt"));
    Embedder whole = new Embedder(spec, new int[] {0}, p, 320_000, 16_000, budget);
    BatchPlan plan = whole.plan(lengths);

    List<int[]> chunks = EmbedBenchmark.chunksByBatch(plan, lengths.length);
    boolean[] seen = new boolean[lengths.length];
    int batches = 0;
    long padded = 0;
    for (int[] chunk : chunks) {
      int[] part = new int[chunk.length];
      for (int j = 0; j < chunk.length; j++) {
        assertTrue(!seen[chunk[j]], "utterance " + chunk[j] + " in two chunks");
        seen[chunk[j]] = true;
        part[j] = lengths[chunk[j]];
      }
      BatchPlan replanned =
          new Embedder(spec, new int[] {0}, p, 320_000, 16_000, budget).plan(part);
      batches += replanned.batches().size();
      for (Batch b : replanned.batches()) padded += b.paddedSamples();
    }
    for (int i = 0; i < seen.length; i++) assertTrue(seen[i], "utterance " + i + " in no chunk");
    long wholePadded = 0;
    for (Batch b : plan.batches()) wholePadded += b.paddedSamples();
    // windows of one utterance stay together in its chunk, so a chunk may re-plan into one more
    // batch than before
    assertTrue(
        batches >= plan.batches().size() && batches <= plan.batches().size() + 2,
        batches + " batches paired against " + plan.batches().size());
    assertTrue(
        padded <= wholePadded * 1.05, padded + " padded samples paired against " + wholePadded);

    // without windows every chunk is exactly one batch of the plan
    int[] shortOnes = new int[lengths.length];
    for (int i = 0; i < shortOnes.length; i++) shortOnes[i] = Math.min(lengths[i], 200_000);
    BatchPlan simple = whole.plan(shortOnes);
    List<int[]> simpleChunks = EmbedBenchmark.chunksByBatch(simple, shortOnes.length);
    assertEquals(simple.batches().size(), simpleChunks.size());
    for (int k = 0; k < simpleChunks.size(); k++) {
      List<Integer> items = new ArrayList<>();
      for (Segment s : simple.batches().get(k).segments()) items.add(s.item());
      assertEquals(items.size(), simpleChunks.get(k).length);
      for (int i : simpleChunks.get(k)) assertTrue(items.contains(i));
    }
  }
}
