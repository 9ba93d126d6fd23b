package io.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real corpus files: EmoDB must pass through untouched; RAVDESS stereo must be the mean of its two
 * channels.
 */
class CorpusDecodeTest {
  private static final Path EMODB = SharedData.shared().resolve("corpora/emodb");
  private static final Path RAVDESS = SharedData.shared().resolve("corpora/ravdess");
  static final List<String> STEREO =
      List.of(
          "Actor_01/03-01-02-01-01-02-01.wav",
          "Actor_01/03-01-08-01-02-02-01.wav",
          "Actor_05/03-01-02-01-02-02-05.wav",
          "Actor_20/03-01-03-01-02-01-20.wav",
          "Actor_20/03-01-06-01-01-02-20.wav");

  @Test
  void everyEmodbFileComesOutBitExact() throws Exception {
    AudioConverter converter = new AudioConverter();
    List<String> manifest = Files.readAllLines(EMODB.resolve("MANIFEST.tsv"));
    assertEquals(536, manifest.size(), "EmoDB manifest rows incl. header");
    for (String row : manifest.subList(1, manifest.size())) {
      String[] f = row.split("\t");
      byte[] bytes = SharedData.read(EMODB.resolve(f[0]));
      ConvertedAudio a = converter.convert(bytes);
      short[] expected = SharedData.pcm16Of(bytes);
      assertArrayEquals(expected, a.pcm16(), f[0]);
      assertEquals(Long.parseLong(f[7]), a.sourceFrames(), f[0] + " frames");
      assertEquals("wav", a.container());
      assertEquals("pcm_s16le", a.codec());
      assertEquals(16000, a.sourceSampleRateHz());
      assertEquals(1, a.sourceChannels());
      assertEquals(16, a.sourceBits());
      assertTrue(a.encoderDelayTrimmed());
      assertEquals(Double.parseDouble(f[8]), a.durationS(), 1e-4, f[0] + " duration");
    }
  }

  @Test
  void emodbBytesInThePcmColumnAreTheFilesDataChunk() throws Exception {
    byte[] bytes = SharedData.read(EMODB.resolve("wav/03a01Fa.wav"));
    byte[] column = new AudioConverter().convert(bytes).pcm16LittleEndian();
    assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 44, 44 + column.length), column);
    assertEquals(bytes.length - 44, column.length);
  }

  @Test
  void ravdessStereoFilesDownMixToTheMeanOfBothChannels() throws Exception {
    for (String name : STEREO) {
      byte[] bytes = SharedData.read(RAVDESS.resolve(name));
      DecodedAudio d = WavDecoder.decode(bytes, DecodeBudget.of(bytes));
      short[] interleaved = SharedData.pcm16Of(bytes);
      assertEquals(2, d.channels(), name);
      assertEquals(interleaved.length / 2, d.mono().length, name);
      double leftEnergy = 0;
      double rightEnergy = 0;
      for (int i = 0; i < d.mono().length; i++) {
        int l = interleaved[2 * i];
        int r = interleaved[2 * i + 1];
        leftEnergy += (double) l * l;
        rightEnergy += (double) r * r;
        assertEquals((l + r) / 65536.0, d.mono()[i], 0.0, name + " frame " + i);
      }
      assertTrue(leftEnergy > 0 && rightEnergy > 0, name + ": both channels carry signal");
      ConvertedAudio a = new AudioConverter().convert(bytes);
      assertEquals(2, a.sourceChannels());
      assertEquals(48000, a.sourceSampleRateHz());
      assertEquals(
          Math.round(interleaved.length / 2 / 3.0), a.pcm16().length, name + " output length");
    }
  }
}
