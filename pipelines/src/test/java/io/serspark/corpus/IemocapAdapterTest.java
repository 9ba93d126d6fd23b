package io.serspark.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IemocapAdapterTest {
  // The shape of IEMOCAP's Session1/dialog/EmoEvaluation/Ses01F_impro01.txt: header, one line per
  // turn, then the
  // individual evaluators' categorical (C-) and attribute (A-) votes, which are not the consensus.
  private static final String IMPRO01 =
      String.join(
          "\n",
          "% [START_TIME - END_TIME] TURN_NAME EMOTION [V, A, D]",
          "",
          "[6.2901 - 8.2357]\tSes01F_impro01_F000\tneu\t[2.5000, 2.5000, 2.5000]",
          "C-E2:\tNeutral;\t()",
          "C-E3:\tNeutral;\t()",
          "A-E3:\tval 3; act 2; dom  2;\t()",
          "",
          "[10.0100 - 11.3925]\tSes01F_impro01_F001\tneu\t[2.5000, 2.5000, 2.5000]",
          "",
          "[14.8872 - 18.0175]\tSes01F_impro01_M001\tfru\t[2.5000, 3.5000, 3.5000]",
          "",
          "[20.2000 - 22.1000]\tSes01F_impro01_M002\txxx\t[2.0000, 3.0000, 3.0000]",
          "",
          "[30.0000 - 31.5000]\tSes01F_impro01_F009\texc\t[4.0000, 4.5000, 3.0000]",
          "");
  private static final String SCRIPT01 =
      "% [START_TIME - END_TIME] TURN_NAME EMOTION [V, A, D]\r\n\r\n"
          + "[8.1300 - 10.8400]\tSes01M_script01_1_F000\tang\t[1.5000, 4.0000, 4.0000]\r\n";

  private static Map<String, String> session1() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("IEMOCAP_full_release/Session1/dialog/EmoEvaluation/Ses01F_impro01.txt", IMPRO01);
    f.put("IEMOCAP_full_release/Session1/dialog/EmoEvaluation/Ses01M_script01_1.txt", SCRIPT01);
    f.put(
        "IEMOCAP_full_release/Session1/dialog/EmoEvaluation/Categorical/Ses01F_impro01_e2_cat.txt",
        "");
    f.put("IEMOCAP_full_release/Session1/dialog/wav/Ses01F_impro01.wav", "");
    for (String t : List.of("F000", "F001", "M001", "M002", "F009", "F010")) {
      f.put(
          "IEMOCAP_full_release/Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_" + t + ".wav",
          "");
    }
    // no wav for Ses01M_script01_1_F000: listed in EmoEvaluation, missing from the folder
    return f;
  }

  @Test
  void labelsSpeakersAndDimensionsComeFromEmoEvaluation() throws Exception {
    AdapterResult r = Fixtures.scan("iemocap", session1());
    String dir = "IEMOCAP_full_release/Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_";
    assertEquals(
        new CorpusEntry(
            dir + "F000.wav",
            "Ses01F",
            "female",
            "en",
            "impro01",
            "neu",
            "neutral",
            null,
            null,
            2.5,
            2.5,
            2.5),
        r.entries().get(0));
    CorpusEntry m001 =
        r.entries().stream()
            .filter(e -> e.relPath().endsWith("M001.wav"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        new CorpusEntry(
            dir + "M001.wav",
            "Ses01M",
            "male",
            "en",
            "impro01",
            "fru",
            "frustrated",
            null,
            null,
            3.5,
            2.5,
            3.5),
        m001);
    assertEquals(5, r.entries().size());
  }

  @Test
  void noAgreementIsKeptWithEmotionNullAndExcitementIsHappy() throws Exception {
    AdapterResult r = Fixtures.scan("iemocap", session1());
    CorpusEntry xxx =
        r.entries().stream()
            .filter(e -> e.relPath().endsWith("M002.wav"))
            .findFirst()
            .orElseThrow();
    assertEquals("xxx", xxx.rawLabel());
    assertNull(xxx.emotion());
    CorpusEntry exc =
        r.entries().stream()
            .filter(e -> e.relPath().endsWith("F009.wav"))
            .findFirst()
            .orElseThrow();
    assertEquals("happy", exc.emotion());
    assertEquals(4.5, exc.arousal());
    assertEquals(java.util.Map.of("xxx", 1L), r.unmappedRawLabels());
  }

  @Test
  void unlabelledWavsDialogRecordingsAndMissingWavsAreRejected() throws Exception {
    AdapterResult r = Fixtures.scan("iemocap", session1());
    Map<String, Rejection> byPath = new LinkedHashMap<>();
    for (Rejection j : r.rejected()) byPath.put(j.relPath(), j);
    assertEquals(
        List.of(
            "IEMOCAP_full_release/Session1/dialog/wav/Ses01F_impro01.wav",
            "IEMOCAP_full_release/Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_F010.wav",
            "IEMOCAP_full_release/Session1/sentences/wav/Ses01M_script01_1/Ses01M_script01_1_F000.wav"),
        List.copyOf(byPath.keySet()));
    assertTrue(
        byPath
            .get("IEMOCAP_full_release/Session1/dialog/wav/Ses01F_impro01.wav")
            .reason()
            .contains("whole-dialog"));
    Rejection unlabelled =
        byPath.get(
            "IEMOCAP_full_release/Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_F010.wav");
    assertEquals("label", unlabelled.stage());
    assertTrue(
        unlabelled.detail().contains("Session1/dialog/EmoEvaluation/Ses01F_impro01.txt"),
        unlabelled.detail());
    assertEquals(
        "read",
        byPath
            .get(
                "IEMOCAP_full_release/Session1/sentences/wav/Ses01M_script01_1/Ses01M_script01_1_F000.wav")
            .stage());
    assertEquals(3, r.ignored().size(), "the three label files");
  }
}
