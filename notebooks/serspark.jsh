// Helpers shared by the serspark notebooks (loaded with `%load serspark.jsh`; the kernel starts in notebooks/).
// Display goes through rapaio-jupyter-kernel's display(...): HTML strings as text/html, images as image/png.
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import io.serspark.warehouse.Warehouse;
import io.serspark.embeddings.EmbeddingTransformer;
import io.serspark.features.EgemapsTransformer;
import io.serspark.ml.MeanImputer;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import static org.apache.spark.sql.functions.*;

void html(String s) { display("text/html", s); }

String esc(Object o) {
  return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
}

/** Numbers the way a table of measurements reads best: 3 decimals below 100, 1 above, integers as they are. */
String fmt(Object v) {
  if (v == null) return "";
  if (v instanceof Double || v instanceof Float) {
    double d = ((Number) v).doubleValue();
    if (Double.isNaN(d)) return "NaN";
    return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.1f" : "%.3f", d);
  }
  return String.valueOf(v);
}

/** A DataFrame as an HTML table (the first maxRows rows; numbers right-aligned). */
void showRows(Dataset<Row> df, int maxRows) {
  String[] cols = df.columns();
  List<Row> rows = df.limit(maxRows + 1).collectAsList();
  StringBuilder b = new StringBuilder("<table><thead><tr>");
  for (String c : cols) b.append("<th>").append(esc(c)).append("</th>");
  b.append("</tr></thead><tbody>");
  for (Row r : rows.subList(0, Math.min(maxRows, rows.size()))) {
    b.append("<tr>");
    for (int i = 0; i < cols.length; i++) {
      Object v = r.get(i);
      b.append(v instanceof Number ? "<td style=\"text-align:right\">" : "<td>").append(esc(fmt(v))).append("</td>");
    }
    b.append("</tr>");
  }
  b.append("</tbody></table>");
  if (rows.size() > maxRows) b.append("<p><i>first ").append(maxRows).append(" rows shown</i></p>");
  html(b.toString());
}

void show(Dataset<Row> df) { showRows(df, 50); }

void showChart(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
  display(BitmapEncoder.getBufferedImage(chart));
}

void showImage(BufferedImage img) { display(img); }

void showPng(byte[] png) throws Exception {
  display(ImageIO.read(new ByteArrayInputStream(png)));
}

/** Backticks for Spark SQL: eGeMAPS names contain dots (F0semitoneFrom27.5Hz_sma3nz_amean). */
Column quoted(String name) { return col("`" + name + "`"); }

// Files of the warehouse through Hadoop's FileSystem, so a warehouse on HDFS/S3 reads like a local one.
FileSystem fsOf(String uri) throws Exception {
  return new org.apache.hadoop.fs.Path(uri).getFileSystem(SparkSession.active().sparkContext().hadoopConfiguration());
}

boolean exists(String uri) throws Exception { return fsOf(uri).exists(new org.apache.hadoop.fs.Path(uri)); }

byte[] readBytes(String uri) throws Exception {
  try (var in = fsOf(uri).open(new org.apache.hadoop.fs.Path(uri))) { return in.readAllBytes(); }
}

String readText(String uri) throws Exception { return new String(readBytes(uri), StandardCharsets.UTF_8); }

/** Names of the entries of a folder, sorted; empty when it does not exist. */
List<String> ls(String uri) throws Exception {
  var p = new org.apache.hadoop.fs.Path(uri);
  FileSystem fs = fsOf(uri);
  if (!fs.exists(p)) return List.of();
  List<String> names = new ArrayList<>();
  for (FileStatus s : fs.listStatus(p)) names.add(s.getPath().getName());
  Collections.sort(names);
  return names;
}
