package io.serspark.benchmark;

import static org.apache.spark.sql.functions.col;

import io.serspark.embed.ModelSpec;
import io.serspark.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * Decides, per upstream of a spec, for which corpora {@code embeddings/<name>} must be
 * (re)computed: when the table does not exist, when it was made from another model file (sha256),
 * or when its utterances and their audio (utterance id + audio sha256, the ingest's own fingerprint
 * of each file) differ from {@code utterances}, or when the corpus is being re-ingested. Like
 * {@link StageFreshness}: one scan per table, ids kept on the driver.
 */
public final class EmbeddingFreshness {
  /**
   * The column the benchmark adds to the embeddings it writes: the audio sha256 each vector was
   * computed from.
   */
  public static final String AUDIO_SHA256 = "audio_sha256";

  /**
   * Compute {@code corpora} of {@code upstream}; {@code modelSha256} is the model file's, as
   * checked now.
   */
  public record Stage(
      Upstream upstream, String modelSha256, List<String> corpora, List<String> reasons) {}

  private final Warehouse warehouse;

  public EmbeddingFreshness(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /**
   * @param reingested corpora whose utterances the ingest stage is rewriting in this run
   */
  public List<Stage> plan(BenchmarkSpec spec, List<String> reingested) {
    List<Stage> out = new ArrayList<>();
    if (spec.upstreams().isEmpty()) return out;
    Map<String, Map<String, String>> audio =
        fingerprints("utterances", "sha256", spec.corpusNames(), true);
    for (Upstream u : spec.upstreams()) {
      String sha = ModelSpec.sha256(Path.of(u.modelPath()));
      List<String> stale = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      boolean have = warehouse.exists(u.table());
      Set<String> models = have ? modelsIn(u.table(), spec.corpusNames()) : Set.of();
      boolean hasAudio =
          have && Arrays.asList(warehouse.read(u.table()).columns()).contains(AUDIO_SHA256);
      Map<String, Map<String, String>> embedded =
          hasAudio ? fingerprints(u.table(), AUDIO_SHA256, spec.corpusNames(), false) : Map.of();
      for (String c : spec.corpusNames()) {
        String why = null;
        if (reingested.contains(c)) {
          why = "its utterances are being re-ingested";
        } else if (!have) {
          why = u.table() + " does not exist";
        } else if (!hasAudio) {
          why =
              u.table()
                  + " was not made by the benchmark (no "
                  + AUDIO_SHA256
                  + " column to check it against "
                  + "utterances)";
        } else if (!models.isEmpty() && !models.equals(Set.of(sha))) {
          why =
              "the model file "
                  + u.model()
                  + " changed (sha256 "
                  + sha.substring(0, 12)
                  + "…, the table's "
                  + models.stream().map(m -> m.substring(0, 12) + "…").sorted().toList()
                  + ")";
        } else {
          long differ =
              differing(audio.getOrDefault(c, Map.of()), embedded.getOrDefault(c, Map.of()));
          if (differ > 0)
            why =
                differ
                    + " utterances differ (id or audio sha256) between utterances and "
                    + u.table();
        }
        if (why != null) {
          stale.add(c);
          reasons.add("embeddings " + u.name() + " " + c + ": " + why);
        }
      }
      if (!stale.isEmpty()) out.add(new Stage(u, sha, List.copyOf(stale), List.copyOf(reasons)));
    }
    return out;
  }

  /**
   * Per corpus, utterance id → audio sha256 (utterances: only those with audio, as the embedder
   * skips empty ones).
   */
  private Map<String, Map<String, String>> fingerprints(
      String table, String shaColumn, List<String> corpora, boolean withSamplesOnly) {
    var t = warehouse.read(table).filter(col("corpus").isin(corpora.toArray()));
    if (withSamplesOnly && Arrays.asList(t.columns()).contains("num_samples"))
      t = t.filter(col("num_samples").gt(0));
    Map<String, Map<String, String>> out = new HashMap<>();
    for (Row r :
        t.select(col("corpus"), col("utterance_id"), col(shaColumn)).distinct().collectAsList()) {
      out.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getString(1), r.getString(2));
    }
    return out;
  }

  private Set<String> modelsIn(String table, List<String> corpora) {
    Set<String> out = new HashSet<>();
    for (Row r :
        warehouse
            .read(table)
            .filter(col("corpus").isin(corpora.toArray()))
            .select("model_sha256")
            .distinct()
            .collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  /** Utterances in only one of the two, or with another audio sha256 in each. */
  private static long differing(Map<String, String> a, Map<String, String> b) {
    return a.entrySet().stream().filter(e -> !e.getValue().equals(b.get(e.getKey()))).count()
        + b.keySet().stream().filter(k -> !a.containsKey(k)).count();
  }
}
