package io.serspark.features;

import io.serspark.egemaps.EgemapsExtractor;
import io.serspark.egemaps.EgemapsLlds;
import io.serspark.egemaps.EgemapsResult;
import io.serspark.egemaps.voice.FormantTracker;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.util.CollectionAccumulator;

/**
 * eGeMAPS v02 on Spark. {@link #functionals} and {@link #llds} are DataFrame transformations over
 * an utterances-shaped DataFrame ({@code utterance_id}, {@code corpus}, {@code pcm16}); each
 * partition builds one extractor (FFT plans, windows, filter banks) and reuses it for all its rows.
 * {@link #register} adds the SQL functions {@code egemaps(pcm16)} and {@code
 * egemaps_accurate_formants(pcm16)}. Every entry point takes openSMILE's formant chain unless given
 * {@link FormantTracker#ACCURATE}.
 */
public final class EgemapsFeatures {
  private EgemapsFeatures() {}

  /**
   * One row per utterance: the 88 functionals (null where undefined) and a status; never drops a
   * row.
   */
  public static Dataset<Row> functionals(Dataset<Row> utterances) {
    return functionals(utterances, null);
  }

  /**
   * As {@link #functionals(Dataset)}, also reporting each row's (utterance id, corpus, status) to
   * {@code statuses} (when not null), so that a job can count them without reading its output
   * again. A recomputed task reports its rows again: count distinct utterance ids.
   */
  public static Dataset<Row> functionals(
      Dataset<Row> utterances, CollectionAccumulator<List<String>> statuses) {
    return functionals(utterances, statuses, FormantTracker.OPENSMILE);
  }

  /** As {@link #functionals(Dataset, CollectionAccumulator)} with the given formant estimator. */
  public static Dataset<Row> functionals(
      Dataset<Row> utterances,
      CollectionAccumulator<List<String>> statuses,
      FormantTracker formants) {
    return utterances
        .select("utterance_id", "corpus", "pcm16")
        .mapPartitions(
            new FunctionalsPartition(statuses, formants, false),
            Encoders.row(EgemapsSchema.FUNCTIONALS_ROW));
  }

  /** One row per utterance and 10 ms frame: the 25 smoothed LLDs, as openSMILE's -lldcsvoutput. */
  public static Dataset<Row> llds(Dataset<Row> utterances) {
    return llds(utterances, FormantTracker.OPENSMILE);
  }

  /** As {@link #llds(Dataset)} with the given formant estimator. */
  public static Dataset<Row> llds(Dataset<Row> utterances, FormantTracker formants) {
    return utterances
        .select("utterance_id", "corpus", "pcm16")
        .mapPartitions(new LldPartition(formants), Encoders.row(EgemapsSchema.LLD_ROW));
  }

  /**
   * Functionals and LLDs from one extraction: the rows of {@link #functionals(Dataset,
   * CollectionAccumulator, FormantTracker)} with one more column, {@value
   * EgemapsSchema#LLD_FRAMES}, holding the utterance's LLD frames (frame, frameTime, the 25 LLDs).
   * {@link #functionalsOf} and {@link #lldsOf} split it into the two tables; persist it first, or
   * each of them extracts again. Statuses are reported as by {@code functionals}.
   */
  public static Dataset<Row> functionalsWithLlds(
      Dataset<Row> utterances,
      CollectionAccumulator<List<String>> statuses,
      FormantTracker formants) {
    return utterances
        .select("utterance_id", "corpus", "pcm16")
        .mapPartitions(
            new FunctionalsPartition(statuses, formants, true),
            Encoders.row(EgemapsSchema.FUNCTIONALS_WITH_LLDS_ROW));
  }

  /** The functionals table's rows of a {@link #functionalsWithLlds} result. */
  public static Dataset<Row> functionalsOf(Dataset<Row> functionalsWithLlds) {
    return functionalsWithLlds.drop(EgemapsSchema.LLD_FRAMES);
  }

  /**
   * The LLD table's rows (one per utterance and frame, as {@link #llds(Dataset)}) of {@link
   * #functionalsWithLlds}.
   */
  public static Dataset<Row> lldsOf(Dataset<Row> functionalsWithLlds) {
    return functionalsWithLlds.selectExpr(
        "utterance_id", "corpus", "inline(" + EgemapsSchema.LLD_FRAMES + ")");
  }

  /**
   * Registers {@code egemaps(pcm16) -> struct<88 floats>} and {@code
   * egemaps_accurate_formants(pcm16)} (the same with {@link FormantTracker#ACCURATE}); one
   * extractor per executor thread.
   */
  public static void register(SparkSession spark) {
    spark
        .udf()
        .register(
            "egemaps", new EgemapsUdf(FormantTracker.OPENSMILE), EgemapsSchema.FUNCTIONALS_STRUCT);
    spark
        .udf()
        .register(
            "egemaps_accurate_formants",
            new EgemapsUdf(FormantTracker.ACCURATE),
            EgemapsSchema.FUNCTIONALS_STRUCT);
  }

