package io.serspark.jobs.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as a list of blocks, rendered once as Markdown and once as self-contained HTML, so that
 * both say the same.
 */
public final class ReportDocument {
  public sealed interface Block permits Heading, Paragraph, Table, Image, Bullets {}

  public record Heading(int level, String text, String anchor) implements Block {}

  public record Paragraph(String text) implements Block {}

  public record Bullets(List<String> items) implements Block {}

  /**
   * {@code emphasis} marks header cells and bold cells; a cell may carry a second, smaller line
   * ({@code sub}).
   */
  public record Table(String cssClass, List<String> header, List<List<Cell>> rows)
      implements Block {}

  public record Cell(String text, String sub, boolean bold, String cssClass) {
    public static Cell of(String text) {
      return new Cell(text, null, false, null);
    }
  }

  /**
   * A picture under {@code plots/}: its bytes travel inline in the HTML and beside the Markdown.
   */
  public record Image(String relPath, String alt, byte[] png, int width, int height)
      implements Block {}

  private final String title;
  private final List<Block> blocks = new ArrayList<>();

  public ReportDocument(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  public List<Block> blocks() {
    return blocks;
  }

  public ReportDocument add(Block b) {
    blocks.add(b);
    return this;
  }

  public List<Image> images() {
    return blocks.stream().filter(b -> b instanceof Image).map(b -> (Image) b).toList();
  }
}
