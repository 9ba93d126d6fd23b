package io.serspark.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CremaDAdapterTest {
  private static final String DEMOGRAPHICS =
      "ActorID,Age,Sex,Race,Ethnicity\n"
          + "1001,51,Male,Caucasian,Not Hispanic\n"
          + "1002,21,Female,Caucasian,Not Hispanic\n";

  @Test
  void fileNamesWithGenderFromVideoDemographics() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("AudioWAV/1001_DFA_ANG_XX.wav", "");
    files.put("AudioWAV/1001_IEO_HAP_HI.wav", "");
    files.put("AudioWAV/1002_ITH_SAD_LO.wav", "");
    files.put("AudioWAV/1002_IEO_FEA_MD.wav", "");
    files.put("AudioWAV/1091_WSI_NEU_XX.wav", ""); // not in this demographics excerpt
    files.put("VideoDemographics.csv", DEMOGRAPHICS);
    AdapterResult r = Fixtures.scan("crema-d", files);
    assertEquals(
        List.of(
            new CorpusEntry(
                "AudioWAV/1001_DFA_ANG_XX.wav",
                "1001",
                "male",
                "en",
                "DFA",
                "ANG",
                "angry",
                null,
                null,
                null,
                null,
                null),
            new CorpusEntry(
                "AudioWAV/1001_IEO_HAP_HI.wav",
                "1001",
                "male",
                "en",
                "IEO",
                "HAP",
                "happy",
                "high",
                null,
                null,
                null,
                null),
            new CorpusEntry(
                "AudioWAV/1002_IEO_FEA_MD.wav",
                "1002",
                "female",
                "en",
                "IEO",
                "FEA",
                "fear",
                "medium",
                null,
                null,
                null,
                null),
            new CorpusEntry(
                "AudioWAV/1002_ITH_SAD_LO.wav",
                "1002",
                "female",
                "en",
                "ITH",
                "SAD",
                "sad",
                "low",
                null,
                null,
                null,
                null),
            new CorpusEntry(
                "AudioWAV/1091_WSI_NEU_XX.wav",
                "1091",
                null,
                "en",
                "WSI",
                "NEU",
                "neutral",
                null,
                null,
                null,
                null,
                null)),
        r.entries());
    assertEquals(List.of("VideoDemographics.csv"), r.ignored());
  }

  @Test
  void withoutVideoDemographicsGenderIsNull() throws Exception {
    assertNull(
        Fixtures.only(Fixtures.scanNames("crema-d", "AudioWAV/1001_DFA_DIS_XX.wav")).gender());
  }

  @Test
  void aDemographicsFileWithoutTheSexColumnIsAConfigurationError() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("AudioWAV/1001_DFA_DIS_XX.wav", "");
    files.put("VideoDemographics.csv", "ActorID,Age\n1001,51\n");
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.serspark.config.ConfigException.class, () -> Fixtures.scan("crema-d", files));
    assertEquals(
        "VideoDemographics.csv has no column 'Sex' (columns: ActorID, Age)", e.getMessage());
  }
}
