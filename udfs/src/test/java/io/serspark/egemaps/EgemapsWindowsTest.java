package io.serspark.egemaps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Windowed functionals from one analysis of a file, against the functionals of the cut-out audio.
 */
class EgemapsWindowsTest {
  private static final int SR = EgemapsConfig.SAMPLE_RATE_HZ;

  @Test
  void aFileShorterThanAWindowIsOneWindowEqualToTheWholeFile() {
    short[] pcm = Anchors.wav(Anchors.emodbWav("03a01Fa"));
    List<EgemapsResult> w = new EgemapsExtractor().extractWindows(pcm, 4 * SR, SR);
    assertEquals(1, w.size());
    assertArrayEquals(new EgemapsExtractor().extract(pcm).values(), w.get(0).values());
  }

  @Test
  void eachWindowHasTheLoudnessAndPitchOfItsOwnAudio() {
    // three EmoDB utterances of one speaker back to back: 3 different prosodies in one "recording"
    short[] pcm =
        concat(
            Anchors.wav(Anchors.emodbWav("03a01Fa")),
            Anchors.wav(Anchors.emodbWav("03a01Nc")),
            Anchors.wav(Anchors.emodbWav("03a01Wa")));
    int window = SR, hop = SR / 2;
    List<EgemapsResult> windows = new EgemapsExtractor().extractWindows(pcm, window, hop);
    assertEquals((pcm.length - window) / hop + 1, windows.size());
    int loudness = EgemapsNames.FUNCTIONALS.indexOf("loudness_sma3_amean");
    int f0 = EgemapsNames.FUNCTIONALS.indexOf("F0semitoneFrom27.5Hz_sma3nz_amean");
    EgemapsExtractor alone = new EgemapsExtractor();
    for (int i = 0; i < windows.size(); i++) {
      EgemapsResult cut = alone.extract(Arrays.copyOfRange(pcm, i * hop, i * hop + window));
      float[] v = windows.get(i).values();
      // the 20 ms frames of a window are the cut audio's frames exactly (no state crosses frames
      // before smoothing)
      assertEquals(
          cut.values()[loudness],
          v[loudness],
          1e-5 * Math.abs(cut.values()[loudness]),
          "loudness mean, window " + i);
      // pitch: the smoother's path is the whole file's, so a window's F0 is the cut audio's up to
      // its edges
      if (cut.status().equals(EgemapsResult.OK))
        assertEquals(cut.values()[f0], v[f0], 1.0, "F0 mean (semitones), window " + i);
    }
  }

  @Test
  void windowsMustBeWholeHops() {
    short[] pcm = new short[5 * SR];
    assertThrows(
        IllegalArgumentException.class,
        () -> new EgemapsExtractor().extractWindows(pcm, 4 * SR + 5, SR));
    assertThrows(
        IllegalArgumentException.class,
        () -> new EgemapsExtractor().extractWindows(pcm, 4 * SR, 0));
  }

  private static short[] concat(short[]... parts) {
    short[] out = new short[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