  static short[] samples(byte[] pcm16le) {
    short[] s = new short[pcm16le.length / 2];
    ByteBuffer.wrap(pcm16le).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
    return s;
  }

  /** NaN (undefined) becomes SQL null; the status column says why. */
  static Object[] boxed(float[] values, int offset, Object[] into) {
    for (int i = 0; i < values.length; i++) {
      into[offset + i] = Float.isNaN(values[i]) ? null : values[i];
    }
    return into;
  }

  /**
   * One row per utterance: its functionals and status and, {@code withLlds}, an array of its LLD
   * frames.
   */
  static final class FunctionalsPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final CollectionAccumulator<List<String>> statuses;
    private final FormantTracker formants;
    private final boolean withLlds;

    FunctionalsPartition(
        CollectionAccumulator<List<String>> statuses, FormantTracker formants, boolean withLlds) {
      this.statuses = statuses;
      this.formants = formants;
      this.withLlds = withLlds;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      EgemapsExtractor extractor = new EgemapsExtractor(formants);
      int n = EgemapsSchema.FUNCTIONALS_ROW.size();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          short[] pcm = samples(r.getAs("pcm16"));
          Object[] out =
              functionalsRow(r, extractor.extract(pcm), statuses, new Object[withLlds ? n + 1 : n]);
          if (withLlds) {
            // the extractor keeps the last input's analysis: the LLDs of the same samples cost no
            // second pass
            EgemapsLlds l = extractor.extractLlds(pcm);
            Row[] frames = new Row[l.frames()];
            for (int f = 0; f < frames.length; f++) {
              frames[f] = RowFactory.create(lldFrame(l, f, new Object[2 + LLD_COUNT], 0));
            }
            out[n] = frames;
          }
          return RowFactory.create(out);
        }
      };
    }
  }

  /**
   * utterance_id, corpus, the functionals and the status into {@code out}'s first fields; reports
   * the status.
   */
  static Object[] functionalsRow(
      Row utterance,
      EgemapsResult res,
      CollectionAccumulator<List<String>> statuses,
      Object[] out) {
    int n = EgemapsSchema.FUNCTIONALS_ROW.size();
    String id = utterance.getAs("utterance_id");
    String corpus = utterance.getAs("corpus");
    out[0] = id;
    out[1] = corpus;
    boxed(res.values(), 2, out);
    out[n - 1] = res.status();
    if (statuses != null) statuses.add(List.of(id, corpus, res.status()));
    return out;
  }

  /**
   * Frame {@code f}: its index, time and the LLDs (null where undefined), from {@code out[offset]}
   * on.
   */
  static Object[] lldFrame(EgemapsLlds l, int f, Object[] out, int offset) {
    out[offset] = f;
    out[offset + 1] = l.frameTimeS()[f];
    for (int j = 0; j < LLD_COUNT; j++) {
      float v = l.lld(j)[f];
      out[offset + 2 + j] = Float.isNaN(v) ? null : v;
    }
    return out;
  }

  private static final int LLD_COUNT = EgemapsSchema.LLD_ROW.size() - 4;

  static final class LldPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final FormantTracker formants;

    LldPartition(FormantTracker formants) {
      this.formants = formants;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      EgemapsExtractor extractor = new EgemapsExtractor(formants);
      return new Iterator<>() {
        private Iterator<Row> current = List.<Row>of().iterator();

        @Override
        public boolean hasNext() {
          while (!current.hasNext() && rows.hasNext()) current = framesOf(rows.next());
          return current.hasNext();
        }

        @Override
        public Row next() {
          if (!hasNext()) throw new java.util.NoSuchElementException();
          return current.next();
        }

        private Iterator<Row> framesOf(Row r) {
          EgemapsLlds l = extractor.extractLlds(samples(r.getAs("pcm16")));
          List<Row> out = new ArrayList<>(l.frames());
          for (int f = 0; f < l.frames(); f++) {
            Object[] v = lldFrame(l, f, new Object[4 + LLD_COUNT], 2);
            v[0] = r.getAs("utterance_id");
            v[1] = r.getAs("corpus");
            out.add(RowFactory.create(v));
          }
          return out.iterator();
        }
      };
    }
  }

  static final class EgemapsUdf implements UDF1<byte[], Row> {
    private static final long serialVersionUID = 1L;
    // one extractor per executor thread and formant tracker, whichever UDF instance the thread runs
    private static final java.util.Map<FormantTracker, ThreadLocal<EgemapsExtractor>> EXTRACTORS =
        new java.util.EnumMap<>(FormantTracker.class);

    static {
      for (FormantTracker t : FormantTracker.values()) {
        EXTRACTORS.put(t, ThreadLocal.withInitial(() -> new EgemapsExtractor(t)));
      }
    }

    private final FormantTracker formants;

    EgemapsUdf(FormantTracker formants) {
      this.formants = formants;
    }

    @Override
    public Row call(byte[] pcm16) {
      if (pcm16 == null) return null;
      float[] v = EXTRACTORS.get(formants).get().extract(samples(pcm16)).values();
      return RowFactory.create(boxed(v, 0, new Object[v.length]));
    }
  }
}
