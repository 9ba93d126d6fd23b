package io.serspark.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Fault injection for the killed-driver tests only: with {@code
 * -Dserspark.test.stallWriteOf=<table>}, every write task of that table passes its first row to the
 * Parquet writer, then drops a marker file ({@code serspark-stall-<table>} in the fault marker
 * folder) and sleeps, so that a test can kill the job while it is certainly half-way through
 * writing the table. Without the property the DataFrame is returned untouched.
 */
public final class WriteStall {
  static final String PROPERTY = "serspark.test.stallWriteOf";

  private WriteStall() {}

  /** {@code df} with the stall when the property names {@code table}, else {@code df} itself. */
  public static Dataset<Row> inject(Dataset<Row> df, String table) {
    if (!table.equals(System.getProperty(PROPERTY))) return df;
    String marker = FaultMarkers.marker("serspark-stall-" + table.replace('/', '_')).toString();
    return df.filter(new Stall(marker));
  }

  /**
   * One instance per task (Spark deserialises the function for each), so {@code rows} counts the
   * task's rows.
   */
  private static final class Stall implements FilterFunction<Row> {
    private final String marker;
    private long rows;

    Stall(String marker) {
      this.marker = marker;
    }

    @Override
    public boolean call(Row row) throws InterruptedException {
      if (++rows == 2) {
        try {
          Files.createFile(Path.of(marker));
        } catch (FileAlreadyExistsException anotherTaskFirst) {
          // the marker says "some task is mid-write"; one is enough
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        Thread.sleep(600_000); // until the test kills the job
      }
      return true;
    }
  }
}
