package io.serspark.ml;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * An MLlib classifier that {@link DriverFit} can solve, as a pipeline stage fitted on the driver:
 * {@code Pipeline.fit} hands it the prepared training rows like any estimator, it collects them
 * (SER training sides are small) and returns the wrapped estimator's own MLlib model class, built
 * from the driver-side solution. Everything the fit reads is the wrapped estimator's Params
 * (features, label and weight columns, regularisation, iterations...), so a {@code PipelineModel}
 * fitted through this stage has exactly the shape and persistence of one fitted by MLlib.
 *
 * <p>The number of classes comes from the label column's nominal metadata, as MLlib's classifiers
 * read it (so a training side lacking a class still gets a model of every class).
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class DriverFitEstimator extends Estimator {
  private final String uid;
  private final Estimator<?> estimator;

  /**
   * @param estimator an estimator {@link DriverFit#supports} (svm and gbt as their {@code
   *     OneVsRest}, lr, rf)
   */
  public DriverFitEstimator(Estimator<?> estimator) {
    this(Identifiable$.MODULE$.randomUID("driverFit"), estimator);
  }

  private DriverFitEstimator(String uid, Estimator<?> estimator) {
    this.uid = uid;
    this.estimator = estimator;
  }

  /** The MLlib estimator whose algorithm this stage solves on the driver. */
  public Estimator<?> estimator() {
    return estimator;
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public Model fit(Dataset dataset) {
    Dataset<Row> rows = (Dataset<Row>) dataset;
    String featuresCol = string(estimator, "featuresCol");
    String labelCol = string(estimator, "labelCol");
    String weightCol = weightCol();
    StructField label = rows.schema().apply(labelCol);
    int numClasses = numClasses(label);
    if (!DriverFit.supports(estimator, numClasses))
      throw new IllegalArgumentException("no driver-side fit for " + estimator);
    List<Row> collected =
        rows.select(
                functions.col(featuresCol).as("x"),
                functions.col(labelCol).as("y"),
                weightCol != null ? functions.col(weightCol).as("w") : functions.lit(1.0).as("w"))
            .collectAsList();
    double[][] x = new double[collected.size()][];
    int[] y = new int[collected.size()];
    double[] w = weightCol != null ? new double[collected.size()] : null;
    for (int i = 0; i < x.length; i++) {
      Row r = collected.get(i);
      x[i] = r.<Vector>getAs("x").toArray();
      y[i] = (int) r.<Double>getAs("y").doubleValue();
      if (w != null) w[i] = r.<Double>getAs("w");
    }
    return DriverFit.fit(estimator, x, y, w, numClasses, label.metadata());
  }

  /** The wrapped estimator's weight column, or null when it has none set. */
  private String weightCol() {
    if (!estimator.hasParam("weightCol")) return null;
    Param<Object> p = (Param<Object>) estimator.getParam("weightCol");
    if (!estimator.isDefined(p)) return null;
    String v = (String) estimator.getOrDefault(p);
    return v == null || v.isEmpty() ? null : v;
  }

  private static String string(Params p, String name) {
    return (String) p.getOrDefault((Param<Object>) p.getParam(name));
  }

  private static int numClasses(StructField label) {
    Attribute a = Attribute.fromStructField(label);
    if (a instanceof NominalAttribute n && n.getNumValues().isDefined())
      return (Integer) n.getNumValues().get();
    throw new IllegalArgumentException(
        "label column "
            + label.name()
            + " has no nominal metadata with the number of classes (tag it as MLlib's"
            + " StringIndexer does)");
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return estimator.transformSchema(schema);
  }

  @Override
  public DriverFitEstimator copy(ParamMap extra) {
    return new DriverFitEstimator(uid, (Estimator<?>) estimator.copy(extra));
  }
}
