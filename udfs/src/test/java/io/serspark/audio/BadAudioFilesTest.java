package io.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.audio.testing.BadAudioFiles;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of bad file is refused at the right stage with a sentence a person can act on. */
class BadAudioFilesTest {
  private final AudioConverter converter = new AudioConverter();

  private AudioRejected reject(String name) {
    byte[] bytes = BadAudioFiles.all().get(name);
    return assertThrows(
        AudioRejected.class, () -> converter.convert(bytes), name + " must be refused");
  }

  @Test
  void everyBadFileIsRefusedAtItsStage() {
    Map<String, byte[]> all = BadAudioFiles.all();
    assertTrue(all.size() >= 20, "catalogue size " + all.size());
    for (String name : all.keySet()) {
      AudioRejected e = reject(name);
      assertEquals(BadAudioFiles.expectedStage(name), e.stage(), name + ": " + e.getMessage());
      assertTrue(
          e.reason().length() > 20 && !e.reason().contains("Exception"),
          name + " reason: " + e.reason());
    }
  }

  @Test
  void everyStageIsCovered() {
    for (AudioRejected.Stage s : AudioRejected.Stage.values()) {
      assertTrue(
          BadAudioFiles.all().keySet().stream().anyMatch(n -> BadAudioFiles.expectedStage(n) == s),
          s.name());
    }
    assertEquals("resample", AudioRejected.Stage.RESAMPLE.columnValue());
  }

  @Test
  void reasonsNameWhatIsWrong() {
    assertEquals("the file is empty (0 bytes)", reject("empty").reason());
    assertTrue(reject("random_bytes").reason().startsWith("not a recognised audio container"));
    AudioRejected truncated = reject("wav_truncated_data");
    assertTrue(
        truncated.reason().contains("3200 bytes")
            && truncated.reason().contains("1000 are present"),
        truncated.reason());
    AudioRejected adpcm = reject("wav_unsupported_codec_ima_adpcm");
    assertTrue(adpcm.reason().contains("IMA ADPCM"), adpcm.reason());
    assertEquals("format tag 0x0011", adpcm.detail());
    assertTrue(reject("wav_zero_channels").reason().contains("0 channels"));
    assertTrue(reject("wav_sample_rate_zero").reason().contains("sample rate of 0 Hz"));
    assertTrue(reject("wav_block_align_inconsistent").reason().contains("block align is 2 bytes"));
    // a 244-byte file whose data chunk claims 4 GB is a truncated file, said as such (no "2 GB"
    // limit involved)
    AudioRejected claims4gb = reject("wav_chunk_size_over_2gb");
    assertTrue(
        claims4gb.reason().contains("declares 4294967280 bytes of samples but only 200"),
        claims4gb.reason());
    assertTrue(reject("wav_float_nan").reason().contains("NaN"));
    assertTrue(reject("wav_float_nan").detail().contains("frame 57"));
    assertTrue(
        reject("wav_shorter_than_one_sample")
            .reason()
            .contains("fewer than one complete sample frame"));
    assertTrue(
        reject("aiff_truncated_data").reason().contains("3200 bytes of samples but only 2900"));
    assertTrue(reject("aifc_unsupported_compression").reason().contains("'ima4'"));
    assertTrue(reject("wav_sample_rate_without_small_ratio").reason().contains("200003 Hz"));
  }

  @Test
  void catalogueIsDeterministicAndCopiesAreIndependent() {
    byte[] a = BadAudioFiles.all().get("random_bytes");
    a[5] ^= 1;
    assertFalse(java.util.Arrays.equals(a, BadAudioFiles.all().get("random_bytes")));
    assertThrows(IllegalArgumentException.class, () -> BadAudioFiles.expectedStage("no_such_kind"));
  }

  @Test
  void truncatedFlacAndMp3AreRefusedNotShortened() throws Exception {
    byte[] flac = SharedData.fixture("stereo_22050_s16.flac");
    AudioRejected f =
        assertThrows(
            AudioRejected.class,
            () -> converter.convert(java.util.Arrays.copyOf(flac, flac.length / 2)));
    assertEquals(AudioRejected.Stage.DECODE, f.stage());
    assertTrue(f.reason().contains("truncated") || f.reason().contains("damaged"), f.reason());
    byte[] mp3 = SharedData.fixture("mono_44100_lame.mp3");
    AudioRejected m =
        assertThrows(
            AudioRejected.class,
            () -> converter.convert(java.util.Arrays.copyOf(mp3, mp3.length / 2)));
    assertEquals(AudioRejected.Stage.DECODE, m.stage());
    assertTrue(m.reason().contains("truncated"), m.reason());
  }

  @Test
  void corruptFlacFrameIsRefused() {
    byte[] flac = SharedData.fixture("stereo_22050_s16.flac");
    flac[flac.length - 2000] ^= 0x5A;
    AudioRejected e = assertThrows(AudioRejected.class, () -> converter.convert(flac));
    assertEquals(AudioRejected.Stage.DECODE, e.stage());
  }
}
