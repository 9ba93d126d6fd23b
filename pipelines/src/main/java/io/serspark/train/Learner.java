package io.serspark.train;

import io.serspark.config.ConfigException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.classification.OneVsRest;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.RandomForestRegressor;

/**
 * An MLlib learner and the hyper-parameter grid that inner speaker-disjoint validation chooses
 * from, as {@link ParamMap}s over the learner's own MLlib {@code Param}s (for svm and gbt, those of
 * the binary {@code LinearSVC} / {@code GBTClassifier} that {@code OneVsRest} wraps; for mlp the
 * hidden layer sizes of {@code layers}, whose input and output sizes come from the data). Grid
 * points are tried in the listed order, the first parameter varying slowest, and a tie keeps the
 * earlier one, so grids list the more regularised (simpler) model first.
 *
 * <table>
 *   <caption>learners and default grids</caption>
 *   <tr><th>name</th><th>MLlib</th><th>grid (default)</th><th>class weights</th></tr>
 *   <tr><td>svm</td><td>OneVsRest(LinearSVC), maxIter 100, tol 1e-3</td><td>regParam 0.1, 0.01 (≈ scikit-learn C 0.02, 0.2 at n≈500)</td><td>yes</td></tr>
 *   <tr><td>lr</td><td>multinomial LogisticRegression, maxIter 100, tol 1e-4</td><td>regParam 0.1, 0.01</td><td>yes</td></tr>
 *   <tr><td>rf</td><td>RandomForestClassifier, 100 trees</td><td>maxDepth 6, 12</td><td>yes</td></tr>
 *   <tr><td>gbt</td><td>OneVsRest(GBTClassifier), 20 rounds</td><td>maxDepth 3</td><td>yes</td></tr>
 *   <tr><td>mlp</td><td>MultilayerPerceptronClassifier, 1 hidden layer, maxIter 200</td><td>hidden 32, 128</td><td>no (MLlib 3.5 has no weightCol for MLP)</td></tr>
 *   <tr><td>ridge (regressor)</td><td>LinearRegression, L2, normal equations</td><td>regParam 1, 0.1, 0.01</td><td>—</td></tr>
 *   <tr><td>rf (regressor)</td><td>RandomForestRegressor, 100 trees</td><td>maxDepth 6, 12</td><td>—</td></tr>
 * </table>
 */
public final class Learner {
  public static final List<String> CLASSIFIERS = List.of("svm", "lr", "rf", "gbt", "mlp");
  public static final List<String> REGRESSORS = List.of("ridge", "rf");

  /** The grid's name of mlp's hidden layer size (a part of MLlib's {@code layers}). */
  private static final String HIDDEN = "hidden";

  private final String name;
  private final boolean classifier;
  private final Params prototype;
  private final Map<String, List<Double>> values;
  private final List<ParamMap> grid;

  private Learner(
      String name, boolean classifier, Params prototype, Map<String, List<Double>> values) {
    this.name = name;
    this.classifier = classifier;
    this.prototype = prototype;
    this.values = values;
    this.grid = product(prototype, values);
  }

  /** A classifier with its default grid. */
  public static Learner classifier(String name) {
    return classifier(name, Map.of(), "grid");
  }

