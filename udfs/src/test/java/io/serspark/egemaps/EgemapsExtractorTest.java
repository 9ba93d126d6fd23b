package io.serspark.egemaps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The public API's contract: names, shapes, reuse of one extractor across inputs. */
class EgemapsExtractorTest {
  @Test
  void namesAreOpenSmilesInOrder() {
    assertEquals(88, EgemapsNames.FUNCTIONALS.size());
    assertEquals(25, EgemapsNames.LLDS.size());
    assertEquals("F0semitoneFrom27.5Hz_sma3nz_amean", EgemapsNames.FUNCTIONALS.get(0));
    assertEquals("equivalentSoundLevel_dBp", EgemapsNames.FUNCTIONALS.get(87));
    assertEquals("Loudness_sma3", EgemapsNames.LLDS.get(0));
    assertEquals("F3amplitudeLogRelF0_sma3nz", EgemapsNames.LLDS.get(24));
  }

  @Test
  void oneExtractorGivesTheSameResultsAsFreshOnesInAnyCallOrder() {
    short[] a = Anchors.wav(Anchors.emodbWav("03a02Wb"));
    short[] b = Anchors.wav(Anchors.emodbWav("08a01Lc"));
    EgemapsExtractor reused = new EgemapsExtractor();
    EgemapsResult ra = reused.extract(a);
    EgemapsLlds la = reused.extractLlds(a);
    EgemapsLlds lb = reused.extractLlds(b);
    EgemapsResult rb = reused.extract(b);
    assertArrayEquals(new EgemapsExtractor().extract(a).values(), ra.values());
    assertArrayEquals(new EgemapsExtractor().extract(b).values(), rb.values());
    assertArrayEquals(new EgemapsExtractor().extractLlds(a).lld(10), la.lld(10));
    assertArrayEquals(new EgemapsExtractor().extractLlds(b).lld(0), lb.lld(0));
    // the same array changed in place is a new input
    short[] c = a.clone();
    EgemapsResult before = reused.extract(c);
    for (int i = 0; i < c.length; i++) c[i] = (short) (c[i] / 2);
    assertFalse(
        before.values()[87] == reused.extract(c).values()[87], "Leq follows the changed samples");
  }

  @Test
  void lldRowsAreN60PlusOneWithTenMillisecondTimes() {
    EgemapsLlds l = new EgemapsExtractor().extractLlds(new short[16000]);
    assertEquals((16000 - 960) / 160 + 1 + 1, l.frames());
    assertEquals(0.01f * 5, l.frameTimeS()[5], 1e-6f);
    assertEquals(0, new EgemapsExtractor().extractLlds(new short[959]).frames());
  }

  @Test
  void inputsOfOneToAFewFramesGiveARowWithoutFailing() {
    EgemapsExtractor extractor = new EgemapsExtractor();
    java.util.Random random = new java.util.Random(7);
    for (int n = 960; n <= 2400; n += 37) {
      short[] x = new short[n];
      for (int i = 0; i < n; i++) {
        x[i] =
            (short)
                (6000 * Math.sin(2 * Math.PI * 180 * i / 16000.0) + 200 * random.nextGaussian());
      }
      EgemapsResult r = extractor.extract(x);
      assertEquals(88, r.values().length);
      org.junit.jupiter.api.Assertions.assertTrue(
          r.status().equals(EgemapsResult.OK) || r.status().equals(EgemapsResult.NO_VOICED_FRAMES),
          r.status());
      org.junit.jupiter.api.Assertions.assertTrue(
          Float.isFinite(r.values()[87]), "Leq is always defined");
      assertEquals((n - 960) / 160 + 2, extractor.extractLlds(x).frames(), "n60 + 1 LLD rows");
    }
  }
}
