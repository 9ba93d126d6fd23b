package io.serspark.embed;

import io.serspark.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a layer's valid frames become one vector: {@code mean}, or {@code std} (population standard
 * deviation, divisor = frame count, as the "statistics pooling" of x-vector / SUPERB baselines
 * computes it).
 */
public enum Pooling {
  MEAN("mean"),
  STD("std");

  private final String column;

  Pooling(String column) {
    this.column = column;
  }

  /** The value in the table's {@code pooling} column. */
  public String column() {
    return column;
  }

  /** Parses {@code mean,std}; order is kept, duplicates are an error. */
  public static List<Pooling> parseList(String text) {
    if (text == null || text.isBlank()) {
      throw new ConfigException("--pooling is empty: give mean, std or mean,std");
    }
    List<Pooling> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      Pooling found = null;
      for (Pooling q : values()) if (q.column.equals(p)) found = q;
      if (found == null)
        throw new ConfigException(
            "--pooling: unknown pooling '" + part.trim() + "' (use mean, std or mean,std)");
      if (out.contains(found)) throw new ConfigException("--pooling: '" + p + "' is given twice");
      out.add(found);
    }
    return out;
  }
}
