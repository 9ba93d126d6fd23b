package io.serspark.features;

import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.serspark.egemaps.EgemapsNames;
import io.serspark.egemaps.voice.FormantTracker;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Schemas of the eGeMAPS tables: openSMILE's exact feature names and order. */
public final class EgemapsSchema {
  private EgemapsSchema() {}

  public static final String FUNCTIONALS_TABLE = "features/egemaps_v02";
  public static final String LLD_TABLE = "features/egemaps_v02_lld";

  /**
   * The same features with {@link FormantTracker#ACCURATE} formants: a table of its own, never
   * mixed.
   */
  public static final String ACCURATE_FORMANTS_TABLE = "features/egemaps_v02_accurate_formants";

  public static final String ACCURATE_FORMANTS_LLD_TABLE =
      "features/egemaps_v02_accurate_formants_lld";

  public static String functionalsTable(FormantTracker formants) {
    return formants == FormantTracker.ACCURATE ? ACCURATE_FORMANTS_TABLE : FUNCTIONALS_TABLE;
  }

  public static String lldTable(FormantTracker formants) {
    return formants == FormantTracker.ACCURATE ? ACCURATE_FORMANTS_LLD_TABLE : LLD_TABLE;
  }

  /** The formant tracker whose functionals table {@code table} is; anything else is an error. */
  public static FormantTracker trackerOf(String table) {
    for (FormantTracker t : FormantTracker.values()) {
      if (functionalsTable(t).equals(table)) return t;
    }
    throw new IllegalArgumentException(
        table
            + " is not an eGeMAPS functionals table ("
            + FUNCTIONALS_TABLE
            + ", "
            + ACCURATE_FORMANTS_TABLE
            + ")");
  }

  /** The 88 functionals as a struct (what the SQL function {@code egemaps(pcm16)} returns). */
  public static final StructType FUNCTIONALS_STRUCT;

  /** utterance_id, corpus, the 88 functionals, status. */
  public static final StructType FUNCTIONALS_ROW;

  /** utterance_id, corpus, frame, frameTime, the 25 smoothed LLDs. */
  public static final StructType LLD_ROW;

  /**
   * The column of an extraction's rows that holds its LLD frames (frame, frameTime, the 25 LLDs).
   */
  public static final String LLD_FRAMES = "lld_frames";

  /** {@link #FUNCTIONALS_ROW} and {@link #LLD_FRAMES}: functionals and LLDs from one extraction. */
  public static final StructType FUNCTIONALS_WITH_LLDS_ROW;

  static {
    StructType s = new StructType();
    for (String n : EgemapsNames.FUNCTIONALS) s = s.add(n, FloatType, true);
    FUNCTIONALS_STRUCT = s;
    StructType r =
        new StructType().add("utterance_id", StringType, false).add("corpus", StringType, false);
    for (String n : EgemapsNames.FUNCTIONALS) r = r.add(n, FloatType, true);
    FUNCTIONALS_ROW = r.add("status", StringType, false);
    StructType l =
        new StructType()
            .add("utterance_id", StringType, false)
            .add("corpus", StringType, false)
            .add("frame", IntegerType, false)
            .add("frameTime", FloatType, false);
    for (String n : EgemapsNames.LLDS) l = l.add(n, FloatType, true);
    LLD_ROW = l;
    StructType frame =
        new StructType(java.util.Arrays.copyOfRange(l.fields(), 2, l.fields().length));
    FUNCTIONALS_WITH_LLDS_ROW =
        FUNCTIONALS_ROW.add(LLD_FRAMES, DataTypes.createArrayType(frame, false), false);
  }

  /** A column reference that survives the dots in openSMILE's names (F0semitoneFrom27.5Hz...). */
  public static String quoted(String name) {
    return "`" + name + "`";
  }
}
