package io.serspark.corpus;

import io.serspark.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CSV or TSV file with a header line: RFC 4180 quoting ("a, b", doubled quotes), CRLF or LF,
 * blank lines skipped, cells trimmed. The delimiter is a tab when the name ends in .tsv or the
 * header has tabs and no commas.
 */
final class DelimitedTable {
  private final List<String> header;
  private final List<Row> rows;

  /** One data row; {@code line} is the 1-based line it starts on, for messages. */
  record Row(int line, List<String> cells) {
    String get(int column) {
      return column < cells.size() ? cells.get(column) : "";
    }
  }

  private DelimitedTable(List<String> header, List<Row> rows) {
    this.header = header;
    this.rows = rows;
  }

  static DelimitedTable parse(String name, String text) {
    String firstLine = text.lines().findFirst().orElse("");
    boolean tsv =
        name.toLowerCase(Locale.ROOT).endsWith(".tsv")
            || (firstLine.contains("\t") && !firstLine.contains(","));
    List<Row> all = split(name, text, tsv ? '\t' : ',');
    if (all.isEmpty())
      throw new ConfigException(name + " is empty: it needs a header line naming its columns");
    List<String> header = all.get(0).cells();
    return new DelimitedTable(List.copyOf(header), List.copyOf(all.subList(1, all.size())));
  }

  List<String> header() {
    return header;
  }

  List<Row> rows() {
    return rows;
  }

  /** The index of a column by exact name, else case-insensitive; -1 when absent. */
  int column(String name) {
    int i = header.indexOf(name);
    if (i >= 0) return i;
    for (int j = 0; j < header.size(); j++) if (header.get(j).equalsIgnoreCase(name)) return j;
    return -1;
  }

  private static List<Row> split(String name, String text, char delimiter) {
    List<Row> out = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int line = 1;
    int rowStart = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') line++;
          cell.append(c);
        }
      } else if (c == '"' && cell.toString().isBlank()) {
        quoted = true;
        any = true;
        cell.setLength(0);
      } else if (c == delimiter) {
        cells.add(cell.toString().trim());
        cell.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
        endRow(out, cells, cell, any, rowStart);
        any = false;
        line++;
        rowStart = line;
      } else {
        cell.append(c);
        if (!Character.isWhitespace(c)) any = true;
      }
    }
    if (quoted)
      throw new ConfigException(name + " line " + rowStart + ": a quoted cell is never closed");
    endRow(out, cells, cell, any, rowStart);
    return out;
  }

  private static void endRow(
      List<Row> out, List<String> cells, StringBuilder cell, boolean any, int line) {
    if (any) {
      cells.add(cell.toString().trim());
      out.add(new Row(line, List.copyOf(cells)));
    }
    cells.clear();
    cell.setLength(0);
  }
}
