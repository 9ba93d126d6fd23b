package io.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.audio.testing.BadAudioFiles;
import io.serspark.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * The work one file may cause is decided from its header: duration, sample-rate floor, expansion
 * per byte.
 */
class UtteranceLimitsTest {

  private static byte[] tone16k(double seconds) {
    short[] s = new short[(int) Math.round(seconds * 16000)];
    for (int i = 0; i < s.length; i++)
      s[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 300 * i / 16000.0));
    return WavWriter.mono16k(s);
  }

  @Test
  void aRecordingLongerThanTheLimitIsRefusedWithTheLimitInTheReason() throws Exception {
    byte[] twoSeconds = tone16k(2.0);
    AudioRejected r =
        assertThrows(
            AudioRejected.class,
            () -> new AudioConverter(new UtteranceLimits(1.5, 256)).convertUnguarded(twoSeconds));
    assertEquals(AudioRejected.Stage.DECODE, r.stage());
    assertTrue(
        r.reason().contains("holds 2.0 s of audio, longer than the limit of 1.5 s"), r.reason());
    assertEquals(
        32000,
        new AudioConverter(new UtteranceLimits(2.0, 256))
            .convertUnguarded(twoSeconds)
            .pcm16()
            .length,
        "exactly the limit is allowed");
  }

  @Test
  void ratesBelowTelephoneSpeechAreRefusedBeforeAnyAllocation() {
    for (String name :
        new String[] {
          "wav_sample_rate_1hz_60kb",
          "wav_sample_rate_3hz_60kb",
          "wav_sample_rate_8hz_64kb",
          "aiff_sample_rate_1hz",
          "wav_sample_rate_7999hz"
        }) {
      byte[] b = BadAudioFiles.all().get(name);
      AudioRejected r =
          assertThrows(AudioRejected.class, () -> new AudioConverter().convertUnguarded(b), name);
      assertEquals(AudioRejected.Stage.DECODE, r.stage(), name);
      assertTrue(
          r.reason().contains("below the 8000 Hz of telephone speech"), name + ": " + r.reason());
    }
  }

  @Test
  void aFlacClaimingFarMoreSamplesThanItsBytesHoldIsRefusedFromItsHeader() {
    byte[] flac = SharedData.fixture("stereo_22050_s16.flac");
    // STREAMINFO's 36-bit total: 50 M samples (37 min at 22.05 kHz, under the hour) in 6.6 KB
    flac[21] = (byte) (flac[21] & 0xf0);
    int total = 50_000_000;
    for (int i = 0; i < 4; i++) flac[22 + i] = (byte) (total >>> (24 - 8 * i));
    AudioRejected r =
        assertThrows(AudioRejected.class, () -> new AudioConverter().convertUnguarded(flac));
    assertTrue(
        r.reason()
            .contains("would expand from 6627 bytes to 36281180 samples at 16 kHz, more than 256"),
        r.reason());
  }

  /**
   * 3 h of 48 kHz stereo 24-bit: 3.1 GB of samples, a real recording, only its header in memory.
   */
  private static byte[] threeHourWavHeader() {
    byte[] h = WavWriter.pcm16(new short[2], 2, 48000);
    long data = 3L * 3600 * 48000 * 6;
    WavWriter.putLe32(h, 4, (int) (36 + data));
    WavWriter.putLe32(h, 28, 48000 * 6);
    WavWriter.putLe16(h, 32, 6);
    WavWriter.putLe16(h, 34, 24);
    WavWriter.putLe32(h, 40, (int) data);
    return java.util.Arrays.copyOf(h, 44);
  }

  @Test
  void aWavOver2GbIsDescribedByItsDurationAndTheLimitItBreaks() {
    byte[] head = threeHourWavHeader();
    long fileBytes = 44 + 3L * 3600 * 48000 * 6;
    AudioRejected r = new AudioConverter().tooLarge(head, fileBytes);
    assertEquals(AudioRejected.Stage.DECODE, r.stage());
    assertTrue(
        r.reason().contains("holds 3 h 00 min of audio, longer than the limit of 60 min 00 s"),
        r.reason());
    // allowed that long, it is still more than one array can hold: said as such, not as a corrupt
    // header
    AudioRejected big =
        new AudioConverter(new UtteranceLimits(20_000, 256)).tooLarge(head, fileBytes);
    assertTrue(
        big.reason()
            .contains("3110400000 bytes of samples (3 h 00 min of audio), more than the 2 GiB"),
        big.reason());
    AudioRejected notWav = new AudioConverter().tooLarge(new byte[] {1, 2, 3, 4}, 3_000_000_000L);
    assertEquals(AudioRejected.Stage.READ, notWav.stage());
    assertTrue(notWav.reason().contains("3.0 GB, more than the 2 GiB"), notWav.reason());
  }

  @Test
  void theOptionIsCheckedBeforeWork() {
    assertEquals(
        7200.0, UtteranceLimits.parseMaxSeconds("--max-utterance-seconds", "7200").maxSeconds());
    for (String bad : new String[] {"0", "-1", "abc", "NaN", "1e9"}) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> UtteranceLimits.parseMaxSeconds("--max-utterance-seconds", bad),
              bad);
      assertTrue(e.getMessage().startsWith("--max-utterance-seconds must be"), e.getMessage());
    }
  }
}
