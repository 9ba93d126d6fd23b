package io.serspark.audio;

import static io.serspark.audio.PcmFileBuilder.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every WAV and AIFF/AIFC sample encoding decodes to the samples that were written (16 kHz, so no
 * resampling).
 */
class PcmFormatsTest {
  private final AudioConverter converter = new AudioConverter();

  @ParameterizedTest(name = "wav {0} x{1}")
  @CsvSource({
    "S16LE,1,1,16,pcm_s16le",
    "S16LE,2,1,16,pcm_s16le",
    "S16LE,6,1,16,pcm_s16le",
    "S24LE,1,1,24,pcm_s24le",
    "S24LE,3,1,24,pcm_s24le",
    "S32LE,2,1,32,pcm_s32le",
    "F32LE,1,3,32,pcm_f32le",
    "F32LE,2,3,32,pcm_f32le",
    "F64LE,1,3,64,pcm_f64le",
    "F64LE,2,3,64,pcm_f64le"
  })
  void wavLinearFormatsAreExact(SampleFormat f, int channels, int tag, int bits, String codec)
      throws Exception {
    short[][] s = signal(channels, 1000);
    byte[] file =
        wav(fmt(tag, channels, 16000, bits, channels * f.bytesPerSample), interleave(f, s));
    ConvertedAudio a = converter.convert(file);
    assertArrayEquals(expectedMono(s), a.pcm16(), f + " x" + channels);
    assertEquals(codec, a.codec());
    assertEquals("wav", a.container());
    assertEquals(channels, a.sourceChannels());
    assertEquals(bits, a.sourceBits());
    assertEquals(1000, a.sourceFrames());
  }

  @ParameterizedTest(name = "extensible {0}")
  @CsvSource({"S16LE,1,16,16", "S24LE,1,24,24", "S24LE,1,24,20", "S32LE,1,32,24", "F32LE,3,32,32"})
  void wavExtensibleUsesItsSubFormat(SampleFormat f, int subTag, int bits, int validBits)
      throws Exception {
    short[][] s = signal(2, 500);
    ConvertedAudio a =
        converter.convert(wav(fmtExtensible(subTag, 2, 16000, bits, validBits), interleave(f, s)));
    assertArrayEquals(expectedMono(s), a.pcm16());
    assertEquals(f.codec, a.codec());
  }

  @Test
  void wav8BitIsUnsignedAndKeepsItsEightBits() throws Exception {
    short[][] s = signal(1, 999); // odd data size: the chunk is followed by a pad byte
    ConvertedAudio a =
        converter.convert(wav(fmt(1, 1, 16000, 8, 1), interleave(SampleFormat.U8, s)));
    for (int i = 0; i < 999; i++) assertEquals((s[0][i] >> 8) << 8, a.pcm16()[i], "sample " + i);
    assertEquals("pcm_u8", a.codec());
    assertEquals(8, a.sourceBits());
  }

  @Test
  void unknownAndOddSizedChunksAreSkipped() throws Exception {
    short[][] s = signal(1, 300);
    byte[] file =
        wav(
            fmt(1, 1, 16000, 16, 2),
            interleave(SampleFormat.S16LE, s),
            chunkLe(
                "LIST",
                ascii("INFOISFT\u0005\u0000\u0000\u0000Lavf\u0000")), // 17 bytes: odd, padded
            chunkLe("junk", new byte[7]),
            chunkLe("FLLR", new byte[4000]));
    assertArrayEquals(s[0], converter.convert(file).pcm16());
  }

  @Test
  void riffSizeFieldIsNotTrusted() throws Exception {
    short[][] s = signal(1, 300);
    byte[] file = wav(fmt(1, 1, 16000, 16, 2), interleave(SampleFormat.S16LE, s));
    file[4] = file[5] = file[6] = (byte) 0xFF; // wrong RIFF size, as streaming writers leave it
    assertArrayEquals(s[0], converter.convert(file).pcm16());
  }

