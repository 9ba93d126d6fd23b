package io.serspark.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing the demo corpus: determinism, re-runs, and refusing what it must not do. */
class DemoCorpusWriteTest {
  @TempDir Path dir;

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
    Path one = dir.resolve("one");
    Path two = dir.resolve("two");
    Path other = dir.resolve("other");
    DemoCorpus.write(one, 7L, 2, 1);
    DemoCorpus.write(two, 7L, 2, 1);
    DemoCorpus.write(other, 8L, 2, 1);
    List<Path> names = files(one);
    assertEquals(
        2 * (2 * 4 * 1 + 3),
        names.size(),
        "16 WAVs + manifest, truth, README per corpus: " + names);
    assertEquals(names, files(two));
    for (Path p : names) {
      assertArrayEquals(
          Files.readAllBytes(one.resolve(p)), Files.readAllBytes(two.resolve(p)), "bytes of " + p);
    }
    Path wav = names.stream().filter(p -> p.toString().endsWith(".wav")).findFirst().orElseThrow();
    assertFalse(
        java.util.Arrays.equals(
            Files.readAllBytes(one.resolve(wav)), Files.readAllBytes(other.resolve(wav))),
        "a different seed gives different audio for " + wav);
  }

  @Test
  void rerunReplacesAnEarlierDemoWithoutLeftovers() throws IOException {
    DemoCorpus.write(dir, 1L, 3, 2);
    DemoCorpus.write(dir, 1L, 2, 1);
    assertEquals(
        2 * (2 * 4 + 3),
        files(dir).size(),
        "files of the larger first run are gone: " + files(dir));
  }

  @Test
  void refusesToOverwriteAFolderThatIsNotADemo() throws IOException {
    Path foreign = Files.createDirectories(dir.resolve("demo-a"));
    Files.writeString(foreign.resolve("thesis.txt"), "precious");
    IOException e = assertThrows(IOException.class, () -> DemoCorpus.write(dir, 1L, 2, 1));
    assertTrue(e.getMessage().contains("not a serspark synthetic demo corpus"), e.getMessage());
    assertEquals("precious", Files.readString(foreign.resolve("thesis.txt")));
  }

  @Test
  void badSizesGiveOneClearMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DemoCorpus.write(dir, 1L, 1, 1));
    assertTrue(e.getMessage().startsWith("speakersPerCorpus must be 2..99"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DemoCorpus.write(dir, 1L, 2, 0));
    assertTrue(
        e.getMessage().startsWith("utterancesPerSpeakerPerEmotion must be 1..99"), e.getMessage());
  }
}
