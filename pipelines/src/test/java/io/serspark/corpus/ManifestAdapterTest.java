package io.serspark.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.config.ConfDir;
import io.serspark.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic manifest on real temp folders: with a conf file naming the CSV, and with no YAML at
 * all.
 */
class ManifestAdapterTest {
  @TempDir Path tmp;

  private Path file(Path root, String rel, String content) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private Path corpusFolder(String manifestName, String manifest) throws Exception {
    Path root = tmp.resolve("corpus");
    file(root, "audio/s1/a.wav", "x");
    file(root, "audio/s1/b.flac", "x");
    file(root, "audio/s2/c.mp3", "x");
    file(root, "audio/s2/extra.wav", "x"); // present, not listed
    file(root, "notes/README.md", "read me");
    file(root, manifestName, manifest);
    return root;
  }

  private static final String CSV =
      "path,label,speaker,gender,split,arousal,valence,dominance\n"
          + "audio/s1/a.wav,Anger,s1,F,train,0.8,0.2,0.6\n"
          + "./audio/s1/b.flac,neutral,s1,F,train,,,\n"
          + "audio\\s2\\c.mp3,mumbling,s2,male,test,0.5,0.5,0.5\n"
          + "audio/s2/gone.wav,sad,s2,m,test,,,\n"
          + "\"audio/s1/a.wav\",Anger,s1,F,train,0.8,0.2,0.6\n"; // a duplicate row that agrees is

  // harmless

  @Test
  void aFolderWithAManifestNeedsNoYaml() throws Exception {
    Path root = corpusFolder("manifest.csv", CSV);
    List<String> files = LocalFolder.files(root);
    CorpusAdapter a = Fixtures.adapters().resolve("mydata", files);
    assertEquals("mydata", a.name());
    AdapterResult r = a.scan(files, TextFiles.of(root));
    assertEquals(
        List.of(
            new CorpusEntry(
                "audio/s1/a.wav",
                "s1",
                "female",
                null,
                null,
                "Anger",
                "angry",
                null,
                "train",
                0.8,
                0.2,
                0.6),
            new CorpusEntry(
                "audio/s1/b.flac",
                "s1",
                "female",
                null,
                null,
                "neutral",
                "neutral",
                null,
                "train",
                null,
                null,
                null),
            new CorpusEntry(
                "audio/s2/c.mp3",
                "s2",
                "male",
                null,
                null,
                "mumbling",
                null,
                null,
                "test",
                0.5,
                0.5,
                0.5)),
        r.entries());
    assertEquals(
        List.of(
            new Rejection(
                "audio/s2/extra.wav",
                "label",
                "audio file not listed in the manifest",
                "not in manifest.csv"),
            new Rejection(
                "audio/s2/gone.wav",
                "read",
                "listed in the manifest but not found",
                "listed in manifest.csv")),
        r.rejected());
    assertEquals(List.of("manifest.csv", "notes/README.md"), r.ignored());
  }

  @Test
  void serSparkManifestTsvIsFoundToo() throws Exception {
    Path root =
        corpusFolder("serspark-manifest.tsv", "path\tlabel\tspeaker\naudio/s1/a.wav\thappy\ts1\n");
    List<String> files = LocalFolder.files(root);
    AdapterResult r = Fixtures.adapters().resolve("other", files).scan(files, TextFiles.of(root));
    assertEquals(1, r.entries().size());
    assertEquals("happy", r.entries().get(0).emotion());
    assertEquals(3, r.rejected().size(), "the three unlisted audio files");
  }

  @Test
  void aConfiguredManifestNamedInYaml() throws Exception {
    Path conf = tmp.resolve("conf");
    Files.createDirectories(conf.resolve("corpora"));
    Files.copy(ConfDir.resolve().resolve("emotions.yaml"), conf.resolve("emotions.yaml"));
    Files.writeString(
        conf.resolve("corpora/demo.yaml"),
        "kind: manifest\nmanifest: labels/list.csv\nlanguage: en\n");
    Path root = tmp.resolve("demo");
    file(root, "labels/list.csv", "path,label,speaker\nx.wav,sad,spk1\n");
    file(root, "x.wav", "x");
    CorpusAdapters adapters = CorpusAdapters.load(conf);
    assertEquals(java.util.Set.of("demo"), adapters.names());
    CorpusEntry e = Fixtures.only(LocalFolder.scan(adapters.get("demo"), root));
    assertEquals(
        new CorpusEntry(
            "x.wav", "spk1", null, "en", null, "sad", "sad", null, null, null, null, null),
        e);
  }

  @Test
  void rowsThatDisagreeOrPointOutsideAreRejectedAndBadNumbersToo() throws Exception {
    Path root =
        corpusFolder(
            "manifest.csv",
            "path,label,speaker,arousal\n"
                + "audio/s1/a.wav,sad,s1,\n"
                + "audio/s1/a.wav,happy,s1,\n"
                + "../secret.wav,sad,s1,\n"
                + "audio/s1/b.flac,sad,s1,high\n");
    List<String> files = LocalFolder.files(root);
    AdapterResult r = Fixtures.adapters().resolve("x", files).scan(files, TextFiles.of(root));
    assertEquals(List.of(), r.entries());
    var reasons = new java.util.TreeMap<String, String>();
    for (Rejection j : r.rejected()) reasons.put(j.relPath(), j.stage() + ": " + j.reason());
    assertEquals(
        "read: path in the manifest is outside the corpus folder", reasons.get("../secret.wav"));
    assertEquals(
        "label: listed 2 times in the manifest with different values",
        reasons.get("audio/s1/a.wav"));
    assertEquals("label: arousal 'high' is not a number", reasons.get("audio/s1/b.flac"));
  }

  @Test
  void aManifestWithoutASpeakerColumnIsAConfigurationError() throws Exception {
    Path root = corpusFolder("manifest.csv", "path,label\naudio/s1/a.wav,sad\n");
    List<String> files = LocalFolder.files(root);
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> Fixtures.adapters().resolve("x", files).scan(files, TextFiles.of(root)));
    assertTrue(
        e.getMessage().startsWith("manifest.csv has no column 'speaker' (columns: path, label)"),
        e.getMessage());
  }

  @Test
  void aFolderWithNeitherYamlNorManifestSaysBothWaysOut() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> Fixtures.adapters().resolve("nothing", List.of("a.wav", "MANIFEST.tsv")));
    assertTrue(e.getMessage().contains("no conf/corpora/nothing.yaml"), e.getMessage());
    assertTrue(e.getMessage().contains("manifest.csv"), e.getMessage());
  }

  @Test
  void aKnownNameWinsOverAManifest() {
    assertEquals("emodb", Fixtures.adapters().resolve("emodb", List.of("manifest.csv")).name());
  }

  @Test
  void unmappedLabelOfAManifestIsNullNotARejection() throws Exception {
    Path root = corpusFolder("manifest.csv", "path,label,speaker\naudio/s1/a.wav,xyz,s1\n");
    List<String> files = LocalFolder.files(root);
    AdapterResult r = Fixtures.adapters().resolve("x", files).scan(files, TextFiles.of(root));
    assertEquals("xyz", r.entries().get(0).rawLabel());
    assertNull(r.entries().get(0).emotion());
  }
}
