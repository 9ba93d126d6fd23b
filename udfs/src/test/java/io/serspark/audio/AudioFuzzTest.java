package io.serspark.audio;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of every container sniffer and decoder and of the whole
 * converter: any input must end as decoded audio or {@link AudioRejected}, within the fuzz JVM's
 * 256 MB heap and {@link #SECONDS_PER_INPUT}. Anything else (an unchecked exception, an {@code
 * OutOfMemoryError}, a {@code StackOverflowError}, a hang) is a finding. The targets call the
 * decoders without {@link AudioConverter#convert}'s safety net, on purpose.
 *
 * <p>In a plain {@code mvn verify} each target runs its seeds and every committed regression input
 * ({@code src/test/resources/io/serspark/audio/AudioFuzzTestInputs/<target>/}: the audio fixtures,
 * and each crash found, named after what it found); with {@code JAZZER_FUZZ=1} a target is fuzzed
 * for its {@code maxDuration}. The commands are in docs/faults.md.
 */
class AudioFuzzTest {
  /** Far above what any input of the fuzzer's sizes needs (milliseconds), far below a hang. */
  static final double SECONDS_PER_INPUT = 10;

  @FuzzTest(maxDuration = "8s")
  void sniffer(byte[] data) {
    timed(() -> Container.detect(data));
  }

  @FuzzTest(maxDuration = "8s")
  void wav(byte[] data) {
    timed(() -> WavDecoder.decode(data, DecodeBudget.of(data)));
  }

  @FuzzTest(maxDuration = "8s")
  void aiff(byte[] data) {
    timed(
        () ->
            AiffDecoder.decode(data, data.length > 0 && (data[0] & 1) == 1, DecodeBudget.of(data)));
  }

  @FuzzTest(maxDuration = "8s")
  void flac(byte[] data) {
    timed(() -> FlacDecoder.decode(data, 0, DecodeBudget.of(data)));
  }

  @FuzzTest(maxDuration = "8s")
  void mp3(byte[] data) {
    timed(() -> Mp3Decoder.decode(data, 0, DecodeBudget.of(data)));
  }

  @FuzzTest(maxDuration = "8s")
  void converter(byte[] data) {
    timed(() -> new AudioConverter().convertUnguarded(data));
  }

  interface Decoding {
    Object run() throws AudioRejected;
  }

  private static void timed(Decoding d) {
    long t0 = System.nanoTime();
    try {
      d.run();
    } catch (AudioRejected refused) {
      // the expected end of a bad input
    }
    double s = (System.nanoTime() - t0) / 1e9;
    if (s > SECONDS_PER_INPUT)
      throw new AssertionError("one input took " + s + " s (bound " + SECONDS_PER_INPUT + " s)");
  }
}
