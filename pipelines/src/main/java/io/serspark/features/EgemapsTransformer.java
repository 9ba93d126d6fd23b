package io.serspark.features;

import io.serspark.egemaps.EgemapsExtractor;
import io.serspark.egemaps.EgemapsResult;
import io.serspark.egemaps.voice.FormantTracker;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NumericAttribute;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * eGeMAPS v02 as an MLlib stage: appends the 88 functionals of each row's 16 kHz mono int16 audio
 * as a vector (in openSMILE's order, {@link EgemapsSchema#FUNCTIONAL_NAMES}; NaN where a functional
 * is undefined for that utterance) and the extraction status. The values are exactly those of
 * {@code ./submit.sh features} (the same extractor; the job stores them as floats, which the vector
 * holds exactly). Put it in a {@link org.apache.spark.ml.Pipeline} before MLlib's own stages; NaN
 * needs a stage that fills it (serspark's {@code MeanImputer}) before a scaler or classifier.
 *
 * <pre>{@code
 * new Pipeline().setStages(new PipelineStage[] {
 *     new EgemapsTransformer().setInputCol("pcm16").setOutputCol("egemaps"),
 *     new MeanImputer().setInputCol("egemaps").setOutputCol("filled"),
 *     new StandardScaler().setInputCol("filled").setOutputCol("features"), new LinearSVC() })
 * }</pre>
 */
public final class EgemapsTransformer extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> statusCol;
  private final Param<String> formants;

  public EgemapsTransformer() {
    this(Identifiable.randomUID("egemaps"));
  }

  public EgemapsTransformer(String uid) {
    this.uid = uid;
    inputCol =
        new Param<>(
            this,
            "inputCol",
            "binary column of 16 kHz mono int16 little-endian audio (the "
                + "utterances table's pcm16)");
    outputCol =
        new Param<>(
            this,
            "outputCol",
            "vector column of the 88 eGeMAPS v02 functionals, NaN where undefined");
    statusCol =
        new Param<>(this, "statusCol", "string column: ok, too_short, silent or no_voiced_frames");
    formants =
        new Param<>(
            this,
            "formants",
            "formant estimator: opensmile (openSMILE's chain, comparable with "
                + "published eGeMAPS) or accurate (textbook linear prediction)",
            ParamValidators.inArray(new String[] {"opensmile", "accurate"}));
    setDefault(inputCol, "pcm16");
    setDefault(outputCol, "egemaps");
    setDefault(statusCol, "egemaps_status");
    setDefault(formants, "opensmile");
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public Param<String> statusCol() {
    return statusCol;
  }

  public Param<String> formants() {
    return formants;
  }

  public EgemapsTransformer setInputCol(String v) {
    set(inputCol, v);
    return this;
  }

  public EgemapsTransformer setOutputCol(String v) {
    set(outputCol, v);
    return this;
  }

  public EgemapsTransformer setStatusCol(String v) {
    set(statusCol, v);
    return this;
  }

  /** {@code opensmile} (default) or {@code accurate}; see {@link FormantTracker}. */
  public EgemapsTransformer setFormants(String v) {
    set(formants, v.toLowerCase(Locale.ROOT));
    return this;
  }

  public String getInputCol() {
    return $(inputCol);
  }

  public String getOutputCol() {
    return $(outputCol);
  }

  public String getStatusCol() {
    return $(statusCol);
  }

  public String getFormants() {
    return $(formants);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String in = $(inputCol);
    List<String> names = List.of(schema.fieldNames());
    if (!names.contains(in) || !(schema.apply(in).dataType() instanceof BinaryType)) {
      throw new IllegalArgumentException(
          "EgemapsTransformer: inputCol '"
              + in
              + "' must be a binary column of 16 kHz "
              + "mono int16 little-endian samples; the schema has "
              + names);
    }
    for (String out : List.of($(outputCol), $(statusCol))) {
      if (names.contains(out)) {
        throw new IllegalArgumentException(
            "EgemapsTransformer: output column '" + out + "' already exists");
      }
    }
    return schema
        .add($(outputCol), new VectorUDT(), true)
        .add($(statusCol), DataTypes.StringType, true);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    int in = dataset.schema().fieldIndex($(inputCol));
    FormantTracker tracker =
        $(formants).equals("accurate") ? FormantTracker.ACCURATE : FormantTracker.OPENSMILE;
    // openSMILE's names as ML attribute metadata: MLlib's VectorAssembler needs the size to keep
    // rows with NaN, and
    // a fitted model's coefficients can be read back by feature name
    String[] names = EgemapsSchema.FUNCTIONALS_STRUCT.fieldNames();
    Attribute[] attributes = new Attribute[names.length];
    for (int i = 0; i < names.length; i++)
      attributes[i] = NumericAttribute.defaultAttr().withName(names[i]);
    return dataset
        .toDF()
        .mapPartitions(new AppendFunctionals(in, tracker), Encoders.row(out))
        .withMetadata($(outputCol), new AttributeGroup($(outputCol), attributes).toMetadata());
  }

  @Override
  public EgemapsTransformer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<EgemapsTransformer> read() {
    return new DefaultParamsReader<>();
  }

  public static EgemapsTransformer load(String path) {
    return read().load(path);
  }

  /**
   * Each row with its functionals and status appended; one extractor (FFT plans, filter banks) per
   * partition.
   */
  private static final class AppendFunctionals implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final int inputIndex;
    private final FormantTracker formants;

    AppendFunctionals(int inputIndex, FormantTracker formants) {
      this.inputIndex = inputIndex;
      this.formants = formants;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      EgemapsExtractor extractor = new EgemapsExtractor(formants);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          Object[] v = new Object[r.size() + 2];
          for (int i = 0; i < r.size(); i++) v[i] = r.get(i);
          if (!r.isNullAt(inputIndex)) {
            EgemapsResult res =
                extractor.extract(EgemapsFeatures.samples((byte[]) r.get(inputIndex)));
            float[] f = res.values();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) d[i] = f[i];
            v[r.size()] = Vectors.dense(d);
            v[r.size() + 1] = res.status();
          }
          return RowFactory.create(v);
        }
      };
    }
  }
}
