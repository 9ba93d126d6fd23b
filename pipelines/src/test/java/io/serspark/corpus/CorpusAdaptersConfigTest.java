package io.serspark.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.config.ConfDir;
import io.serspark.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad adapter files fail at load time with the file and the field named. */
class CorpusAdaptersConfigTest {
  @TempDir Path tmp;

  private static final String GOOD =
      "kind: filename-fields\n"
          + "pattern: '(?<spk>\\d+)_(?<emo>[a-z]+)\\.wav'\n"
          + "expected: \"file name does not follow spk_emo.wav\"\n"
          + "fields:\n  speaker: \"{spk}\"\n  raw_label: \"{emo}\"\n"
          + "labels: {ang: angry}\n";

  private String loadError(String yaml) throws Exception {
    Path conf = tmp.resolve("conf");
    Files.createDirectories(conf.resolve("corpora"));
    Files.copy(
        ConfDir.resolve().resolve("emotions.yaml"),
        conf.resolve("emotions.yaml"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(conf.resolve("corpora/bad.yaml"), yaml);
    ConfigException e = assertThrows(ConfigException.class, () -> CorpusAdapters.load(conf));
    assertTrue(e.getMessage().contains("bad.yaml"), "names the file: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void theProjectConfLoadsEveryCorpus() {
    CorpusAdapters a = CorpusAdapters.load(ConfDir.resolve());
    assertEquals(
        Set.of(
            "casia",
            "crema-d",
            "emodb",
            "emovo",
            "iemocap",
            "msp-podcast",
            "ravdess",
            "savee",
            "tess",
            "urdu"),
        a.names());
  }

  @Test
  void everyLabelSetUsesCommonEmotionNames() {
    LabelSets sets = LabelSets.load(ConfDir.resolve());
    Set<String> common = Fixtures.adapters().emotionNames();
    for (String name : sets.names()) {
      for (String emotion : sets.resolve(name)) {
        assertTrue(
            common.contains(emotion),
            "label set " + name + " uses '" + emotion + "', not in conf/emotions.yaml");
      }
    }
    assertEquals(java.util.List.of("angry", "happy", "neutral", "sad"), sets.resolve("4class"));
    assertTrue(sets.keepsAll("all"));
  }

  @Test
  void anUnknownAdapterListsTheKnownOnes() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> Fixtures.adapters().get("emodbb"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "unknown corpus adapter 'emodbb'; known: casia, crema-d, emodb, emovo, iemocap,"),
        e.getMessage());
  }

  @Test
  void aWellFormedFileLoads() throws Exception {
    Path conf = tmp.resolve("conf");
    Files.createDirectories(conf.resolve("corpora"));
    Files.copy(ConfDir.resolve().resolve("emotions.yaml"), conf.resolve("emotions.yaml"));
    Files.writeString(conf.resolve("corpora/good.yaml"), GOOD);
    AdapterResult r =
        CorpusAdapters.load(conf)
            .get("good")
            .scan(java.util.List.of("7_ang.wav", "8_zzz.wav"), Fixtures.memory(java.util.Map.of()));
    assertEquals("angry", r.entries().get(0).emotion());
    assertEquals(null, r.entries().get(1).emotion(), "unmapped raw label: kept, emotion null");
  }

  @Test
  void notYaml() throws Exception {
    assertTrue(loadError("kind: [unclosed\n").contains("not valid YAML"));
  }

  @Test
  void unknownKind() throws Exception {
    assertTrue(
        loadError("kind: spreadsheet\n")
            .contains(
                "field 'kind' is 'spreadsheet'; known kinds: filename-fields, iemocap, manifest"));
  }

  @Test
  void misspeltField() throws Exception {
    String m = loadError(GOOD.replace("expected:", "expectd:"));
    assertTrue(m.contains("field 'expectd' unknown field"), m);
  }

  @Test
  void brokenRegex() throws Exception {
    String m = loadError(GOOD.replace("[a-z]+)", "[a-z+)"));
    assertTrue(m.contains("field 'pattern' is not a valid regular expression"), m);
  }

  @Test
  void templateVariableThatIsNoGroup() throws Exception {
    String m = loadError(GOOD.replace("\"{spk}\"", "\"{speaker}\""));
    assertTrue(
        m.contains(
            "field 'fields.speaker' uses {speaker}, which is not a named group of 'pattern'"),
        m);
  }

  @Test
  void labelMappedToANameThatIsNotCommon() throws Exception {
    String m = loadError(GOOD.replace("ang: angry", "ang: angy"));
    assertTrue(
        m.contains("field 'labels.ang' maps to 'angy', which is not a common emotion name"), m);
  }

  @Test
  void unquotedNumberWhereTextIsMeant() throws Exception {
    String m = loadError(GOOD + "language: 03\n");
    assertTrue(m.contains("field 'language' must be text, but YAML read '3' as a number"), m);
  }

  @Test
  void missingRawLabel() throws Exception {
    String m = loadError(GOOD.replace("  raw_label: \"{emo}\"\n", ""));
    assertTrue(m.contains("field 'fields.raw_label' is required"), m);
  }

  @Test
  void unknownMapOption() throws Exception {
    String m =
        loadError(GOOD.replace("speaker: \"{spk}\"", "speaker: {from: \"{spk}\", mapp: {a: b}}"));
    assertTrue(m.contains("field 'fields.speaker.mapp' unknown field"), m);
  }
}
