package io.serspark.egemaps.fidelity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The measured share of files within 1 % of openSMILE per feature ({@code within-1-percent.tsv}
 * beside this class: one column per comparison, measured with the code named in its header), and
 * the floors the fidelity tests assert: measured minus {@link #MARGIN}. A change that moves a
 * feature's share down by more than the margin fails.
 */
public final class WithinOnePercent {
  /**
   * Room for a file or two changing side of the 1 % line (1 file of 197 = 0.005) without a real
   * regression.
   */
  public static final double MARGIN = 0.02;

  private WithinOnePercent() {}

  /**
   * Measured minus the margin, per feature, for the comparison {@code column} (e.g. {@code emodb}).
   */
  public static ToDoubleFunction<String> floors(String column) {
    Map<String, Double> measured = FidelityTable.column(lines(), column, "within-1-percent.tsv");
    return name -> {
      Double m = measured.get(name);
      if (m == null)
        throw new IllegalArgumentException("within-1-percent.tsv has no row for " + name);
      return m - MARGIN;
    };
  }

  // read as a resource stream: in src-test this class comes from the udfs test-jar
  private static List<String> lines() {
    try (InputStream in = WithinOnePercent.class.getResourceAsStream("within-1-percent.tsv")) {
      if (in == null)
        throw new IllegalStateException(
            "within-1-percent.tsv is missing beside " + WithinOnePercent.class);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
