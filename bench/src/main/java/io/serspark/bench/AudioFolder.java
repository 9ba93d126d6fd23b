package io.serspark.bench;

import io.serspark.audio.AudioConverter;
import io.serspark.audio.AudioRejected;
import io.serspark.embed.Pcm16;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The audio the bench programs time, read by the decoders the ingest job uses ({@link
 * AudioConverter}): 16 kHz mono int16, bit-exact for 16 kHz 16-bit files such as EmoDB's, so there
 * is no second WAV reader beside them.
 */
public final class AudioFolder {
  private AudioFolder() {}

  /** The {@code .wav} files of a folder in name order, the first {@code limit} (0: all). */
  public static List<Path> wavs(Path dir, int limit) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> sorted = files.filter(f -> f.toString().endsWith(".wav")).sorted().toList();
      return limit > 0 && sorted.size() > limit ? sorted.subList(0, limit) : sorted;
    }
  }

  /** The samples of each {@code .wav} of a folder (name order, the first {@code limit}; 0: all). */
  public static List<short[]> pcm16(Path dir, int limit) throws IOException {
    AudioConverter converter = new AudioConverter();
    List<short[]> out = new ArrayList<>();
    for (Path p : wavs(dir, limit)) out.add(pcm16(p, converter));
    return out;
  }

  /** The waveforms in [-1, 1) that the encoders take, as {@link #pcm16(Path, int)} reads them. */
  public static List<float[]> waveforms(Path dir, int limit) throws IOException {
    AudioConverter converter = new AudioConverter();
    List<float[]> out = new ArrayList<>();
    for (Path p : wavs(dir, limit)) out.add(waveform(p, converter));
    return out;
  }

  /** One file's waveform in [-1, 1), as the embed job gives it to a model. */
  public static float[] waveform(Path file) throws IOException {
    return waveform(file, new AudioConverter());
  }

  private static float[] waveform(Path file, AudioConverter converter) throws IOException {
    try {
      return Pcm16.toFloat(converter.convert(Files.readAllBytes(file)).pcm16LittleEndian());
    } catch (AudioRejected e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static short[] pcm16(Path file, AudioConverter converter) throws IOException {
    try {
      return converter.convert(Files.readAllBytes(file)).pcm16();
    } catch (AudioRejected e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
