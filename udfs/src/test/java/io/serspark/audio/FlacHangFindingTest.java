package io.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A hang found by {@code AudioFuzzTest#flac}: on this mutated FLAC (3 739 bytes of the stereo
 * fixture's frames changed) jflac 1.5.2's {@code FLACDecoder.readNextFrame} retries a bad frame
 * header forever (thread dump: {@code Header.<init>} throwing {@code BadHeaderException} in a
 * loop). Fixed by refusing the file at the first frame jflac reports as damaged ({@code
 * FlacDecoder.RefuseDamagedFrames}); this input must now end, rejected.
 */
class FlacHangFindingTest {
  @Test
  void theSavedFuzzInputEnds() throws Exception {
    byte[] saved = SharedData.fixture("fuzz-findings/flac-jflac-hang-b8fb3bf9.flac");
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          AudioRejected refused =
              org.junit.jupiter.api.Assertions.assertThrows(
                  AudioRejected.class,
                  () -> FlacDecoder.decode(saved, 0, DecodeBudget.of(saved)),
                  "a damaged stream decoded");
          org.junit.jupiter.api.Assertions.assertTrue(
              refused.getMessage().contains("damaged"), refused.getMessage());
        });
  }
}
