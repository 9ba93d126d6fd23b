package io.serspark.benchmark;

import io.serspark.benchmark.BenchmarkSpec.CorpusRef;
import io.serspark.features.EgemapsSchema;
import io.serspark.features.FeaturesPipeline;
import io.serspark.ingest.CorpusSource;
import io.serspark.ingest.IngestPipeline;
import io.serspark.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;

/**
 * The real upstream stages: the ingest, features and embed pipelines, run on the corpora the
 * freshness plan names.
 */
public final class PipelineStages implements StageRunner {
  private final Warehouse warehouse;
  private final Path confDir;

  public PipelineStages(Warehouse warehouse, Path confDir) {
    this.warehouse = warehouse;
    this.confDir = confDir;
  }

  @Override
  public void ingest(List<CorpusRef> corpora) {
    List<CorpusSource> sources =
        corpora.stream()
            .map(
                c ->
                    new CorpusSource(
                        c.name(), c.adapter(), KnownCorpora.resolvePath(c.path()).toString()))
            .toList();
    new IngestPipeline(warehouse, confDir)
        .run(new IngestPipeline.Options(sources, IngestPipeline.Mode.REPLACE, 0, 4));
  }

  @Override
  public void features(String table, List<String> corpora) {
    new FeaturesPipeline(warehouse)
        .run(new FeaturesPipeline.Options(corpora, false, 0, 2, EgemapsSchema.trackerOf(table)));
  }

  @Override
  public void embeddings(EmbeddingFreshness.Stage stage) {
    new UpstreamEmbeddings(warehouse).compute(stage);
  }
}
