package io.serspark.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoRecordingTest {
  private static final List<Emotion> ORDER = List.of(Emotion.NEUTRAL, Emotion.ANGRY, Emotion.SAD);

  @Test
  void segmentsAreTheTakesBackToBackWithTheirTrueTimes() {
    DemoRecording.Recording r = DemoRecording.make(DemoCorpus.DEFAULT_SEED, 0, ORDER, 2, 0.6, 0);
    assertEquals(3, r.segments().size());
    assertEquals(
        List.of("neutral", "angry", "sad"), r.segments().stream().map(s -> s.emotion()).toList());
    assertEquals(0.0, r.segments().get(0).startS());
    for (int i = 1; i < 3; i++)
      assertEquals(r.segments().get(i - 1).endS(), r.segments().get(i).startS(), "contiguous");
    assertEquals(r.durationS(), r.segments().get(2).endS(), 1e-12);
    // the first neutral take is take 101 of synA01, rendered as the corpus renders its files
    short[] first =
        DemoCorpus.synthesise(DemoCorpus.DEFAULT_SEED, 0, 4, 0, Emotion.NEUTRAL, 101)
            .recorded()
            .pcm();
    assertArrayEquals(first, Arrays.copyOf(r.pcm(), first.length));
  }

  @Test
  void milderTakesThanAskedAreSkippedAndLongerRecordingsRepeatTheOrder() {
    DemoRecording.Recording r = DemoRecording.make(DemoCorpus.DEFAULT_SEED, 1, ORDER, 2, 0.6, 30);
    assertTrue(r.durationS() >= 30, "at least the duration asked: " + r.durationS());
    assertTrue(r.segments().size() > 3, "the order repeats: " + r.segments().size());
    // the angry segment's length is that of the first two takes of intensity >= 0.6
    double angry = r.segments().get(1).endS() - r.segments().get(1).startS();
    double expected = 0;
    for (int t = DemoRecording.FIRST_TAKE, k = 0; k < 2; t++) {
      DemoCorpus.SynthesisedFile f =
          DemoCorpus.synthesise(DemoCorpus.DEFAULT_SEED, 0, 4, 1, Emotion.ANGRY, t);
      if (f.truth().intensity() < 0.6) continue;
      expected += f.recorded().pcm().length / 16_000.0;
      k++;
    }
    assertEquals(expected, angry, 1e-9);
  }
}
