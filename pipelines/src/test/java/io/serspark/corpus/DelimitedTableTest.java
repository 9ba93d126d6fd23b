package io.serspark.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.serspark.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelimitedTableTest {
  @Test
  void quotedCellsCrLfAndBlankLines() {
    DelimitedTable t =
        DelimitedTable.parse(
            "m.csv",
            "path,label,speaker\r\n\"a, b.wav\",\"say \"\"hi\"\"\",s1\r\n\r\nc.wav,sad,s2\n");
    assertEquals(List.of("path", "label", "speaker"), t.header());
    assertEquals(List.of("a, b.wav", "say \"hi\"", "s1"), t.rows().get(0).cells());
    assertEquals(List.of("c.wav", "sad", "s2"), t.rows().get(1).cells());
    assertEquals(4, t.rows().get(1).line());
  }

  @Test
  void tabsByNameOrByHeader() {
    assertEquals(
        List.of("a,1", "x"), DelimitedTable.parse("m.tsv", "p\tl\na,1\tx\n").rows().get(0).cells());
    assertEquals(
        List.of("a", "x"), DelimitedTable.parse("m.txt", "p\tl\na\tx\n").rows().get(0).cells());
  }

  @Test
  void columnsAreFoundIgnoringCase() {
    DelimitedTable t = DelimitedTable.parse("m.csv", "Path,LABEL\n");
    assertEquals(1, t.column("label"));
    assertEquals(-1, t.column("speaker"));
  }

  @Test
  void anUnclosedQuoteIsAnError() {
    assertThrows(ConfigException.class, () -> DelimitedTable.parse("m.csv", "a,b\n\"x,y\n"));
  }
}