  @Test
  void g711TablesMatchTheStandard() throws Exception {
    // ITU-T G.711 reference points (the values SoX and ffmpeg produce).
    assertEquals(-32124, SampleFormat.mulawToLinear(0x00));
    assertEquals(32124, SampleFormat.mulawToLinear(0x80));
    assertEquals(0, SampleFormat.mulawToLinear(0xFF));
    assertEquals(0, SampleFormat.mulawToLinear(0x7F));
    assertEquals(-8, SampleFormat.alawToLinear(0x55));
    assertEquals(8, SampleFormat.alawToLinear(0xD5));
    assertEquals(-32256, SampleFormat.alawToLinear(0x2A));
    assertEquals(32256, SampleFormat.alawToLinear(0xAA));
    for (int c = 0; c < 256; c++) {
      assertEquals(
          -SampleFormat.alawToLinear(c ^ 0x80),
          SampleFormat.alawToLinear(c),
          "A-law symmetry " + c);
    }
    // mu-law magnitudes fall strictly as the code's low 7 bits rise (codes are stored inverted).
    for (int c = 0x80; c < 0xFF; c++) {
      assertTrue(
          SampleFormat.mulawToLinear(c) > SampleFormat.mulawToLinear(c + 1),
          "mu-law order at " + c);
    }
    byte[] codes = new byte[256];
    for (int c = 0; c < 256; c++) codes[c] = (byte) c;
    short[] alaw = converter.convert(wav(fmt(6, 1, 16000, 8, 1), codes)).pcm16();
    short[] mulaw = converter.convert(wav(fmt(7, 1, 16000, 8, 1), codes)).pcm16();
    for (int c = 0; c < 256; c++) {
      assertEquals(SampleFormat.alawToLinear(c), alaw[c]);
      assertEquals(SampleFormat.mulawToLinear(c), mulaw[c]);
    }
    assertEquals("alaw", converter.convert(wav(fmt(6, 1, 16000, 8, 1), codes)).codec());
    assertEquals("mulaw", converter.convert(wav(fmt(7, 1, 16000, 8, 1), codes)).codec());
  }

  @ParameterizedTest(name = "aiff {0} {1}")
  @CsvSource({
    "S16BE,,16,pcm_s16be,aiff",
    "S24BE,,24,pcm_s24be,aiff",
    "S32BE,,32,pcm_s32be,aiff",
    "S16BE,NONE,16,pcm_s16be,aifc",
    "S16BE,twos,16,pcm_s16be,aifc",
    "S16LE,sowt,16,pcm_s16le,aifc",
    "F32BE,fl32,32,pcm_f32be,aifc",
    "F64BE,fl64,64,pcm_f64be,aifc",
    "F32BE,FL32,32,pcm_f32be,aifc"
  })
  void aiffLinearFormatsAreExact(
      SampleFormat f, String compression, int bits, String codec, String container)
      throws Exception {
    short[][] s = signal(2, 700);
    byte[] file = aiff(compression, 2, 700, bits, 16000, interleave(f, s), 0);
    ConvertedAudio a = converter.convert(file);
    assertArrayEquals(expectedMono(s), a.pcm16());
    assertEquals(codec, a.codec());
    assertEquals(container, a.container());
    assertEquals(bits, a.sourceBits());
    assertEquals(700, a.sourceFrames());
  }

  @Test
  void aiff8BitIsSignedAndSsndOffsetAndOddChunksAreHonoured() throws Exception {
    short[][] s = signal(1, 401);
    byte[] file =
        aiff(
            null,
            1,
            401,
            8,
            16000,
            interleave(SampleFormat.S8, s),
            5,
            chunkBe("NAME", ascii("odd")),
            chunkBe("ANNO", ascii("x")));
    ConvertedAudio a = converter.convert(file);
    for (int i = 0; i < 401; i++) assertEquals((s[0][i] >> 8) << 8, a.pcm16()[i], "sample " + i);
    assertEquals("pcm_s8", a.codec());
  }

  @Test
  void aifcG711() throws Exception {
    byte[] codes = new byte[256];
    for (int c = 0; c < 256; c++) codes[c] = (byte) c;
    // Apple writes sampleSize 16 for ulaw/alaw; the data is still one byte per sample.
    ConvertedAudio u = converter.convert(aiff("ulaw", 1, 256, 16, 16000, codes, 0));
    ConvertedAudio a = converter.convert(aiff("alaw", 1, 256, 16, 16000, codes, 0));
    for (int c = 0; c < 256; c++) {
      assertEquals(SampleFormat.mulawToLinear(c), u.pcm16()[c]);
      assertEquals(SampleFormat.alawToLinear(c), a.pcm16()[c]);
    }
    assertEquals("mulaw", u.codec());
    assertEquals(8, u.sourceBits());
  }

  @Test
  void aiffSampleRateIsReadFromTheExtendedField() throws Exception {
    short[][] s = signal(1, 4410);
    ConvertedAudio a =
        converter.convert(aiff(null, 1, 4410, 16, 44100, interleave(SampleFormat.S16BE, s), 0));
    assertEquals(44100, a.sourceSampleRateHz());
    assertEquals(1600, a.pcm16().length);
  }
}
