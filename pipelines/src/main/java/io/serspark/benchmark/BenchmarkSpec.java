package io.serspark.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.serspark.config.ConfigException;
import io.serspark.config.PathSegment;
import io.serspark.corpus.LabelSets;
import io.serspark.features.EgemapsSchema;
import io.serspark.metrics.SpeakerBootstrap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A benchmark as the user wrote it in {@code conf/benchmarks/<name>.yaml}: corpora, a label set,
 * feature sets, classifiers, protocols, normalisations. {@link #parse} checks everything that can
 * be checked without data and throws one {@link ConfigException} naming the key and the fix, so
 * that a bad spec fails before Spark starts.
 *
 * <pre>
 * name: emodb-ravdess
 * label_set: 4class
 * corpora:
 *   - {name: emodb, path: ../shared/corpora/emodb}          # adapter defaults to the name
 *   - {name: ravdess, path: ../shared/corpora/ravdess}
 * features: [egemaps]                                       # or {embedding: tiny, layer: 3, pooling: mean}
 *                                                           # or {upstream: wav2vec2_base, model: m.pt, layers: all}
 * classifiers: [svm, rf, gbt]                               # or {rf: {numTrees: 200}}
 * protocols:
 *   within: loso                                            # loso | speaker-kfold (with k) | official;
 *                                                           #  {kind: loso, disjoint: speaker+text, text_folds: 2}
 *   cross: true                                             # train on each corpus, test on each other one
 *   leave_one_corpus_out: true                              # train on all but one, test on the one left out
 * normalisation: [per-corpus]                               # global | per-corpus | per-speaker | none
 * bootstrap: {resamples: 1000, seed: 7}
 * compare:                                                  # optional: paired tests of one choice against another
 *   - {features: [egemaps_accurate_formants, egemaps]}      # or classifiers: [...] / normalisation: [...]
 * </pre>
 */
public record BenchmarkSpec(
    String name,
    String labelSet,
    List<String> labels,
    List<CorpusRef> corpora,
    List<FeatureSet> features,
    List<Classifier> classifiers,
    Within within,
    boolean cross,
    boolean leaveOneCorpusOut,
    List<String> normalisations,
    int bootstrapResamples,
    long seed,
    List<Contrast> compare,
    List<Upstream> upstreams,
    String canonicalYaml) {

  /** Classifiers the experiment API knows; the key in the spec picks one. */
  public static final List<String> CLASSIFIERS = io.serspark.train.Learner.CLASSIFIERS;

  public static final List<String> NORMALISATIONS =
      List.of("none", "global", "per-corpus", "per-speaker");
  public static final List<String> WITHIN_PROTOCOLS =
      List.of("loso", "speaker-kfold", "official", "none");

  /**
   * A corpus of the benchmark: its name in the warehouse, the adapter that reads it and its folder
   * (optional).
   */
  public record CorpusRef(String name, String adapter, String path) {}

  /**
   * eGeMAPS functionals ({@code features/egemaps_v02}, or {@code
   * features/egemaps_v02_accurate_formants} with the accurate formant tracker) or an embedding
   * table ({@code embeddings/<name>}).
   */
  public record FeatureSet(String kind, String table, Integer layer, String pooling) {
    public static final String EGEMAPS = "egemaps";
    public static final String EMBEDDING = "embedding";

    /** The spec's name of eGeMAPS with accurate formants, also its id. */
    public static final String EGEMAPS_ACCURATE_FORMANTS = "egemaps_accurate_formants";

    /**
     * Short id used in cell ids, tables and file names: {@code egemaps}, {@code
     * egemaps_accurate_formants}, {@code tiny@L3-mean}, {@code tiny@Lmean-mean} (the average of all
     * layers).
     */
    public String id() {
      if (kind.equals(EGEMAPS)) {
        return table.equals(EgemapsSchema.ACCURATE_FORMANTS_TABLE)
            ? EGEMAPS_ACCURATE_FORMANTS
            : EGEMAPS;
      }
      String id = table.substring("embeddings/".length());
      if (layer != null)
        id +=
            "@L" + (layer == io.serspark.train.FeatureSpec.Source.MEAN_OF_LAYERS ? "mean" : layer);
      if (pooling != null) id += "-" + pooling;
      return id;
    }
  }

  /** A classifier kind with its parameters (sorted, so that equal specs hash equally). */
  public record Classifier(String kind, Map<String, Object> params) {
    public String id() {
      if (params.isEmpty()) return kind;
      StringBuilder b = new StringBuilder(kind);
      params.forEach((k, v) -> b.append('-').append(k).append('=').append(v));
      return b.toString();
    }
  }

  /**
   * The within-corpus protocol: LOSO, speaker k-fold (k), the official split, or none; with {@code
   * textFolds} > 0 the speaker folds are crossed with that many groups of texts ({@code disjoint:
   * speaker+text}).
   */
  public record Within(String kind, int k, int textFolds) {
    public Within(String kind, int k) {
      this(kind, k, 0);
    }
  }

  /** Values of {@code protocols.within.disjoint}. */
  public static final List<String> DISJOINT = List.of("speaker", "speaker+text");

  /**
   * The spec's dimensions a {@code compare} entry may contrast, as they are written in the spec.
   */
  public static final List<String> CONTRAST_DIMENSIONS =
      List.of("features", "classifiers", "normalisation");

  /**
   * A requested paired comparison: cells that differ only in {@code dimension}, {@code first}
   * against {@code second} (ids as in cell ids: feature set ids, classifier ids, normalisation
   * names), Δ = first − second.
   */
  public record Contrast(String dimension, String first, String second) {
    public String label() {
      return dimension + ": " + first + " − " + second;
    }

    /** This cell's value of the contrasted dimension. */
    public String valueOf(Cell c) {
      return value(dimension, c);
    }

    /** A cell's value of one of {@link #CONTRAST_DIMENSIONS}. */
    public static String value(String dimension, Cell c) {
      return switch (dimension) {
        case "features" -> c.features().id();
        case "classifiers" -> c.classifier().id();
        case "normalisation" -> c.normalisation();
        default ->
            throw new IllegalArgumentException(
                "not a dimension a comparison can contrast: " + dimension);
      };
    }
  }

  public static BenchmarkSpec load(Path file, Path confDir) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          "benchmark spec " + file + " does not exist (specs live in conf/benchmarks/)");
    }
    try {
      return parse(
          Files.readString(file, StandardCharsets.UTF_8),
          file.toString(),
          LabelSets.load(confDir),
          KnownCorpora.of(confDir));
    } catch (IOException e) {
      throw new ConfigException("cannot read benchmark spec " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses and checks a spec; {@code where} names the file in messages. */
  @SuppressWarnings("unchecked")
  public static BenchmarkSpec parse(
      String yaml, String where, LabelSets labelSets, KnownCorpora known) {
    ObjectMapper yamlMapper = new ObjectMapper(new YAMLFactory());
    Object docRaw;
    try {
      docRaw = yamlMapper.readValue(yaml, Object.class);
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage() == null ? e.getMessage() : e.getOriginalMessage();
      var loc = e.getLocation();
      throw new ConfigException(
          where
              + " is not valid YAML"
              + (loc == null ? "" : " (line " + loc.getLineNr() + ")")
              + ": "
              + msg.lines().findFirst().orElse(msg),
          e);
    }
    if (!(docRaw instanceof Map)) {
      throw new ConfigException(
          where
              + " must be a YAML map with keys name, label_set, corpora, features, "
              + "classifiers, protocols");
    }
    Map<String, Object> doc = (Map<String, Object>) docRaw;
    List<String> allowed =
        List.of(
            "name",
            "description",
            "label_set",
            "corpora",
            "features",
            "classifiers",
            "protocols",
            "normalisation",
            "bootstrap",
            "compare");
    for (String k : doc.keySet()) {
      if (!allowed.contains(k)) {
        throw new ConfigException(
            where + ": unknown key '" + k + "'; allowed: " + String.join(", ", allowed));
      }
    }
    String name = str(doc, "name", where, null);
    PathSegment.check(where + ": name", name);
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new ConfigException(
          where
              + ": name '"
              + name
              + "' must be letters, digits, '.', '-' and '_' "
              + "(it names the folder runs/<name>/)");
    }
    if (name.equals("train")) {
      throw new ConfigException(
          where
              + ": name 'train' is taken: runs/train/ holds the train job's runs; choose "
              + "another name");
    }
    String labelSet = str(doc, "label_set", where, "all");
    List<String> labels =
        labelSets.resolve(where + ": label_set", labelSet); // unknown -> the known sets

    List<CorpusRef> corpora = corpora(doc.get("corpora"), where, known);
    List<Upstream> upstreams = new ArrayList<>();
    List<FeatureSet> features = features(doc.get("features"), where, upstreams);
    List<Classifier> classifiers = classifiers(doc.get("classifiers"), where);

    Map<String, Object> protocols = map(doc.get("protocols"), where + ": protocols");
    for (String k : protocols.keySet()) {
      if (!Set.of("within", "cross", "leave_one_corpus_out").contains(k)) {
        throw new ConfigException(
            where
                + ": unknown protocol '"
                + k
                + "'; allowed: within, cross, "
                + "leave_one_corpus_out");
      }
    }
    Within within = within(protocols.getOrDefault("within", "loso"), where);
    boolean cross = bool(protocols, "cross", where, true);
    boolean loco = bool(protocols, "leave_one_corpus_out", where, false);
    if ((cross || loco) && corpora.size() < 2) {
      throw new ConfigException(
          where
              + ": protocols.cross / leave_one_corpus_out need at least two corpora; "
              + "set them to false or add a corpus");
    }
    if (within.kind().equals("none") && !cross && !loco) {
      throw new ConfigException(
          where + ": no protocol selected; set protocols.within, cross or leave_one_corpus_out");
    }

    List<String> norms = new ArrayList<>();
    Object n = doc.getOrDefault("normalisation", List.of("global"));
    for (Object o : n instanceof List<?> l ? l : List.of(n)) {
      String s = String.valueOf(o);
      if (!NORMALISATIONS.contains(s)) {
        throw new ConfigException(
            where
                + ": unknown normalisation '"
                + s
                + "'; known: "
                + String.join(", ", NORMALISATIONS));
      }
      if (!norms.contains(s)) norms.add(s);
    }
    if (norms.isEmpty())
      throw new ConfigException(
          where + ": normalisation is empty; name at least one, e.g. [global]");

    Map<String, Object> boot = map(doc.get("bootstrap"), where + ": bootstrap");
    int resamples = intValue(boot.getOrDefault("resamples", 1000), where + ": bootstrap.resamples");
    if (resamples < 0 || resamples > SpeakerBootstrap.MAX_REPLICATES) {
      throw new ConfigException(
          where
              + ": bootstrap.resamples must be 0 (no CIs) to "
              + SpeakerBootstrap.MAX_REPLICATES
              + ", got "
              + resamples);
    }
    long seed = intValue(boot.getOrDefault("seed", 7), where + ": bootstrap.seed");
    List<Contrast> compare =
        contrasts(
            doc.get("compare"),
            where,
            features.stream().map(FeatureSet::id).toList(),
            classifiers.stream().map(Classifier::id).toList(),
            norms);
    if (!compare.isEmpty() && resamples == 0) {
      throw new ConfigException(
          where + ": compare needs the bootstrap; set bootstrap.resamples above 0 (e.g. 1000)");
    }

    // The spec "as run": a canonical rendering of what was parsed, so that formatting and comments
    // do not change
    // cell hashes, and spec.yaml in the run folder says exactly what was run (defaults filled in).
    Map<String, Object> canon = new LinkedHashMap<>();
    canon.put("name", name);
    canon.put("label_set", labelSet);
    canon.put("labels", labels);
    List<Object> cs = new ArrayList<>();
    for (CorpusRef c : corpora) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("adapter", c.adapter());
      if (c.path() != null) m.put("path", c.path());
      cs.add(m);
    }
    canon.put("corpora", cs);
    canon.put(
        "features",
        features.stream()
            .map(
                f -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("kind", f.kind());
                  m.put("table", f.table());
                  if (f.layer() != null) m.put("layer", f.layer());
                  if (f.pooling() != null) m.put("pooling", f.pooling());
                  return m;
                })
            .toList());
    if (!upstreams.isEmpty()) {
      canon.put(
          "upstreams",
          upstreams.stream()
              .map(
                  u -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", u.name());
                    m.put("upstream", u.upstream());
                    m.put("model", u.model());
                    m.put("hidden_states", u.hiddenStates());
                    m.put("random_init", u.randomInit());
                    return m;
                  })
              .toList());
    }
    canon.put("classifiers", classifiers.stream().map(c -> Map.of(c.kind(), c.params())).toList());
    Map<String, Object> p = new LinkedHashMap<>();
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("kind", within.kind());
    if (within.kind().equals("speaker-kfold")) w.put("k", within.k());
    if (within.textFolds() > 0) {
      w.put("disjoint", "speaker+text");
      w.put("text_folds", within.textFolds());
    }
    p.put("within", w.size() == 1 ? within.kind() : w);
    p.put("cross", cross);
    p.put("leave_one_corpus_out", loco);
    canon.put("protocols", p);
    canon.put("normalisation", norms);
    canon.put("bootstrap", new LinkedHashMap<>(Map.of("resamples", resamples, "seed", seed)));
    if (!compare.isEmpty()) {
      canon.put(
          "compare",
          compare.stream()
              .map(c -> Map.of(c.dimension(), List.of(c.first(), c.second())))
              .toList());
    }
    String canonical;
    try {
      canonical = yamlMapper.writeValueAsString(canon);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new BenchmarkSpec(
        name,
        labelSet,
        labels,
        corpora,
        features,
        classifiers,
        within,
        cross,
        loco,
        List.copyOf(norms),
        resamples,
        seed,
        compare,
        List.copyOf(upstreams),
        canonical);
  }

  public List<String> corpusNames() {
    return corpora.stream().map(CorpusRef::name).toList();
  }

  /**
   * The upstream whose embeddings table a feature set reads, if the benchmark computes that table.
   */
  public java.util.Optional<Upstream> upstreamOf(FeatureSet f) {
    return upstreams.stream().filter(u -> u.table().equals(f.table())).findFirst();
  }

  // ---------------------------------------------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private static List<CorpusRef> corpora(Object raw, String where, KnownCorpora known) {
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw new ConfigException(
          where
              + ": corpora must be a non-empty list, e.g. [{name: emodb, path: "
              + "../shared/corpora/emodb}]");
    }
    List<CorpusRef> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Object o : list) {
      String name;
      String adapter = null;
      String path = null;
      if (o instanceof String s) {
        name = s;
      } else if (o instanceof Map<?, ?> m) {
        Map<String, Object> mm = (Map<String, Object>) m;
        for (String k : mm.keySet()) {
          if (!Set.of("name", "adapter", "path").contains(k)) {
            throw new ConfigException(
                where + ": corpora: unknown key '" + k + "'; allowed: name, adapter, path");
          }
        }
        name = str(mm, "name", where + ": corpora", null);
        adapter = mm.get("adapter") == null ? null : String.valueOf(mm.get("adapter"));
        path = mm.get("path") == null ? null : String.valueOf(mm.get("path"));
      } else {
        throw new ConfigException(
            where + ": corpora entries are names or {name, adapter, path} maps, got " + o);
      }
      PathSegment.check(where + ": corpus name", name);
      if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
        throw new ConfigException(
            where + ": corpus name '" + name + "' must be lower case letters, digits, - and _");
      }
      if (!seen.add(name))
        throw new ConfigException(where + ": corpus '" + name + "' is listed twice");
      if (adapter == null) adapter = known.defaultAdapter(name, path);
      known.check(name, adapter, path, where);
      out.add(new CorpusRef(name, adapter, path));
    }
    return List.copyOf(out);
  }

  @SuppressWarnings("unchecked")
  private static List<FeatureSet> features(Object raw, String where, List<Upstream> upstreams) {
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw new ConfigException(
          where
              + ": features must be a non-empty list, e.g. [egemaps] or "
              + "[{embedding: <name>, layer: 3}]");
    }
    List<FeatureSet> out = new ArrayList<>();
    for (Object o : list) {
      if (o instanceof Map<?, ?> m && m.containsKey("upstream")) {
        UpstreamFeatures.Parsed p = UpstreamFeatures.parse((Map<String, Object>) m, where);
        for (Upstream u : upstreams) {
          if (u.name().equals(p.upstream().name())) {
            throw new ConfigException(
                where
                    + ": features: two upstreams write embeddings/"
                    + u.name()
                    + "; give "
                    + "one of them another 'name:' (it names the table)");
          }
          // Spark ships a model to the executors under its file name
          if (Path.of(u.modelPath())
                  .getFileName()
                  .equals(Path.of(p.upstream().modelPath()).getFileName())
              && !u.modelPath().equals(p.upstream().modelPath())) {
            throw new ConfigException(
                where
                    + ": features: the models of upstreams "
                    + u.name()
                    + " and "
                    + p.upstream().name()
                    + " have the same file name "
                    + Path.of(u.modelPath()).getFileName()
                    + "; give them distinct file names (executors find a shipped model by its name)");
          }
        }
        upstreams.add(p.upstream());
        for (FeatureSet f : p.features()) addOnce(out, f, where);
        continue;
      }
      FeatureSet f;
      if ("egemaps".equals(o) || "egemaps_v02".equals(o)) {
        f = new FeatureSet(FeatureSet.EGEMAPS, EgemapsSchema.FUNCTIONALS_TABLE, null, null);
      } else if (FeatureSet.EGEMAPS_ACCURATE_FORMANTS.equals(o)
          || "egemaps_v02_accurate_formants".equals(o)) {
        f = new FeatureSet(FeatureSet.EGEMAPS, EgemapsSchema.ACCURATE_FORMANTS_TABLE, null, null);
      } else if (o instanceof Map<?, ?> m && m.containsKey("embedding")) {
        Map<String, Object> mm = (Map<String, Object>) m;
        for (String k : mm.keySet()) {
          if (!Set.of("embedding", "layer", "pooling").contains(k)) {
            throw new ConfigException(
                where
                    + ": features: unknown key '"
                    + k
                    + "' for an embedding; allowed: "
                    + "embedding, layer, pooling");
          }
        }
        String table = String.valueOf(mm.get("embedding"));
        if (!table.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
          throw new ConfigException(
              where
                  + ": features: embedding '"
                  + table
                  + "' must be the name of a table "
                  + "embeddings/<name>");
        }
        Integer layer =
            mm.get("layer") == null ? null : intValue(mm.get("layer"), where + ": features.layer");
        String pooling = mm.get("pooling") == null ? null : String.valueOf(mm.get("pooling"));
        f = new FeatureSet(FeatureSet.EMBEDDING, "embeddings/" + table, layer, pooling);
      } else {
        throw new ConfigException(
            where
                + ": unknown feature set '"
                + o
                + "'; known: egemaps, "
                + "egemaps_accurate_formants, or "
                + "{embedding: <name of an embeddings/ table>, layer: N, pooling: mean}, or "
                + "{upstream: <name>, model: <TorchScript file>, layers: all, pooling: mean}");
      }
      addOnce(out, f, where);
    }
    return List.copyOf(out);
  }

  private static void addOnce(List<FeatureSet> out, FeatureSet f, String where) {
    if (out.stream().anyMatch(x -> x.id().equals(f.id()))) {
      throw new ConfigException(where + ": feature set '" + f.id() + "' is listed twice");
    }
    out.add(f);
  }

  @SuppressWarnings("unchecked")
  private static List<Classifier> classifiers(Object raw, String where) {
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw new ConfigException(
          where + ": classifiers must be a non-empty list, e.g. [svm, rf, gbt]");
    }
    List<Classifier> out = new ArrayList<>();
    for (Object o : list) {
      String kind;
      Map<String, Object> params = new TreeMap<>();
      if (o instanceof String s) {
        kind = s;
      } else if (o instanceof Map<?, ?> m && m.size() == 1) {
        var e = ((Map<String, Object>) m).entrySet().iterator().next();
        kind = e.getKey();
        if (e.getValue() != null) params.putAll(map(e.getValue(), where + ": classifiers." + kind));
      } else {
        throw new ConfigException(
            where + ": classifiers entries are names (svm) or {name: {param: value}}, got " + o);
      }
      if (!CLASSIFIERS.contains(kind)) {
        throw new ConfigException(
            where
                + ": unknown classifier '"
                + kind
                + "'; known: "
                + String.join(", ", CLASSIFIERS));
      }
      Classifier c = new Classifier(kind, java.util.Collections.unmodifiableMap(params));
      ExperimentEvaluator.learner(c, where + ": classifiers." + kind); // parameters it knows
      if (out.stream().anyMatch(x -> x.id().equals(c.id()))) {
        throw new ConfigException(where + ": classifier '" + c.id() + "' is listed twice");
      }
      out.add(c);
    }
    return List.copyOf(out);
  }

  /**
   * {@code compare: [{features: [a, b]}, ...]}: each entry one dimension and two of the spec's own
   * values.
   */
  private static List<Contrast> contrasts(
      Object raw,
      String where,
      List<String> features,
      List<String> classifiers,
      List<String> norms) {
    if (raw == null) return List.of();
    String example = "e.g. [{features: [egemaps_accurate_formants, egemaps]}]";
    if (!(raw instanceof List<?> list))
      throw new ConfigException(where + ": compare must be a list, " + example);
    List<Contrast> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m) || m.size() != 1) {
        throw new ConfigException(
            where
                + ": compare entries are maps with one key ("
                + String.join(", ", CONTRAST_DIMENSIONS)
                + ") and two values, "
                + example
                + "; got "
                + o);
      }
      var e = m.entrySet().iterator().next();
      String dimension = String.valueOf(e.getKey());
      List<String> known =
          switch (dimension) {
            case "features" -> features;
            case "classifiers" -> classifiers;
            case "normalisation" -> norms;
            default ->
                throw new ConfigException(
                    where
                        + ": compare: unknown key '"
                        + dimension
                        + "'; allowed: "
                        + String.join(", ", CONTRAST_DIMENSIONS));
          };
      if (!(e.getValue() instanceof List<?> pair)
          || pair.size() != 2
          || String.valueOf(pair.get(0)).equals(String.valueOf(pair.get(1)))) {
        throw new ConfigException(
            where
                + ": compare: "
                + dimension
                + " takes two different values of the spec's "
                + dimension
                + " ("
                + String.join(", ", known)
                + "), got "
                + e.getValue());
      }
      for (Object v : pair) {
        if (!known.contains(String.valueOf(v))) {
          throw new ConfigException(
              where
                  + ": compare: "
                  + dimension
                  + " '"
                  + v
                  + "' is not among the spec's "
                  + dimension
                  + ": "
                  + String.join(", ", known));
        }
      }
      Contrast c =
          new Contrast(dimension, String.valueOf(pair.get(0)), String.valueOf(pair.get(1)));
      if (out.contains(c))
        throw new ConfigException(where + ": compare: " + c.label() + " is listed twice");
      out.add(c);
    }
    return List.copyOf(out);
  }

  @SuppressWarnings("unchecked")
  private static Within within(Object raw, String where) {
    String kind;
    int k = 5;
    String disjoint = "speaker";
    int textFolds = 2;
    if (raw instanceof Map<?, ?> m) {
      Map<String, Object> mm = (Map<String, Object>) m;
      for (Object key : mm.keySet()) {
        if (!List.of("kind", "k", "disjoint", "text_folds").contains(String.valueOf(key))) {
          throw new ConfigException(
              where
                  + ": protocols.within: unknown key '"
                  + key
                  + "'; allowed: kind, k, "
                  + "disjoint, text_folds");
        }
      }
      kind = str(mm, "kind", where + ": protocols.within", null);
      if (mm.containsKey("k")) k = intValue(mm.get("k"), where + ": protocols.within.k");
      disjoint = str(mm, "disjoint", where + ": protocols.within", "speaker");
      if (!DISJOINT.contains(disjoint)) {
        throw new ConfigException(
            where
                + ": protocols.within.disjoint '"
                + disjoint
                + "' is not known; use speaker "
                + "(the default) or speaker+text (folds that keep both speakers and text ids apart)");
      }
      if (mm.containsKey("text_folds")) {
        if (!disjoint.equals("speaker+text")) {
          throw new ConfigException(
              where + ": protocols.within.text_folds needs disjoint: speaker+text");
        }
        textFolds = intValue(mm.get("text_folds"), where + ": protocols.within.text_folds");
        if (textFolds < 2) {
          throw new ConfigException(
              where + ": protocols.within.text_folds must be >= 2, got " + textFolds);
        }
      }
    } else if (raw == null || Boolean.FALSE.equals(raw)) {
      kind = "none";
    } else {
      kind = String.valueOf(raw);
    }
    if (!WITHIN_PROTOCOLS.contains(kind)) {
      throw new ConfigException(
          where
              + ": unknown within-corpus protocol '"
              + kind
              + "'; known: "
              + String.join(", ", WITHIN_PROTOCOLS));
    }
    if (kind.equals("speaker-kfold") && k < 2) {
      throw new ConfigException(
          where + ": protocols.within.k must be >= 2 for speaker-kfold, got " + k);
    }
    boolean text = disjoint.equals("speaker+text");
    if (text && !kind.equals("loso") && !kind.equals("speaker-kfold")) {
      throw new ConfigException(
          where
              + ": protocols.within.disjoint speaker+text crosses loso or speaker-kfold "
              + "folds with text groups, not '"
              + kind
              + "'");
    }
    return new Within(kind, kind.equals("speaker-kfold") ? k : 0, text ? textFolds : 0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object raw, String what) {
    if (raw == null) return Map.of();
    if (!(raw instanceof Map))
      throw new ConfigException(what + " must be a map, got '" + raw + "'");
    return (Map<String, Object>) raw;
  }

  private static String str(Map<String, Object> m, String key, String where, String dflt) {
    Object v = m.get(key);
    if (v == null) {
      if (dflt != null) return dflt;
      throw new ConfigException(where + ": '" + key + "' is missing");
    }
    if (v instanceof Map || v instanceof List) {
      throw new ConfigException(where + ": '" + key + "' must be a single value, got " + v);
    }
    return String.valueOf(v);
  }

  private static boolean bool(Map<String, Object> m, String key, String where, boolean dflt) {
    Object v = m.get(key);
    if (v == null) return dflt;
    if (v instanceof Boolean b) return b;
    throw new ConfigException(
        where + ": protocols." + key + " must be true or false, got '" + v + "'");
  }

  private static int intValue(Object v, String what) {
    if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue()))
      return num.intValue();
    throw new ConfigException(what + " must be a whole number, got '" + v + "'");
  }
}
