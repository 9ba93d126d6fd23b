package io.serspark.audio;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged copies of good files (bytes flipped, cut, spliced) must either convert or be refused with
 * {@link AudioRejected}: no other exception may escape, since one would stop an ingest partition.
 */
class MutatedFilesTest {
  @Test
  void damagedFilesNeverThrowAnythingButAudioRejected() {
    List<byte[]> seeds =
        List.of(
            SharedData.fixture("stereo_22050_s16.wav"),
            SharedData.fixture("stereo_22050_s16.aiff"),
            SharedData.fixture("mono_16000_s24.wav"),
            SharedData.fixture("stereo_22050_s16.flac"),
            SharedData.fixture("mono_16000_s24.flac"),
            SharedData.fixture("mono_44100_lame.mp3"),
            SharedData.fixture("stereo_22050_lame.mp3"));
    Random rnd = new Random(42);
    AudioConverter converter = new AudioConverter();
    int accepted = 0;
    int refused = 0;
    for (int trial = 0; trial < 700; trial++) {
      byte[] b = seeds.get(trial % seeds.size()).clone();
      switch (rnd.nextInt(4)) {
        case 0 -> { // flip bytes in the header region, where the decoders make decisions
          for (int k = 0; k < 1 + rnd.nextInt(4); k++)
            b[rnd.nextInt(Math.min(b.length, 96))] = (byte) rnd.nextInt();
        }
        case 1 -> { // flip bytes anywhere
          for (int k = 0; k < 1 + rnd.nextInt(8); k++)
            b[rnd.nextInt(b.length)] = (byte) rnd.nextInt();
        }
        case 2 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length)); // cut
        default -> { // overwrite a 4-byte size-like field with an extreme value
          int p = rnd.nextInt(Math.min(b.length - 4, 80));
          int v = rnd.nextBoolean() ? -1 : Integer.MAX_VALUE >> rnd.nextInt(31);
          b[p] = (byte) v;
          b[p + 1] = (byte) (v >> 8);
          b[p + 2] = (byte) (v >> 16);
          b[p + 3] = (byte) (v >> 24);
        }
      }
      try {
        converter.convertUnguarded(b);
        accepted++;
      } catch (AudioRejected e) {
        refused++;
      } catch (RuntimeException | Error e) {
        fail("trial " + trial + " (seed file " + trial % seeds.size() + "): " + e, e);
      }
    }
    System.out.println("mutated files: " + accepted + " converted, " + refused + " refused");
  }
}
