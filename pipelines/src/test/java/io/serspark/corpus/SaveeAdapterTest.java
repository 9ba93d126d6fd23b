package io.serspark.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SaveeAdapterTest {
  @Test
  void everyEmotionCodeOfTheReleaseLayout() throws Exception {
    AdapterResult r =
        Fixtures.scanNames(
            "savee",
            "AudioData/DC/a01.wav",
            "AudioData/JE/d02.wav",
            "AudioData/JK/f15.wav",
            "AudioData/KL/h03.wav",
            "AudioData/DC/n30.wav",
            "AudioData/JE/sa01.wav",
            "AudioData/KL/su15.wav",
            "AudioData/Info.txt");
    assertEquals(
        List.of("angry", "neutral", "disgust", "sad", "fear", "happy", "surprise"),
        r.entries().stream().map(CorpusEntry::emotion).toList());
    assertEquals(
        List.of("a01", "n30", "d02", "sa01", "f15", "h03", "su15"),
        r.entries().stream().map(CorpusEntry::textId).toList());
    assertEquals(
        List.of("DC", "DC", "JE", "JE", "JK", "KL", "KL"),
        r.entries().stream().map(CorpusEntry::speaker).toList());
    assertEquals(
        List.of("male"), r.entries().stream().map(CorpusEntry::gender).distinct().toList());
    assertEquals(List.of("AudioData/Info.txt"), r.ignored());
  }

  @Test
  void anUnknownCodeOrSpeakerIsRejected() throws Exception {
    AdapterResult r = Fixtures.scanNames("savee", "AudioData/DC/x01.wav", "AudioData/AB/a01.wav");
    assertEquals(0, r.entries().size());
    assertEquals(2, r.rejected().size());
  }
}
