package io.serspark.benchmark;

import java.util.List;

/**
 * Which data a cell trains and tests on: within one corpus (speaker-independent folds), across
 * corpora (train on one, test on another), or leave one corpus out (train on all the others, test
 * on it).
 */
public record Condition(Kind kind, List<String> train, String test) {
  public enum Kind {
    WITHIN,
    CROSS,
    LOCO
  }

  public Condition {
    train = List.copyOf(train);
  }

  public static Condition within(String corpus) {
    return new Condition(Kind.WITHIN, List.of(corpus), corpus);
  }

  public static Condition cross(String train, String test) {
    return new Condition(Kind.CROSS, List.of(train), test);
  }

  public static Condition leaveOneOut(List<String> train, String test) {
    return new Condition(Kind.LOCO, train, test);
  }

  /**
   * Stable id, also used in file names: {@code within:emodb}, {@code cross:emodb>ravdess}, {@code
   * loco:a+b>c}.
   */
  public String id() {
    return switch (kind) {
      case WITHIN -> "within:" + test;
      case CROSS -> "cross:" + train.get(0) + ">" + test;
      case LOCO -> "loco:" + String.join("+", train) + ">" + test;
    };
  }

  /**
   * Column heading in the leaderboard: {@code emodb}, {@code emodb→ravdess}, {@code
   * ¬ravdess→ravdess}.
   */
  public String label() {
    return switch (kind) {
      case WITHIN -> test;
      case CROSS -> train.get(0) + "→" + test;
      case LOCO -> "all−" + test + "→" + test;
    };
  }

  /** Row label of the train × test heatmap. */
  public String trainLabel() {
    return kind == Kind.LOCO ? "all−" + test : train.get(0);
  }

  /** Every corpus whose data the cell reads. */
  public List<String> corpora() {
    if (kind == Kind.WITHIN) return List.of(test);
    var all = new java.util.ArrayList<>(train);
    if (!all.contains(test)) all.add(test);
    return List.copyOf(all);
  }
}
