package io.serspark.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Executors decode on several threads at once, one converter per thread: results must equal the
 * single-threaded ones (JLayer's lazily built static tables are the known hazard, see {@link
 * Mp3Decoder}).
 */
class ConcurrentDecodeTest {
  private static final List<String> FILES =
      List.of(
          "mono_44100_lame.mp3",
          "stereo_22050_lame.mp3",
          "mono_44100_notag.mp3",
          "stereo_22050_s16.flac",
          "mono_16000_s24.flac",
          "stereo_22050_s16.aiff",
          "mono_44100_s16.wav");

  @Test
  void parallelConvertersGiveTheSameSamples() throws Exception {
    List<short[]> expected = new ArrayList<>();
    AudioConverter single = new AudioConverter();
    for (String f : FILES) expected.add(single.convert(SharedData.fixture(f)).pcm16());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<short[]>>> runs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        runs.add(
            pool.submit(
                () -> {
                  AudioConverter own = new AudioConverter();
                  List<short[]> got = new ArrayList<>();
                  for (int rep = 0; rep < 3; rep++) {
                    for (String f : FILES) got.add(own.convert(SharedData.fixture(f)).pcm16());
                  }
                  return got;
                }));
      }
      for (Future<List<short[]>> run : runs) {
        List<short[]> got = run.get();
        assertEquals(3 * FILES.size(), got.size());
        for (int i = 0; i < got.size(); i++) {
          assertArrayEquals(
              expected.get(i % FILES.size()), got.get(i), FILES.get(i % FILES.size()));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
