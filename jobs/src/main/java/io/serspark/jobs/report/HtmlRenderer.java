package io.serspark.jobs.report;

import io.serspark.jobs.report.ReportDocument.Block;
import io.serspark.jobs.report.ReportDocument.Bullets;
import io.serspark.jobs.report.ReportDocument.Cell;
import io.serspark.jobs.report.ReportDocument.Heading;
import io.serspark.jobs.report.ReportDocument.Image;
import io.serspark.jobs.report.ReportDocument.Paragraph;
import io.serspark.jobs.report.ReportDocument.Table;
import java.util.Base64;
import java.util.List;

/**
 * report.html: one self-contained file (styles inline, every picture a base64 {@code data:} URI),
 * so it can be mailed or archived and still opens in any browser without the plots folder or
 * network access.
 */
public final class HtmlRenderer {
  private HtmlRenderer() {}

  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em auto;max-width:1200px;
           padding:0 1em;color:#222}
      h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
      table{border-collapse:collapse;margin:1em 0;font-size:.9em}
      th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right;vertical-align:top}
      th{background:#f2f2f2}td:first-child,th:first-child{text-align:left}
      td.text{text-align:left}td.best{background:#e3f4e1}td.invalid{background:#fbe3e3}
      td.ERROR{background:#fbe3e3;font-weight:bold}td.WARN{background:#fff4d6}td.OK{color:#2a7a2a}
      td.flag{background:#fff4d6;font-weight:bold}
      sub{display:block;color:#777;font-size:.8em}
      img{max-width:100%;border:1px solid #eee;margin:.5em .5em .5em 0}
      """;

  public static String render(ReportDocument doc) {
    StringBuilder b =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append(
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .append(esc(doc.title()))
            .append("</title><style>")
            .append(STYLE)
            .append("</style></head><body>\n<h1>")
            .append(esc(doc.title()))
            .append("</h1>\n");
    for (Block block : doc.blocks()) {
      if (block instanceof Heading h) {
        b.append("<h")
            .append(h.level())
            .append(h.anchor() == null ? "" : " id=\"" + h.anchor() + "\"")
            .append('>')
            .append(esc(h.text()))
            .append("</h")
            .append(h.level())
            .append(">\n");
      } else if (block instanceof Paragraph p) {
        b.append("<p>").append(inline(p.text())).append("</p>\n");
      } else if (block instanceof Bullets l) {
        b.append("<ul>");
        l.items().forEach(i -> b.append("<li>").append(inline(i)).append("</li>"));
        b.append("</ul>\n");
      } else if (block instanceof Table t) {
        table(b, t);
      } else if (block instanceof Image i) {
        b.append("<img src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(i.png()))
            .append("\" alt=\"")
            .append(esc(i.alt()))
            .append("\" title=\"")
            .append(esc(i.alt()))
            .append("\" width=\"")
            .append(i.width())
            .append("\" height=\"")
            .append(i.height())
            .append("\" data-plot=\"")
            .append(esc(i.relPath()))
            .append("\">\n");
      }
    }
    return b.append("</body></html>\n").toString();
  }

  private static void table(StringBuilder b, Table t) {
    b.append("<table")
        .append(t.cssClass() == null ? "" : " class=\"" + t.cssClass() + "\"")
        .append("><thead><tr>");
    t.header().forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
    b.append("</tr></thead><tbody>\n");
    for (List<Cell> row : t.rows()) {
      b.append("<tr>");
      for (Cell c : row) {
        b.append("<td")
            .append(c.cssClass() == null ? "" : " class=\"" + c.cssClass() + "\"")
            .append('>');
        String s = esc(c.text());
        b.append(c.bold() ? "<b>" + s + "</b>" : s);
        if (c.sub() != null && !c.sub().isEmpty())
          b.append("<sub>").append(esc(c.sub())).append("</sub>");
        b.append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody></table>\n");
  }

  /** Paragraph text: escaped, with `code` spans kept. */
  private static String inline(String s) {
    return esc(s)
        .replaceAll("`([^`]+)`", "<code>$1</code>")
        .replaceAll("\\*\\*([^*]+)\\*\\*", "<b>$1</b>");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
