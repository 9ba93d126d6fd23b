package io.serspark.egemaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.egemaps.voice.FormantTracker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FormantTracker#ACCURATE} on real speech: it changes the 18 formant functionals and H1−A3's
 * two (A3 is the harmonic at F3) and leaves the other 68 of eGeMAPS bit for bit as openSMILE's
 * chain gives them; its formant means are ordered and in the range of adult speech. (Its accuracy
 * against known truth: {@code VoiceStreamSyntheticTest}.)
 */
class AccurateFormantsTest {
  private static final String[] FILES = {
    "03a01Fa", "08a02Tb", "09a05Lc", "10b03Tb", "13a05Nb", "16a04Wb"
  };

  private static boolean formantDependent(String name) {
    return name.startsWith("F1")
        || name.startsWith("F2")
        || name.startsWith("F3")
        || name.contains("H1-A3");
  }

  @Test
  void onlyFormantFeaturesChangeAndTheyArePlausible() {
    EgemapsExtractor openSmile = new EgemapsExtractor();
    EgemapsExtractor accurate = new EgemapsExtractor(FormantTracker.ACCURATE);
    List<String> names = EgemapsNames.FUNCTIONALS;
    int changed = 0;
    for (String file : FILES) {
      short[] pcm = Anchors.wav(Anchors.emodbWav(file));
      EgemapsResult a = openSmile.extract(pcm);
      EgemapsResult b = accurate.extract(pcm);
      assertEquals(a.status(), b.status(), file);
      List<String> differ = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        boolean same = Float.floatToIntBits(a.values()[i]) == Float.floatToIntBits(b.values()[i]);
        if (!same) {
          differ.add(names.get(i));
          assertTrue(formantDependent(names.get(i)), file + ": " + names.get(i) + " changed");
        }
      }
      changed = Math.max(changed, differ.size());
      float f1 = b.values()[names.indexOf("F1frequency_sma3nz_amean")];
      float f2 = b.values()[names.indexOf("F2frequency_sma3nz_amean")];
      float f3 = b.values()[names.indexOf("F3frequency_sma3nz_amean")];
      System.out.printf(
          "%s: accurate F1/F2/F3 means %.0f/%.0f/%.0f Hz (openSMILE chain %.0f/%.0f/%.0f), %d of 88 "
              + "differ%n",
          file,
          f1,
          f2,
          f3,
          a.values()[names.indexOf("F1frequency_sma3nz_amean")],
          a.values()[names.indexOf("F2frequency_sma3nz_amean")],
          a.values()[names.indexOf("F3frequency_sma3nz_amean")],
          differ.size());
      assertTrue(
          f1 > 250 && f1 < 1000 && f2 > f1 && f2 < 2600 && f3 > f2 && f3 < 3800,
          file + ": implausible accurate formant means " + f1 + "/" + f2 + "/" + f3);
    }
    assertTrue(changed >= 15, "the accurate tracker changed only " + changed + " features");
  }

  @Test
  void badTrackerNameIsOneClearError() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> FormantTracker.parse("praat"));
    assertEquals("formant tracker 'praat': expected opensmile or accurate", e.getMessage());
    assertEquals(FormantTracker.ACCURATE, FormantTracker.parse(" Accurate "));
  }
}
