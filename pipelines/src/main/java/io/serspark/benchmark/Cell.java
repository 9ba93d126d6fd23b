package io.serspark.benchmark;

import io.serspark.benchmark.BenchmarkSpec.Classifier;
import io.serspark.benchmark.BenchmarkSpec.FeatureSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One result of a benchmark: a feature set × classifier × normalisation evaluated under one
 * condition. Its {@link #definitionHash} covers everything in the spec that changes its numbers
 * (labels, protocol, classifier parameters, bootstrap) and nothing that does not (corpus paths,
 * comments, the order of the lists).
 */
public record Cell(
    FeatureSet features,
    Classifier classifier,
    String normalisation,
    Condition condition,
    String withinProtocol,
    String definitionHash) {

  public String id() {
    return features.id() + "|" + classifier.id() + "|" + normalisation + "|" + condition.id();
  }

  /** The leaderboard row this cell belongs to. */
  public String system() {
    return features.id()
        + " × "
        + classifier.id()
        + (normalisation.equals("global") ? "" : " (" + normalisation + ")");
  }

  static Cell of(BenchmarkSpec spec, FeatureSet f, Classifier c, String norm, Condition cond) {
    String within =
        cond.kind() == Condition.Kind.WITHIN
            ? spec.within().kind()
                + (spec.within().k() > 0 ? "-k" + spec.within().k() : "")
                + (spec.within().textFolds() > 0 ? "+text-k" + spec.within().textFolds() : "")
            : "";
    String definition =
        java.util.stream.Stream.of(
                "cell-v1",
                "features=" + f,
                "classifier=" + c.kind() + c.params(),
                "normalisation=" + norm,
                "condition=" + cond.id(),
                "within=" + within,
                // 2: text groups per corpus, a corpus dominated by one text split by speaker only
                // (SpeakerTextDisjoint)
                within.contains("+text") ? "text-groups=2" : null,
                "labels=" + spec.labels(),
                "bootstrap=" + spec.bootstrapResamples() + "/" + spec.seed())
            .filter(java.util.Objects::nonNull)
            .collect(java.util.stream.Collectors.joining("\n"));
    return new Cell(f, c, norm, cond, within, sha256(definition).substring(0, 16));
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
