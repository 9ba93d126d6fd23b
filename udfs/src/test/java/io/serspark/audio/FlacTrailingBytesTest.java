package io.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * After a hang found by {@code AudioFuzzTest#flac} (a thread dump showed jflac retrying one bad frame header after
 * the last declared sample, forever; the input itself was not captured): decoding stops at STREAMINFO's total, so
 * bytes after the last frame (junk, or an ID3v1 tag) are ignored instead of looped on or called damage. Before the
 * fix these 64 bytes made the file "damaged: 24 frame(s) failed to decode".
 */
class FlacTrailingBytesTest {
  @Test void bytesAfterTheDeclaredSamplesAreIgnoredNotLoopedOn() {
    byte[] flac = SharedData.fixture("stereo_22050_s16.flac");
    byte[] withTail = java.util.Arrays.copyOf(flac, flac.length + 64);
    for (int i = flac.length; i < withTail.length; i++) withTail[i] = (byte) (0x5A + i);
    DecodedAudio clean = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> FlacDecoder.decode(flac, 0, DecodeBudget.of(flac)));
    DecodedAudio tail = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> FlacDecoder.decode(withTail, 0, DecodeBudget.of(withTail)), "the decoder must not loop on trailing bytes");
    assertEquals(4410, tail.frames());
    assertEquals(java.util.Arrays.hashCode(clean.mono()), java.util.Arrays.hashCode(tail.mono()));
  }
}