  /**
   * A classifier with {@code grid} (empty: the default grid) over the parameters it names.
   *
   * @param where how errors name the grid, e.g. {@code --grid} or {@code classifiers.rf: parameter}
   */
  public static Learner classifier(
      String name, Map<String, ? extends List<? extends Number>> grid, String where) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    if (!CLASSIFIERS.contains(n))
      throw new ConfigException(
          "classifier '" + name + "' is not known; use one of " + CLASSIFIERS);
    Map<String, List<Double>> g = new LinkedHashMap<>();
    switch (n) {
      case "svm", "lr" -> g.put("regParam", List.of(0.1, 0.01));
      case "rf" -> g.put("maxDepth", List.of(6.0, 12.0));
      case "gbt" -> g.put("maxDepth", List.of(3.0));
      default -> g.put(HIDDEN, List.of(32.0, 128.0));
    }
    return new Learner(
        n, true, classifierPrototype(n), grid.isEmpty() ? g : checked(n, grid, where));
  }

  /** A regressor with its default grid. */
  public static Learner regressor(String name) {
    return regressor(name, Map.of(), "grid");
  }

  /** A regressor with {@code grid} (empty: the default grid); see {@link #classifier}. */
  public static Learner regressor(
      String name, Map<String, ? extends List<? extends Number>> grid, String where) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    if (!REGRESSORS.contains(n))
      throw new ConfigException("regressor '" + name + "' is not known; use one of " + REGRESSORS);
    Map<String, List<Double>> g = new LinkedHashMap<>();
    if (n.equals("ridge")) g.put("regParam", List.of(1.0, 0.1, 0.01));
    else g.put("maxDepth", List.of(6.0, 12.0));
    Params prototype =
        n.equals("ridge")
            ? new LinearRegression()
                .setRegParam(0.1)
                .setElasticNetParam(0)
                .setStandardization(false)
                .setSolver("normal")
            : new RandomForestRegressor().setNumTrees(100).setMaxDepth(6);
    return new Learner(n, false, prototype, grid.isEmpty() ? g : checked(n, grid, where));
  }

  /**
   * The {@code --grid} option's grammar, {@code regParam=1,0.1,0.01} or {@code
   * maxDepth=4,8;numTrees=50} (';' between parameters; the full product is searched), as a typed
   * grid; null or blank gives the empty grid (the learner's default).
   */
  public static Map<String, List<Double>> parseGrid(String spec) {
    Map<String, List<Double>> g = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) return g;
    for (String part : spec.split(";")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2)
        throw new ConfigException("--grid '" + part + "': use name=v1,v2 with a parameter name");
      List<Double> v = new ArrayList<>();
      try {
        for (String x : kv[1].split(",")) v.add(Double.parseDouble(x.trim()));
      } catch (NumberFormatException e) {
        throw new ConfigException("--grid '" + part + "': values must be numbers");
      }
      g.put(kv[0].trim(), List.copyOf(v));
    }
    return g;
  }

  private static Map<String, List<Double>> checked(
      String n, Map<String, ? extends List<? extends Number>> grid, String where) {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    for (var e : grid.entrySet()) {
      if (!allowed(n).contains(e.getKey()) || e.getValue().isEmpty()) {
        String part =
            e.getKey() + "=" + String.join(",", e.getValue().stream().map(Learner::plain).toList());
        throw new ConfigException(
            where + " '" + part + "': use name=v1,v2 with a parameter of " + n + ": " + allowed(n));
      }
      out.put(e.getKey(), e.getValue().stream().map(Number::doubleValue).toList());
    }
    return out;
  }

  private static String plain(Number x) {
    return new BigDecimal(x.toString()).stripTrailingZeros().toPlainString();
  }

  private static List<String> allowed(String n) {
    return switch (n) {
      case "svm" -> List.of("regParam", "maxIter");
      case "lr" -> List.of("regParam", "elasticNetParam", "maxIter");
      case "rf" -> List.of("maxDepth", "numTrees", "minInstancesPerNode");
      case "gbt" -> List.of("maxDepth", "maxIter", "stepSize");
      case "mlp" -> List.of(HIDDEN, "maxIter", "stepSize");
      case "ridge" -> List.of("regParam");
      default -> List.of();
    };
  }

  /**
   * The estimator whose Params the grid sets, with serspark's defaults (see the table above). For
   * svm and gbt it is the binary learner that {@code OneVsRest} wraps.
   */
  private static Params classifierPrototype(String n) {
    return switch (n) {
      // tol 1e-3 (MLlib's default 1e-6): hinge-loss OWL-QN rarely meets 1e-6 and runs all 100
      // iterations; at 1e-3 it stops after 40-60 with the same training accuracy on EmoDB
      // (measured: 0.856 both), about 3x fewer Spark jobs
      case "svm" ->
          new LinearSVC().setMaxIter(100).setTol(1e-3).setRegParam(0.1).setStandardization(false);
      case "lr" ->
          new LogisticRegression()
              .setFamily("multinomial")
              .setMaxIter(100)
              .setRegParam(0.1)
              .setElasticNetParam(0.0)
              .setStandardization(false)
              .setTol(1e-4);
      case "rf" ->
          new RandomForestClassifier().setNumTrees(100).setMaxDepth(6).setMinInstancesPerNode(1);
      case "gbt" -> new GBTClassifier().setMaxIter(20).setMaxDepth(3).setStepSize(0.1);
      default ->
          new MultilayerPerceptronClassifier()
              .setLayers(new int[] {32})
              .setMaxIter(200)
              .setStepSize(0.03);
    };
  }

  /** Every combination of the grid's values as ParamMaps, the first parameter varying slowest. */
  private static List<ParamMap> product(Params prototype, Map<String, List<Double>> values) {
    List<ParamMap> out = new ArrayList<>();
    out.add(ParamMap.empty());
    for (var e : values.entrySet()) {
      Param<Object> p = param(prototype, e.getKey());
      List<ParamMap> next = new ArrayList<>();
      for (ParamMap m : out) {
        for (double v : e.getValue()) next.add(m.copy().put(p, typed(p, v)));
      }
      out = next;
    }
    return List.copyOf(out);
  }

  @SuppressWarnings("unchecked")
  private static Param<Object> param(Params prototype, String gridName) {
    return (Param<Object>) prototype.getParam(gridName.equals(HIDDEN) ? "layers" : gridName);
  }

  /** A grid value as the Param's own type; integer Params truncate, as MLlib's setters would. */
  private static Object typed(Param<?> p, double v) {
    if (p instanceof IntArrayParam) return new int[] {(int) v};
    if (p instanceof IntParam) return (int) v;
    return v;
  }

  public String name() {
    return name;
  }

  public boolean isClassifier() {
    return classifier;
  }

  /** Whether the MLlib estimator takes instance weights (all classifiers but MLP in Spark 3.5). */
  public boolean supportsWeights() {
    return classifier && !name.equals("mlp");
  }

  /** The grid points, in search order, over the Params of the learner. */
  public List<ParamMap> grid() {
    return grid;
  }

  /** A grid point by the grid's parameter names, for reports, e.g. {@code {regParam=0.1}}. */
  public Map<String, Double> describe(ParamMap point) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String k : values.keySet()) {
      Object v = point.apply(param(prototype, k));
      double d = v instanceof int[] a ? a[0] : ((Number) v).doubleValue();
      out.put(k, d);
    }
    return out;
  }

  /**
   * A fresh MLlib estimator for one grid point, reading {@code featuresCol}/{@code label} and, when
   * {@code weightCol} is non-null and supported, instance weights. {@code numFeatures} and {@code
   * numClasses} size mlp's input and output layers.
   */
  public Estimator<?> estimator(
      ParamMap point,
      String featuresCol,
      String weightCol,
      int numFeatures,
      int numClasses,
      long seed) {
    boolean w = weightCol != null && supportsWeights();
    // a fresh uid per fit; the grid's Params belong to the prototype, so they are set by name
    Params est = freshLike(prototype);
    for (ParamPair<?> pair : point.toList()) {
      @SuppressWarnings("unchecked")
      Param<Object> p = (Param<Object>) est.getParam(pair.param().name());
      est.set(p, pair.value());
    }
    switch (name) {
      case "svm":
        {
          OneVsRest ovr =
              new OneVsRest()
                  .setClassifier((LinearSVC) est)
                  .setFeaturesCol(featuresCol)
                  .setLabelCol("label");
          return w ? ovr.setWeightCol(weightCol) : ovr;
        }
      case "gbt":
        {
          OneVsRest ovr =
              new OneVsRest()
                  .setClassifier(((GBTClassifier) est).setSeed(seed))
                  .setFeaturesCol(featuresCol)
                  .setLabelCol("label");
          return w ? ovr.setWeightCol(weightCol) : ovr;
        }
      case "lr":
        {
          LogisticRegression lr = ((LogisticRegression) est).setFeaturesCol(featuresCol);
          return w ? lr.setWeightCol(weightCol) : lr;
        }
      case "mlp":
        {
          MultilayerPerceptronClassifier mlp = (MultilayerPerceptronClassifier) est;
          int[] hidden = mlp.getLayers();
          int[] layers = new int[hidden.length + 2];
          layers[0] = numFeatures;
          System.arraycopy(hidden, 0, layers, 1, hidden.length);
          layers[layers.length - 1] = numClasses;
          return mlp.setLayers(layers).setFeaturesCol(featuresCol).setSeed(seed);
        }
      default:
        if (est instanceof RandomForestClassifier rf) {
          rf.setFeaturesCol(featuresCol).setSeed(seed);
          return w ? rf.setWeightCol(weightCol) : rf;
        }
        if (est instanceof RandomForestRegressor rf)
          return rf.setFeaturesCol(featuresCol).setSeed(seed);
        return ((LinearRegression) est).setFeaturesCol(featuresCol);
    }
  }

  /** A new instance of {@code p}'s class (a new uid) with {@code p}'s explicitly set Params. */
  private static Params freshLike(Params p) {
    Params out;
    try {
      out = p.getClass().getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(p.getClass() + " has no public no-argument constructor", e);
    }
    for (ParamPair<?> pair : p.extractParamMap().toList()) {
      if (!p.isSet(pair.param())) continue;
      @SuppressWarnings("unchecked")
      Param<Object> q = (Param<Object>) out.getParam(pair.param().name());
      out.set(q, pair.value());
    }
    return out;
  }

  @Override
  public String toString() {
    return name + " " + values;
  }
}
