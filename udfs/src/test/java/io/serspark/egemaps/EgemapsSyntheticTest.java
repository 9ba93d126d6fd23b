package io.serspark.egemaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.egemaps.voice.VoiceStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The synthetic signals of the anchors ({@code synthetic/}): openSMILE's own values before our
 * undefined-value mapping, and the statuses and NaNs of the public result (udfs/EGEMAPS.md).
 */
class EgemapsSyntheticTest {
  static Path synthetic(String name) {
    return Anchors.egemaps().resolve("synthetic").resolve(name);
  }

  /**
   * openSMILE's 88 values (its "no data" encodings included) as our pipeline computes them before
   * NaN mapping.
   */
  static float[] openSmileValues(short[] pcm) {
    float[] x = EgemapsExtractor.scale(pcm);
    FunctionalInputs in =
        FunctionalInputsAssembly.of(
            new ShortFrameStream().compute(x), new VoiceStream().compute(x));
    return new EgemapsFunctionals().compute(in);
  }

  static List<String> mismatches(String file, double relTol) {
    double[] want =
        Anchors.functionals("synthetic/" + file + ".functionals.csv").values().iterator().next();
    float[] got = openSmileValues(Anchors.wav(synthetic(file + ".wav")));
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < 88; i++) {
      double tol = relTol * Math.abs(want[i]) + 1e-6;
      if (!(Math.abs(got[i] - want[i]) <= tol)) {
        bad.add(EgemapsNames.FUNCTIONALS.get(i) + " " + got[i] + " vs " + want[i]);
      }
    }
    System.out.printf(
        "%s: %d of 88 differ by more than %.0e relative: %s%n", file, bad.size(), relTol, bad);
    return bad;
  }

  @Test
  void silenceAndNoiseReproduceOpenSmileIncludingItsFloorArtefacts() {
    // silence: loudness 1.034e-3 from the mel floor, slopeUV0-500 0.112 from the −140 dB floor, Leq
    // −120;
    // white noise: fully unvoiced, UV features populated, −201 formant amplitudes
    assertEquals(List.of(), mismatches("silence_1s", 1e-4));
    assertEquals(List.of(), mismatches("whitenoise_2s", 1e-4));
  }

  @Test
  void periodicSignalsReproduceOpenSmile() {
    // everything to 1e-3 except the LPC formant / harmonic-amplitude statistics of the voice
    // stream, which
    // differ by < 2 % (the 11 kHz spectral resampling before the LPC is not bit-identical to
    // openSMILE's)
    for (String f : new String[] {"saw150_2s", "glottal120_jit1pct_2s"}) {
      for (String bad : mismatches(f, 1e-3))
        assertTrue(bad.matches("(F[123]|logRelF0).*"), f + ": " + bad);
      assertEquals(List.of(), mismatches(f, 2e-2), f);
    }
  }

  @Test
  void stationaryToneReproducesOpenSmileIncludingTheViterbiLag() {
    // openSMILE's functionals see only 56 of the 95 60 ms frames of this tone (frames still in the
    // Viterbi buffer)
    float[] got = openSmileValues(Anchors.wav(synthetic("tone1k_1s.wav")));
    assertEquals(
        1.785714, got[UndefinedValues.VOICED_SEGMENTS_PER_SEC], 1e-5, "VoicedSegmentsPerSec");
    assertEquals(
        0.55, got[UndefinedValues.MEAN_VOICED_SEGMENT], 1e-6, "MeanVoicedSegmentLengthSec");
    // a constant tone: means, percentiles and segment statistics agree to 1e-3; the variation
    // measures of
    // constant quantities (stddevNorm ~1e-4 … 0.3, loudness slopes ~3e-5/s) are float noise in both
    // and agree
    // to 0.01 (coefficient of variation) and 1e-5/s
    double[] want =
        Anchors.functionals("synthetic/tone1k_1s.functionals.csv").values().iterator().next();
    for (int i = 0; i < 88; i++) {
      String name = EgemapsNames.FUNCTIONALS.get(i);
      double tol =
          name.endsWith("stddevNorm")
              ? 0.01
              : name.startsWith("loudness_sma3_") && name.contains("Slope")
                  ? 1e-5
                  : 1e-3 * Math.abs(want[i]) + 1e-6;
      assertEquals(want[i], got[i], tol, name);
    }
  }

  @Test
  void tooShortInputGivesAllNaNLikeOpenSmilesMissingRow() {
    EgemapsExtractor extractor = new EgemapsExtractor();
    short[] tone30ms = Anchors.wav(synthetic("tone200_30ms.wav"));
    assertEquals(480, tone30ms.length);
    EgemapsResult r = extractor.extract(tone30ms);
    assertEquals(EgemapsResult.TOO_SHORT, r.status());
    assertEquals(88, r.values().length);
    for (float v : r.values()) assertTrue(Float.isNaN(v));
    short[] x = new short[960];
    for (int i = 0; i < x.length; i++)
      x[i] = (short) (8000 * Math.sin(2 * Math.PI * 200 * i / 16000.0));
    assertEquals(
        EgemapsResult.TOO_SHORT, extractor.extract(java.util.Arrays.copyOf(x, 959)).status());
    assertTrue(
        !EgemapsResult.TOO_SHORT.equals(extractor.extract(x).status()), "960 samples give a row");
  }

  @Test
  void digitalSilenceKeepsOnlyCountsDurationsAndTheLeqFloor() {
    EgemapsResult r = new EgemapsExtractor().extract(Anchors.wav(synthetic("silence_1s.wav")));
    assertEquals(EgemapsResult.SILENT, r.status());
    float[] v = r.values();
    assertEquals(0f, v[UndefinedValues.LOUDNESS_PEAKS]);
    assertEquals(0f, v[UndefinedValues.VOICED_SEGMENTS_PER_SEC]);
    assertEquals(0.93f, v[UndefinedValues.MEAN_UNVOICED_SEGMENT], 1e-6f);
    assertEquals(0f, v[UndefinedValues.STDDEV_UNVOICED_SEGMENT]);
    assertEquals(-120f, v[UndefinedValues.LEQ]);
    int defined = 0;
    for (float f : v) if (!Float.isNaN(f)) defined++;
    assertEquals(5, defined, "silence: all spectral values are floor artefacts and NaN");
  }

  @Test
  void noiseHasNoVoicedFramesButItsUnvoicedFeaturesAreComputed() {
    EgemapsResult r = new EgemapsExtractor().extract(Anchors.wav(synthetic("whitenoise_2s.wav")));
    assertEquals(EgemapsResult.NO_VOICED_FRAMES, r.status());
    Map<String, double[]> ref = Anchors.functionals("synthetic/whitenoise_2s.functionals.csv");
    double[] want = ref.values().iterator().next();
    for (int i = 0; i < 88; i++) {
      String name = EgemapsNames.FUNCTIONALS.get(i);
      boolean voicedOnly =
          i < 10
              || (i >= 30 && i < 76)
              || name.startsWith("MeanVoiced")
              || name.startsWith("StddevVoiced");
      if (voicedOnly) {
        assertTrue(Float.isNaN(r.values()[i]), name + " must be NaN without voiced frames");
      } else {
        assertEquals(want[i], r.values()[i], 1e-4 * Math.abs(want[i]) + 1e-6, name);
      }
    }
  }

  @Test
  void sawtoothPitchIsOpenSmiles() {
    float[] v = new EgemapsExtractor().extract(Anchors.wav(synthetic("saw150_2s.wav"))).values();
    // truth 12·log2(150/27.5) = 29.3695 st; openSMILE reads 29.3938 (150.21 Hz) and so do we
    assertEquals(29.3938, v[0], 1e-3, "F0 amean (st)");
    assertEquals(
        12 * Math.log(150 / 27.5) / Math.log(2), v[0], 0.05, "F0 within 0.05 st of the truth");
    assertEquals(
        1.92, v[UndefinedValues.MEAN_VOICED_SEGMENT], 1e-5, "one voiced segment of 1.92 s");
  }

  @Test
  void nullInputIsRejectedWithAClearMessage() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> new EgemapsExtractor().extract(null));
    assertTrue(e.getMessage().contains("pcm16At16kHz"));
  }
}
