package io.serspark.jobs.report;

import io.serspark.jobs.report.ReportDocument.Block;
import io.serspark.jobs.report.ReportDocument.Bullets;
import io.serspark.jobs.report.ReportDocument.Cell;
import io.serspark.jobs.report.ReportDocument.Heading;
import io.serspark.jobs.report.ReportDocument.Image;
import io.serspark.jobs.report.ReportDocument.Paragraph;
import io.serspark.jobs.report.ReportDocument.Table;
import java.util.List;

/** report.md: GitHub-flavoured Markdown, pictures linked from {@code plots/}. */
public final class MarkdownRenderer {
  private MarkdownRenderer() {}

  public static String render(ReportDocument doc) {
    StringBuilder b = new StringBuilder("# ").append(doc.title()).append("\n\n");
    for (Block block : doc.blocks()) {
      if (block instanceof Heading h) {
        b.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
      } else if (block instanceof Paragraph p) {
        b.append(p.text()).append("\n\n");
      } else if (block instanceof Bullets l) {
        l.items().forEach(i -> b.append("- ").append(i).append('\n'));
        b.append('\n');
      } else if (block instanceof Table t) {
        table(b, t);
      } else if (block instanceof Image i) {
        b.append("![").append(i.alt()).append("](").append(i.relPath()).append(")\n\n");
      }
    }
    return b.toString();
  }

  private static void table(StringBuilder b, Table t) {
    b.append("| ")
        .append(String.join(" | ", t.header().stream().map(MarkdownRenderer::esc).toList()))
        .append(" |\n");
    b.append("|").append(" --- |".repeat(t.header().size())).append('\n');
    for (List<Cell> row : t.rows()) {
      b.append("| ");
      for (int i = 0; i < row.size(); i++) {
        Cell c = row.get(i);
        String s =
            esc(c.text())
                + (c.sub() == null || c.sub().isEmpty() ? "" : " <sub>" + esc(c.sub()) + "</sub>");
        b.append(c.bold() && !c.text().isEmpty() ? "**" + s + "**" : s)
            .append(i + 1 < row.size() ? " | " : " |");
      }
      b.append('\n');
    }
    b.append('\n');
  }

  private static String esc(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
