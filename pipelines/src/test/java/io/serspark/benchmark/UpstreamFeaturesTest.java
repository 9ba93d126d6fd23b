package io.serspark.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A spec that names upstreams: layer sweeps, the mean of the layers, and every bad entry refused in
 * one line.
 */
class UpstreamFeaturesTest {
  /** The tiny test encoder: 4 hidden states (transformer input + 3 layers) of 32 dims. */
  static final String TINY =
      Path.of("..", "udfs", "src", "test", "resources", "models", "tiny-ssl-lengths.pt")
          .toAbsolutePath()
          .normalize()
          .toString();

  static String spec(String features) {
    return BenchmarkSpecTest.GOOD.replace("features: [egemaps]", "features: " + features);
  }

  @Test
  void aLayerSweepIsOneFeatureSetPerHiddenStateAndTheMeanOneMore() {
    BenchmarkSpec s =
        BenchmarkSpecTest.parse(
            spec(
                "[egemaps, {upstream: tiny_w2v2, model: '"
                    + TINY
                    + "', layers: [all, mean], pooling: mean, random_init: true}]"));
    assertEquals(
        List.of(
            "egemaps",
            "tiny_w2v2@L0-mean",
            "tiny_w2v2@L1-mean",
            "tiny_w2v2@L2-mean",
            "tiny_w2v2@L3-mean",
            "tiny_w2v2@Lmean-mean"),
        s.features().stream().map(BenchmarkSpec.FeatureSet::id).toList());
    Upstream u = s.upstreams().get(0);
    assertEquals("embeddings/tiny_w2v2", u.table());
    assertEquals(4, u.hiddenStates());
    assertTrue(u.randomInit());
    assertEquals(u, s.upstreamOf(s.features().get(3)).orElseThrow());
    assertFalse(s.upstreamOf(s.features().get(0)).isPresent());
    assertEquals(
        "embeddings_tiny_w2v2_lmean_mean",
        ExperimentEvaluator.featureSpec(s.features().get(5)).sources().get(0).column());
    assertTrue(s.canonicalYaml().contains("upstream: \"tiny_w2v2\""), s.canonicalYaml());
    // 6 feature sets x 2 classifiers x 2 normalisations x 12 conditions, each its own hash
    List<Cell> cells = CellPlan.cells(s);
    assertEquals(288, cells.size());
    assertEquals(cells.size(), cells.stream().map(Cell::definitionHash).distinct().count());

    BenchmarkSpec picked =
        BenchmarkSpecTest.parse(
            spec(
                "[{upstream: w, model: '"
                    + TINY
                    + "', layers: [3, 0], "
                    + "pooling: std, name: other}]"));
    assertEquals(
        List.of("other@L3-std", "other@L0-std"),
        picked.features().stream().map(BenchmarkSpec.FeatureSet::id).toList());
  }

  @Test
  void badUpstreamEntriesFailWithOneLineNamingTheFix() {
    String missing =
        error("[{upstream: wav2vec2_base, model: target/models/nowhere-w2v2b.pt, layers: all}]");
    assertEquals(
        "spec.yaml: features: upstream wav2vec2_base: model target/models/nowhere-w2v2b.pt does not exist "
            + "(resolved to "
            + Path.of("target/models/nowhere-w2v2b.pt").toAbsolutePath()
            + "); build it with: "
            + "/usr/bin/python3 scripts/export_upstream.py --arch wav2vec2_base --random-init --seed 0 --out "
            + "target/models/nowhere-w2v2b.pt (or --checkpoint FILE instead of --random-init for released weights; "
            + "docs/embeddings.md)",
        missing);
    assertEquals(
        "spec.yaml: features: upstream tiny: layer 4 is not in the model, whose hidden states are 0..3 "
            + "(0 = transformer input); use all, mean or indices in that range",
        error("[{upstream: tiny, model: '" + TINY + "', layers: [1, 4]}]"));
    assertTrue(
        error("[{upstream: tiny, model: '" + TINY + "', layers: last}]")
            .contains("layers must be all, mean, a layer index or a list of these, got 'last'"));
    assertTrue(
        error("[{upstream: tiny, model: '" + TINY + "', pooling: max}]")
            .contains("unknown pooling 'max'"));
    assertTrue(
        error("[{upstream: tiny, model: '" + TINY + "', layer: 3}]")
            .contains("unknown key 'layer' for an " + "upstream"));
    assertTrue(error("[{upstream: tiny}]").contains("upstream tiny has no model"));
    assertTrue(
        error("[{upstream: tiny, model: '" + TINY + "'}, {upstream: tiny, model: '" + TINY + "'}]")
            .contains("two upstreams write embeddings/tiny"));
    for (String e : List.of(missing)) assertEquals(1, e.lines().count(), e);
  }

