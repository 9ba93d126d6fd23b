package io.serspark.benchmark;

import io.serspark.benchmark.BenchmarkSpec.CorpusRef;
import io.serspark.config.ConfigException;
import io.serspark.features.EgemapsSchema;
import java.util.List;

/** Runs the upstream stages a benchmark needs when their outputs are missing or out of date. */
public interface StageRunner {
  /**
   * Re-ingests these corpora into {@code utterances} (replacing their rows; other corpora stay).
   */
  void ingest(List<CorpusRef> corpora);

  /**
   * Recomputes the eGeMAPS table {@code table} ({@code features/egemaps_v02} or its
   * accurate-formants twin) for these corpora (other corpora's rows stay).
   */
  void features(String table, List<String> corpora);

  /**
   * (Re)computes {@code embeddings/<name>} of an upstream for the stage's corpora: every hidden
   * state, mean and std pooling (rows of the spec's other corpora stay when they come from the same
   * model file).
   */
  void embeddings(EmbeddingFreshness.Stage stage);

  /**
   * For a warehouse prepared by hand: any stage that would have to run is a configuration error
   * instead.
   */
  StageRunner NONE =
      new StageRunner() {
        @Override
        public void ingest(List<CorpusRef> corpora) {
          throw new ConfigException(
              "utterances are missing or out of date for "
                  + corpora.stream().map(CorpusRef::name).toList()
                  + "; run './submit.sh ingest --corpus NAME=PATH --warehouse ...' first");
        }

        @Override
        public void features(String table, List<String> corpora) {
          throw new ConfigException(
              table
                  + " is missing or out of date for "
                  + corpora
                  + "; run './submit.sh features --warehouse ..."
                  + (table.equals(EgemapsSchema.ACCURATE_FORMANTS_TABLE)
                      ? " --formants accurate"
                      : "")
                  + "' first");
        }

        @Override
        public void embeddings(EmbeddingFreshness.Stage stage) {
          throw new ConfigException(
              stage.upstream().table()
                  + " is missing or out of date for "
                  + stage.corpora()
                  + "; run './submit.sh embed --model "
                  + stage.upstream().model()
                  + " --name "
                  + stage.upstream().name()
                  + " --warehouse ...' first");
        }
      };
}
