package io.serspark.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TessAdapterTest {
  @Test
  void namesOfTheReleaseIncludingPleasantSurpriseAndMixedCaseFolders() throws Exception {
    AdapterResult r =
        Fixtures.scanNames(
            "tess",
            "TESS Toronto emotional speech set data/OAF_angry/OAF_back_angry.wav",
            "TESS Toronto emotional speech set data/OAF_Fear/OAF_back_fear.wav",
            "TESS Toronto emotional speech set data/OAF_Pleasant_surprise/OAF_back_ps.wav",
            "TESS Toronto emotional speech set data/YAF_pleasant_surprised/YAF_bath_ps.wav",
            "TESS Toronto emotional speech set data/YAF_sad/YAF_youth_sad.wav");
    // sorted by path: upper-case folder names first
    assertEquals(
        List.of("fear", "surprise", "angry", "surprise", "sad"),
        r.entries().stream().map(CorpusEntry::emotion).toList());
    assertEquals(
        List.of("OAF", "OAF", "OAF", "YAF", "YAF"),
        r.entries().stream().map(CorpusEntry::speaker).toList());
    assertEquals(
        List.of("back", "back", "back", "bath", "youth"),
        r.entries().stream().map(CorpusEntry::textId).toList());
    CorpusEntry ps = r.entries().get(1);
    assertEquals("ps", ps.rawLabel());
    assertEquals("female", ps.gender());
    assertEquals("en", ps.language());
    assertEquals(List.of(), r.rejected());
  }

  @Test
  void anotherSpeakerCodeIsRejected() throws Exception {
    AdapterResult r = Fixtures.scanNames("tess", "MAF_back_angry.wav");
    assertEquals("label", r.rejected().get(0).stage());
    assertEquals(0, r.entries().size());
  }
}