  @Test
  void theShippedUpstreamsSpecNamesTheBuildCommandOfAMissingModelAndParsesOnceItExists()
      throws Exception {
    // corpus folders as seen from this module's folder
    String shipped =
        java.nio.file.Files.readString(BenchmarkSpecTest.CONF.resolve("benchmarks/upstreams.yaml"))
            .replace("path: ../shared/", "path: ../../shared/");
    String noModels = shipped.replace("target/models/", "target/no-models-here/");
    ConfigException e =
        assertThrows(ConfigException.class, () -> BenchmarkSpecTest.parse(noModels));
    assertTrue(
        e.getMessage()
                .contains(
                    "upstream wav2vec2_base: model target/no-models-here/w2v2b.pt does not exist")
            && e.getMessage()
                .contains(
                    "build it with: /usr/bin/python3 scripts/export_upstream.py --arch wav2vec2_base "
                        + "--random-init --seed 0 --out target/no-models-here/w2v2b.pt"),
        e.getMessage());
    // the tiny encoder in place of both models (4 hidden states instead of 13): 1 + 5 + 5 feature
    // sets, 4 conditions
    BenchmarkSpec s =
        BenchmarkSpecTest.parse(
            shipped
                .replace("target/models/w2v2b.pt", "'" + TINY + "'")
                .replace("target/models/hubertb.pt", "'" + copyOfTiny() + "'"));
    assertEquals(11, s.features().size());
    assertEquals(44, CellPlan.cells(s).size());
    assertTrue(s.upstreams().stream().allMatch(Upstream::randomInit));
    assertEquals(
        List.of("wav2vec2_base", "hubert_base"),
        s.upstreams().stream().map(Upstream::name).toList());
  }

  @Test
  void aModelExportedWithRandomWeightsIsRandomInitWhateverTheSpecSays() throws Exception {
    // serspark.json as scripts/export_upstream.py writes it (the contract part is all the spec
    // reads; no libtorch)
    Path model = Path.of("target", "upstream-test", "random-w2v2.pt").toAbsolutePath();
    java.nio.file.Files.createDirectories(model.getParent());
    try (var zip = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(model))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("random-w2v2/extra/serspark.json"));
      zip.write(
          ("{\"contract\": \"serspark-embed/1\", \"input\": \"waveform\", \"sample_rate_hz\": 16000, "
                  + "\"hidden_states\": 13, \"dim\": 768, \"outputs\": [\"hidden_states\"], "
                  + "\"weights\": \"random-init seed 0\"}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    BenchmarkSpec s =
        BenchmarkSpecTest.parse(
            spec("[{upstream: wav2vec2_base, model: '" + model + "', " + "random_init: false}]"));
    assertTrue(s.upstreams().get(0).randomInit(), "the model says random-init");
    assertEquals(13, s.features().size(), "hidden states 0..12");
    assertFalse(
        BenchmarkSpecTest.parse(spec("[{upstream: t, model: '" + TINY + "'}]"))
            .upstreams()
            .get(0)
            .randomInit(),
        "the tiny encoder says nothing about its weights, nor does the spec");
  }

  /**
   * The tiny encoder under another file name (two upstreams may not ship models of the same file
   * name).
   */
  static String copyOfTiny() throws java.io.IOException {
    Path copy = Path.of("target", "upstream-test", "tiny-copy.pt").toAbsolutePath();
    java.nio.file.Files.createDirectories(copy.getParent());
    java.nio.file.Files.copy(
        Path.of(TINY), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return copy.toString();
  }

  static String error(String features) {
    return assertThrows(ConfigException.class, () -> BenchmarkSpecTest.parse(spec(features)))
        .getMessage();
  }
}
