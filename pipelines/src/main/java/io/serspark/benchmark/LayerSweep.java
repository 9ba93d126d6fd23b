package io.serspark.benchmark;

import io.serspark.train.FeatureSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SUPERB-style layer analysis of one upstream: macro-F1 of every hidden state (and of the mean
 * of all layers) per test condition, for one classifier, normalisation and pooling. Built from a
 * run's cells, so it says exactly what the leaderboard says, arranged by layer.
 *
 * @param layers the swept hidden states in the spec's order ({@link
 *     FeatureSpec.Source#MEAN_OF_LAYERS} for the mean of all layers)
 * @param macroF1 [layer][condition]; null where a cell is missing or has a protocol ERROR
 */
public record LayerSweep(
    Upstream upstream,
    String pooling,
    String classifier,
    String normalisation,
    List<Integer> layers,
    List<Condition> conditions,
    Metric[][] macroF1) {

  /**
   * The hidden state with the highest macro-F1 in one condition (the mean of all layers is not a
   * layer).
   */
  public record Best(Condition condition, int layer, Metric macroF1) {}

  /**
   * One sweep per upstream × pooling × classifier × normalisation that has at least one layer cell.
   */
  public static List<LayerSweep> of(BenchmarkOutcome o) {
    Map<String, List<Cell>> groups = new LinkedHashMap<>();
    for (Cell c : o.cells()) {
      Optional<Upstream> u = o.spec().upstreamOf(c.features());
      if (u.isEmpty() || c.features().layer() == null) continue;
      groups
          .computeIfAbsent(
              u.get().name()
                  + "|"
                  + c.features().pooling()
                  + "|"
                  + c.classifier().id()
                  + "|"
                  + c.normalisation(),
              k -> new ArrayList<>())
          .add(c);
    }
    List<LayerSweep> out = new ArrayList<>();
    for (List<Cell> cells : groups.values()) {
      Cell first = cells.get(0);
      List<Integer> layers = new ArrayList<>();
      List<Condition> conditions = new ArrayList<>();
      for (Cell c : cells) {
        if (!layers.contains(c.features().layer())) layers.add(c.features().layer());
        if (!conditions.contains(c.condition())) conditions.add(c.condition());
      }
      Metric[][] f1 = new Metric[layers.size()][conditions.size()];
      for (Cell c : cells) {
        if (o.invalid(c)) continue;
        f1[layers.indexOf(c.features().layer())][conditions.indexOf(c.condition())] =
            o.resultOf(c).evaluation().macroF1();
      }
      out.add(
          new LayerSweep(
              o.spec().upstreamOf(first.features()).orElseThrow(),
              first.features().pooling(),
              first.classifier().id(),
              first.normalisation(),
              List.copyOf(layers),
              List.copyOf(conditions),
              f1));
    }
    return out;
  }

  /** How the report names a row: {@code L7}, or {@code mean of layers}. */
  public static String layerLabel(int layer) {
    return layer == FeatureSpec.Source.MEAN_OF_LAYERS ? "mean of layers" : "L" + layer;
  }

  /** {@code wav2vec2_base × svm (per-corpus)}, as the leaderboard names systems. */
  public String label() {
    return upstream.name()
        + (upstream.name().equals(upstream.upstream()) ? "" : " (" + upstream.upstream() + ")")
        + " "
        + pooling
        + " × "
        + classifier
        + (normalisation.equals("global") ? "" : " (" + normalisation + ")");
  }

  /**
   * The best single hidden state per condition (first such layer on ties); absent when no layer has
   * a score.
   */
  public List<Best> bestPerCondition() {
    List<Best> out = new ArrayList<>();
    for (int k = 0; k < conditions.size(); k++) {
      int best = -1;
      for (int l = 0; l < layers.size(); l++) {
        if (layers.get(l) == FeatureSpec.Source.MEAN_OF_LAYERS || macroF1[l][k] == null) continue;
        if (best < 0 || macroF1[l][k].value() > macroF1[best][k].value()) best = l;
      }
      if (best >= 0) out.add(new Best(conditions.get(k), layers.get(best), macroF1[best][k]));
    }
    return out;
  }

  /** The score of the mean of all layers in one condition, if the spec asked for it. */
  public Optional<Metric> meanOfLayers(int condition) {
    int l = layers.indexOf(FeatureSpec.Source.MEAN_OF_LAYERS);
    return l < 0 ? Optional.empty() : Optional.ofNullable(macroF1[l][condition]);
  }
}
