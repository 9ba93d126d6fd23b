package io.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Files written by real tools (sox, flac, lame; see src/test/resources/audio/README.md): lossless
 * ones must decode to exactly the samples of the WAV they were made from; LAME MP3s must come back
 * the same length and time-aligned.
 */
class FixtureDecodeTest {

  private static float[] decodeWav(String name) throws AudioRejected {
    byte[] b = SharedData.fixture(name);
    return WavDecoder.decode(b, DecodeBudget.of(b)).mono();
  }

  @Test
  void flacStereo16BitIsLossless() throws Exception {
    DecodedAudio flac =
        FlacDecoder.decode(
            SharedData.fixture("stereo_22050_s16.flac"), 0, DecodeBudget.of(new byte[6627]));
    float[] wav = decodeWav("stereo_22050_s16.wav");
    assertEquals(4410, wav.length);
    assertEquals(wav.length, flac.mono().length);
    for (int i = 0; i < wav.length; i++) assertEquals(wav[i], flac.mono()[i], 0.0, "frame " + i);
    assertEquals(2, flac.channels());
    assertEquals(16, flac.bits());
    assertEquals(22050, flac.sampleRateHz());
    assertEquals(4410, flac.frames());
  }

  @Test
  void flacMono24BitIsLosslessAgainstSoxExtensibleWav() throws Exception {
    DecodedAudio wav =
        WavDecoder.decode(
            SharedData.fixture("mono_16000_s24.wav"), DecodeBudget.of(new byte[2480]));
    assertEquals(
        "pcm_s24le",
        wav.codec(),
        "SoX writes 24-bit as WAVE_FORMAT_EXTENSIBLE with a 'fact' chunk");
    ConvertedAudio flac = new AudioConverter().convert(SharedData.fixture("mono_16000_s24.flac"));
    assertEquals("flac", flac.container());
    assertEquals(24, flac.sourceBits());
    assertEquals(800, flac.pcm16().length);
    short[] expected = AudioConverter.toPcm16(wav.mono());
    for (int i = 0; i < expected.length; i++)
      assertEquals(expected[i], flac.pcm16()[i], "sample " + i);
    boolean nonTrivial = false;
    for (float v : wav.mono())
      nonTrivial |= Math.abs(v * 8388608f - Math.rint(v * 32768f) * 256f) >= 1f;
    assertTrue(nonTrivial, "the 24-bit fixture uses its low byte");
  }

  @Test
  void soxAiffDecodesToTheSameSamplesAsItsWavSource() throws Exception {
    byte[] aiff = SharedData.fixture("stereo_22050_s16.aiff");
    DecodedAudio a = AiffDecoder.decode(aiff, false, DecodeBudget.of(aiff));
    float[] wav = decodeWav("stereo_22050_s16.wav");
    assertEquals(wav.length, a.mono().length);
    for (int i = 0; i < wav.length; i++) assertEquals(wav[i], a.mono()[i], 0.0, "frame " + i);
    assertEquals("pcm_s16be", a.codec());
    ConvertedAudio c = new AudioConverter().convert(aiff);
    assertEquals("aiff", c.container(), "detected from the bytes; no file name is involved");
  }

  @Test
  void lameMpeg1IsTrimmedToTheEncoderInputAndAligned() throws Exception {
    checkGapless("mono_44100_lame.mp3", "mono_44100_s16.wav", 44100, 1);
  }

  @Test
  void lameMpeg2StereoIsTrimmedToTheEncoderInputAndAligned() throws Exception {
    checkGapless("stereo_22050_lame.mp3", "stereo_22050_s16.wav", 22050, 2);
  }

  private static void checkGapless(String mp3, String source, int rate, int channels)
      throws Exception {
    byte[] bytes = SharedData.fixture(mp3);
    Container.Detected d = Container.detect(bytes);
    assertEquals(Container.MP3, d.container());
    DecodedAudio m = Mp3Decoder.decode(bytes, d.offset(), DecodeBudget.of(bytes));
    float[] wav = decodeWav(source);
    assertTrue(m.encoderDelayTrimmed(), mp3 + ": LAME tag found and used");
    assertEquals(wav.length, m.mono().length, mp3 + ": length after trimming delay and padding");
    assertEquals(rate, m.sampleRateHz());
    assertEquals(channels, m.channels());
    assertEquals(
        0, bestLag(wav, m.mono(), 1200), mp3 + ": decoded audio is aligned with the source");
    double snr = snrDb(wav, m.mono());
    assertTrue(snr > 20, mp3 + ": SNR vs source " + snr + " dB");
    ConvertedAudio c = new AudioConverter().convert(bytes);
    assertEquals("mp3", c.container());
    assertEquals("mp3", c.codec());
    assertEquals(0, c.sourceBits());
    assertEquals(Math.round(wav.length * 16000.0 / rate), c.pcm16().length);
  }

  @Test
  void id3TagAndPaddingBeforeTheFirstFrameAreSkipped() throws Exception {
    byte[] mp3 = SharedData.fixture("mono_44100_lame.mp3");
    byte[] tag =
        new byte
            [10 + 300 + 100]; // ID3v2.4 header, a 300-byte tag body, then 100 bytes of zero padding
    tag[0] = 'I';
    tag[1] = 'D';
    tag[2] = '3';
    tag[3] = 4;
    tag[8] = (byte) (300 >> 7);
    tag[9] = (byte) (300 & 0x7f);
    byte[] tagged = PcmFileBuilder.concat(tag, mp3);
    AudioConverter converter = new AudioConverter();
    ConvertedAudio plain = converter.convert(mp3);
    ConvertedAudio withTag = converter.convert(tagged);
    org.junit.jupiter.api.Assertions.assertArrayEquals(plain.pcm16(), withTag.pcm16());
    assertTrue(withTag.encoderDelayTrimmed());
  }

  @Test
  void mp3WithoutTagKeepsEverySampleAndSaysSo() throws Exception {
    ConvertedAudio c = new AudioConverter().convert(SharedData.fixture("mono_44100_notag.mp3"));
    assertFalse(c.encoderDelayTrimmed());
    assertEquals(0, c.sourceFrames() % 1152, "whole frames, nothing trimmed");
    assertTrue(
        c.sourceFrames() >= 8820 + 576, "delay and padding are still in: " + c.sourceFrames());
  }

  static int bestLag(float[] ref, float[] x, int maxLag) {
    int best = 0;
    double bestCorr = Double.NEGATIVE_INFINITY;
    for (int lag = -maxLag; lag <= maxLag; lag++) {
      double c = 0;
      for (int i = 0; i < ref.length; i++) {
        int j = i + lag;
        if (j >= 0 && j < x.length) c += ref[i] * x[j];
      }
      if (c > bestCorr) {
        bestCorr = c;
        best = lag;
      }
    }
    return best;
  }

  static double snrDb(float[] ref, float[] x) {
    double s = 0;
    double e = 0;
    for (int i = 0; i < ref.length; i++) {
      s += (double) ref[i] * ref[i];
      double d = ref[i] - x[i];
      e += d * d;
    }
    return 10 * Math.log10(s / e);
  }
}
