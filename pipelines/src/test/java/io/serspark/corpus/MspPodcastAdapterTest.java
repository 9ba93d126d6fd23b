package io.serspark.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MspPodcastAdapterTest {
  private static final String CONSENSUS =
      "FileName,EmoClass,EmoAct,EmoVal,EmoDom,SpkrID,Gender,Split_Set\n"
          + "MSP-PODCAST_0001_0008.wav,N,4.2,4.4,4.6,1,Female,Development\n"
          + "MSP-PODCAST_0001_0019.wav,A,5.6,2.2,5.0,1,Female,Development\n"
          + "MSP-PODCAST_0002_0033.wav,X,4.0,3.8,4.2,Unknown,Unknown,Test1\n"
          + "MSP-PODCAST_0002_0039.wav,C,4.4,3.0,4.8,127,Male,Train\n"
          + "MSP-PODCAST_0003_0001.wav,H,5.0,5.8,4.0,128,Male,Train\n";

  private static Map<String, String> folder() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Labels/labels_consensus.csv", CONSENSUS);
    f.put("Labels/labels_detailed.csv", "");
    for (String n : List.of("0001_0008", "0001_0019", "0002_0033", "0002_0039", "0099_0001")) {
      f.put("Audios/MSP-PODCAST_" + n + ".wav", "");
    }
    return f; // MSP-PODCAST_0003_0001.wav is listed but absent; 0099_0001 is present but not listed
  }

  @Test
  void consensusLabelsDimensionsAndOfficialPartitions() throws Exception {
    AdapterResult r = Fixtures.scan("msp-podcast", folder());
    assertEquals(
        List.of(
            new CorpusEntry(
                "Audios/MSP-PODCAST_0001_0008.wav",
                "1",
                "female",
                "en",
                null,
                "N",
                "neutral",
                null,
                "development",
                4.2,
                4.4,
                4.6),
            new CorpusEntry(
                "Audios/MSP-PODCAST_0001_0019.wav",
                "1",
                "female",
                "en",
                null,
                "A",
                "angry",
                null,
                "development",
                5.6,
                2.2,
                5.0),
            new CorpusEntry(
                "Audios/MSP-PODCAST_0002_0033.wav",
                null,
                null,
                "en",
                null,
                "X",
                null,
                null,
                "test1",
                4.0,
                3.8,
                4.2),
            new CorpusEntry(
                "Audios/MSP-PODCAST_0002_0039.wav",
                "127",
                "male",
                "en",
                null,
                "C",
                "contempt",
                null,
                "train",
                4.4,
                3.0,
                4.8)),
        r.entries());
  }

  @Test
  void listedButMissingIsReadNotListedIsLabel() throws Exception {
    AdapterResult r = Fixtures.scan("msp-podcast", folder());
    assertEquals(
        List.of(
            new Rejection(
                "Audios/MSP-PODCAST_0003_0001.wav",
                "read",
                "listed in the manifest but not found",
                "listed in Labels/labels_consensus.csv"),
            new Rejection(
                "Audios/MSP-PODCAST_0099_0001.wav",
                "label",
                "audio file not listed in the manifest",
                "not in Labels/labels_consensus.csv")),
        r.rejected());
    assertEquals(List.of("Labels/labels_consensus.csv", "Labels/labels_detailed.csv"), r.ignored());
  }

  @Test
  void aPartitionOfALaterReleaseKeepsItsName() throws Exception {
    Map<String, String> f = new LinkedHashMap<>();
    f.put(
        "Labels/labels_consensus.csv",
        "FileName,EmoClass,EmoAct,EmoVal,EmoDom,SpkrID,Gender,Split_Set\n"
            + "MSP-PODCAST_0001_0008.wav,N,4.2,4.4,4.6,1,Female,Test4\n");
    f.put("Audios/MSP-PODCAST_0001_0008.wav", "");
    assertEquals("Test4", Fixtures.only(Fixtures.scan("msp-podcast", f)).split());
    assertNull(Fixtures.only(Fixtures.scan("msp-podcast", f)).textId());
  }
}
