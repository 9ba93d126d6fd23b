package io.serspark.benchmark;

import io.serspark.benchmark.Check.Severity;
import io.serspark.protocols.Fold;
import io.serspark.protocols.Protocol;
import io.serspark.protocols.SplitItem;
import io.serspark.train.Options;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Checks every cell against the data before any cell runs, so that a cell the data cannot support
 * is reported with its reason (an ERROR check naming it: ✗ in the leaderboard) instead of ending
 * the benchmark halfway. Each {@link PlanCheck} looks at one planned cell: its utterances and the
 * outer folds its protocol makes of them. More checks plug in by adding to {@link #CHECKS} (or
 * passing their own list to {@link #check}).
 */
public final class CellPlanning {
  private CellPlanning() {}

  /**
   * One cell as it would run: its utterances (label set kept, in utterance-id order) and its
   * protocol's folds.
   */
  public record PlannedCell(
      Cell cell,
      List<SplitItem> items,
      List<String> emotions,
      List<Fold> folds,
      String protocolError,
      int gridPoints,
      int innerFolds) {}

  /** One planning check: why {@code cell} cannot run on this data, or empty when it can. */
  public interface PlanCheck {
    String name();

    Optional<String> problem(PlannedCell cell);
  }

  /** Speakers per corpus against the protocol: the protocol must be able to make its folds. */
  static final PlanCheck PROTOCOL =
      new PlanCheck() {
        @Override
        public String name() {
          return "speakers for the protocol";
        }

        @Override
        public Optional<String> problem(PlannedCell p) {
          if (p.items().isEmpty())
            return Optional.of("no labelled utterance of " + p.cell().condition().corpora());
          return Optional.ofNullable(p.protocolError());
        }
      };

  /**
   * Inner speaker-disjoint validation of a grid needs at least two speakers on every training side.
   */
  static final PlanCheck INNER_FOLDS =
      new PlanCheck() {
        @Override
        public String name() {
          return "inner folds for the grid";
        }

        @Override
        public Optional<String> problem(PlannedCell p) {
          if (p.gridPoints() < 2) return Optional.empty();
          for (Fold f : p.folds()) {
            int speakers = speakers(p.items(), f.train());
            if (speakers < 2) {
              return Optional.of(
                  String.format(
                      "choosing among %d grid points by inner speaker-disjoint %d-fold validation "
                          + "needs at least 2 speakers on every training side; fold %s's has %d. Give the classifier one value "
                          + "per parameter, or use a protocol with more training speakers",
                      p.gridPoints(), p.innerFolds(), f.name(), speakers));
            }
          }
          return Optional.empty();
        }
      };

  /** A classifier needs two classes to learn from, and a test side needs utterances. */
  static final PlanCheck CLASSES_PER_SIDE =
      new PlanCheck() {
        @Override
        public String name() {
          return "classes per side";
        }

        @Override
        public Optional<String> problem(PlannedCell p) {
          for (Fold f : p.folds()) {
            Set<String> classes = new HashSet<>();
            for (int i : f.train()) classes.add(p.emotions().get(i));
            if (classes.size() < 2) {
              return Optional.of(
                  "fold "
                      + f.name()
                      + "'s training side has "
                      + classes.size()
                      + " class"
                      + (classes.size() == 1 ? " " + classes : "es")
                      + ": a classifier needs at least 2 to learn from");
            }
            if (f.test().length == 0)
              return Optional.of("fold " + f.name() + " has no test utterance");
          }
          return Optional.empty();
        }
      };

  public static final List<PlanCheck> CHECKS = List.of(PROTOCOL, INNER_FOLDS, CLASSES_PER_SIDE);

  /**
   * @param labelled the benchmark's labelled utterances ({@code utterance_id, corpus, speaker,
   *     emotion}, optionally {@code split})
   * @return one ERROR check per cell that cannot run (the first failing check's reason), and one OK
   *     line
   */
  public static List<Check> check(
      Dataset<Row> labelled, BenchmarkSpec spec, List<Cell> cells, List<PlanCheck> checks) {
    ExperimentEvaluator.LabelledItems all = ExperimentEvaluator.labelledItems(labelled);
    int innerFolds = Options.defaults().innerFolds();
    List<Check> out = new ArrayList<>();
    for (Cell cell : cells) {
      PlannedCell p = plan(all, cell, spec, innerFolds);
      for (PlanCheck c : checks) {
        Optional<String> problem = c.problem(p);
        if (problem.isPresent()) {
          out.add(
              new Check(
                  Severity.ERROR,
                  "cell cannot run: " + c.name(),
                  cell.condition().id(),
                  cell.id() + ": " + problem.get(),
                  List.of(cell.id())));
          break;
        }
      }
    }
    if (out.isEmpty())
      out.add(
          new Check(
              Severity.OK,
              "cell planning",
              "all",
              "all "
                  + cells.size()
                  + " cells can run: "
                  + String.join(", ", checks.stream().map(PlanCheck::name).toList())
                  + " checked",
              List.of()));
    return out;
  }

  private static PlannedCell plan(
      ExperimentEvaluator.LabelledItems all, Cell cell, BenchmarkSpec spec, int innerFolds) {
    List<SplitItem> items = new ArrayList<>();
    List<String> emotions = new ArrayList<>();
    for (int i = 0; i < all.items().size(); i++) {
      if (!cell.condition().corpora().contains(all.items().get(i).corpus())) continue;
      items.add(all.items().get(i));
      emotions.add(all.emotions().get(i));
    }
    int grid =
        ExperimentEvaluator.learner(cell.classifier(), "classifiers." + cell.classifier().kind())
            .grid()
            .size();
    List<Fold> folds = List.of();
    String error = null;
    if (!items.isEmpty()) {
      try {
        Protocol protocol = ExperimentEvaluator.protocol(cell, spec);
        folds = protocol.folds(items);
      } catch (RuntimeException e) { // the protocol's own refusal is the reason, in its words
        error = e.getMessage();
      }
    }
    return new PlannedCell(cell, items, emotions, folds, error, grid, innerFolds);
  }

  private static int speakers(List<SplitItem> items, int[] idx) {
    Set<String> s = new HashSet<>();
    for (int i : idx) s.add(items.get(i).speakerKey());
    return s.size();
  }
}
