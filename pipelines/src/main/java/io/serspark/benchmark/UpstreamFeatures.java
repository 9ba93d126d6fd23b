package io.serspark.benchmark;

import io.serspark.benchmark.BenchmarkSpec.FeatureSet;
import io.serspark.config.ConfigException;
import io.serspark.embed.ModelSpec;
import io.serspark.train.FeatureSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a spec's upstream feature entry, {@code {upstream: wav2vec2_base, model:
 * target/models/w2v2b.pt, layers: all, pooling: mean}}, into the {@link Upstream} whose embeddings
 * the benchmark computes and the feature sets its cells read: one per selected hidden state (a
 * layer sweep), plus {@code mean} (the average of all hidden states' pooled vectors). The model's
 * contract is read here, so a missing model or a layer it does not have stops the spec before any
 * work.
 */
final class UpstreamFeatures {
  static final Set<String> KEYS =
      Set.of("upstream", "model", "name", "layers", "pooling", "random_init");

  /**
   * Architectures {@code scripts/export_upstream.py} builds; for these a missing model names its
   * build command.
   */
  static final List<String> EXPORTABLE =
      List.of(
          "wav2vec2_base", "wav2vec2_large", "wav2vec2_large_lv60k", "hubert_base", "hubert_large");

  private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]*";

  record Parsed(Upstream upstream, List<FeatureSet> features) {}

  private UpstreamFeatures() {}

  static Parsed parse(Map<String, Object> m, String where) {
    for (String k : m.keySet()) {
      if (!KEYS.contains(k)) {
        throw new ConfigException(
            where
                + ": features: unknown key '"
                + k
                + "' for an upstream; allowed: "
                + String.join(", ", KEYS.stream().sorted().toList()));
      }
    }
    String upstream = String.valueOf(m.get("upstream"));
    if (!upstream.matches(NAME)) {
      throw new ConfigException(
          where
              + ": features: upstream '"
              + upstream
              + "' must be letters, digits, '.', '-' "
              + "and '_' (e.g. wav2vec2_base)");
    }
    String name = m.get("name") == null ? upstream : String.valueOf(m.get("name"));
    if (!name.matches(NAME)) {
      throw new ConfigException(
          where
              + ": features: upstream "
              + upstream
              + ": name '"
              + name
              + "' must be "
              + "letters, digits, '.', '-' and '_' (it names the table embeddings/<name>)");
    }
    if (m.get("model") == null) {
      throw new ConfigException(
          where
              + ": features: upstream "
              + upstream
              + " has no model; give model: "
              + "<TorchScript file>, e.g. target/models/"
              + upstream
              + ".pt");
    }
    String model = String.valueOf(m.get("model"));
    Object ri = m.getOrDefault("random_init", false);
    if (!(ri instanceof Boolean randomInit)) {
      throw new ConfigException(
          where
              + ": features: upstream "
              + upstream
              + ": random_init must be true or false, "
              + "got '"
              + ri
              + "'");
    }
    Path path = KnownCorpora.resolvePath(model);
    if (!Files.isRegularFile(path)) {
      throw new ConfigException(
          where
              + ": features: upstream "
              + upstream
              + ": model "
              + model
              + " does not exist"
              + " (resolved to "
              + path
              + "); "
              + howToBuild(upstream, model));
    }
    ModelSpec contract;
    try {
      contract = ModelSpec.read(path);
    } catch (ConfigException e) {
      throw new ConfigException(
          where + ": features: upstream " + upstream + ": " + e.getMessage(), e);
    }
    // the export script records random weights in the model itself: the warning does not depend on
    // the spec saying so
    String weights = ModelSpec.weights(path);
    boolean random = randomInit || (weights != null && weights.startsWith("random-init"));
    int hidden = contract.hiddenStates();
    String pooling = m.get("pooling") == null ? "mean" : String.valueOf(m.get("pooling"));
    if (!Upstream.POOLINGS.contains(pooling)) {
      throw new ConfigException(
          where
              + ": features: upstream "
              + upstream
              + ": unknown pooling '"
              + pooling
              + "'; known: "
              + String.join(", ", Upstream.POOLINGS));
    }
    String table = "embeddings/" + name;
    List<FeatureSet> features = new ArrayList<>();
    for (Integer layer :
        layers(
            m.getOrDefault("layers", "all"), hidden, where + ": features: upstream " + upstream)) {
      features.add(new FeatureSet(FeatureSet.EMBEDDING, table, layer, pooling));
    }
    return new Parsed(
        new Upstream(name, upstream, model, path.toString(), hidden, random), features);
  }

  /**
   * {@code all} (every hidden state, 0 = the transformer's input), {@code mean} (their average), a
   * layer index, or a list of these, e.g. {@code [all, mean]} or {@code [0, 6, 12]}; in the order
   * given, each once.
   */
  static List<Integer> layers(Object raw, int hiddenStates, String where) {
    List<Integer> out = new ArrayList<>();
    for (Object o : raw instanceof List<?> l ? l : List.of(raw)) {
      List<Integer> these = new ArrayList<>();
      if ("all".equals(o)) {
        for (int i = 0; i < hiddenStates; i++) these.add(i);
      } else if ("mean".equals(o)) {
        these.add(FeatureSpec.Source.MEAN_OF_LAYERS);
      } else if (o instanceof Integer i) {
        if (i < 0 || i >= hiddenStates) {
          throw new ConfigException(
              where
                  + ": layer "
                  + i
                  + " is not in the model, whose hidden states are 0.."
                  + (hiddenStates - 1)
                  + " (0 = transformer input); use all, mean or indices in that range");
        }
        these.add(i);
      } else {
        throw new ConfigException(
            where
                + ": layers must be all, mean, a layer index or a list of these, got '"
                + o
                + "'");
      }
      for (Integer i : these) if (!out.contains(i)) out.add(i);
    }
    if (out.isEmpty())
      throw new ConfigException(where + ": layers is empty; e.g. all, [all, mean] or [0, 6, 12]");
    return out;
  }

  /**
   * The one command that makes a missing model (random weights for the architectures the export
   * script knows).
   */
  static String howToBuild(String upstream, String model) {
    if (EXPORTABLE.contains(upstream)) {
      return "build it with: /usr/bin/python3 scripts/export_upstream.py --arch "
          + upstream
          + " --random-init --seed 0 --out "
          + model
          + " (or --checkpoint FILE instead of --random-init for "
          + "released weights; docs/embeddings.md)";
    }
    return "export it with scripts/export_upstream.py or scripts/export_hf_encoder.py (docs/embeddings.md)";
  }
}
