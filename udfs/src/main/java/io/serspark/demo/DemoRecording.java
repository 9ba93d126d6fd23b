package io.serspark.demo;

import io.serspark.audio.WavWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A long SYNTHETIC recording whose emotion changes at known times, for following emotion over time
 * ({@code predict}'s windows): one demo-a speaker's takes spoken back to back, a segment of {@code
 * takesPerSegment} takes per emotion. The takes are rendered exactly as the corpus's own files
 * ({@link DemoCorpus#synthesise}, same speaker, same recording chain) but numbered from {@link
 * #FIRST_TAKE}, so none of them is a file of the corpus a model was trained on.
 */
public final class DemoRecording {
  /** Take numbers of the recording start here, far above a corpus's takes per emotion (≤ 99). */
  static final int FIRST_TAKE = 101;

  private static final int CORPUS_A = 0;

  /** One stretch of a single emotion, in seconds from the start of the recording. */
  public record Segment(String emotion, double startS, double endS) {}

  /** The samples (16 kHz int16, demo-a's profile), the speaker and the true segments. */
  public record Recording(short[] pcm, int sampleRateHz, String speaker, List<Segment> segments) {
    public double durationS() {
      return pcm.length / (double) sampleRateHz;
    }
  }

  private DemoRecording() {}

  /**
   * Segments of {@code emotions} in turn (the list repeated) until the recording lasts at least
   * {@code minDurationS}, each made of {@code takesPerSegment} takes of speaker {@code
   * speakerIndex} of demo-a. Takes milder than {@code minIntensity} (the corpus draws each take's
   * intensity in [0.25, 1]) are skipped, so a segment can be made of clearly emotional takes;
   * neutral takes always pass.
   */
  public static Recording make(
      long seed,
      int speakerIndex,
      List<Emotion> emotions,
      int takesPerSegment,
      double minIntensity,
      double minDurationS) {
    if (emotions.isEmpty() || takesPerSegment < 1)
      throw new IllegalArgumentException("need at least one emotion and one take per segment");
    if (minIntensity > 0.9)
      throw new IllegalArgumentException(
          "minIntensity " + minIntensity + ": above 0.9 too few takes qualify");
    int speakers = DemoCorpus.DEFAULT_SPEAKERS_PER_CORPUS;
    int[] nextTake = new int[Emotion.values().length];
    java.util.Arrays.fill(nextTake, FIRST_TAKE);
    List<short[]> takes = new ArrayList<>();
    List<Segment> segments = new ArrayList<>();
    long samples = 0;
    int rate = DemoCorpus.PROFILES.get(CORPUS_A).sampleRateHz();
    String speaker = DemoCorpus.speakerId(CORPUS_A, speakerIndex);
    for (int s = 0; samples < minDurationS * rate || s < emotions.size(); s++) {
      Emotion e = emotions.get(s % emotions.size());
      long start = samples;
      for (int k = 0; k < takesPerSegment; ) {
        DemoCorpus.SynthesisedFile take =
            DemoCorpus.synthesise(
                seed, CORPUS_A, speakers, speakerIndex, e, nextTake[e.ordinal()]++);
        if (e != Emotion.NEUTRAL && take.truth().intensity() < minIntensity) continue;
        takes.add(take.recorded().pcm());
        samples += take.recorded().pcm().length;
        k++;
      }
      segments.add(new Segment(e.label(), start / (double) rate, samples / (double) rate));
    }
    if (samples > Integer.MAX_VALUE) throw new IllegalArgumentException("recording too long");
    short[] pcm = new short[(int) samples];
    int at = 0;
    for (short[] t : takes) {
      System.arraycopy(t, 0, pcm, at, t.length);
      at += t.length;
    }
    return new Recording(pcm, rate, speaker, List.copyOf(segments));
  }

  /**
   * Writes {@code folder/<speaker>_recording.wav}, a {@code manifest.csv} that ingest reads (label
   * {@code mixed}: no single emotion), {@code segments.csv} (the truth) and a SYNTHETIC README.
   *
   * @return the WAV file
   */
  public static Path write(Path folder, Recording r) {
    try {
      Files.createDirectories(folder);
      String name = r.speaker() + "_recording.wav";
      Path wav = folder.resolve(name);
      Files.write(
          wav,
          WavWriter.pcm16WithComment(
              r.pcm(),
              r.sampleRateHz(),
              "SYNTHETIC speech from the serspark demo (io.serspark.demo.DemoRecording); not a"
                  + " recording of a person"));
      Files.writeString(
          folder.resolve("manifest.csv"),
          "path,label,speaker\n" + name + ",mixed," + r.speaker() + "\n",
          StandardCharsets.UTF_8);
      StringBuilder csv = new StringBuilder("emotion,start_s,end_s\n");
      for (Segment s : r.segments())
        csv.append(String.format(Locale.ROOT, "%s,%.4f,%.4f%n", s.emotion(), s.startS(), s.endS()));
      Files.writeString(folder.resolve("segments.csv"), csv, StandardCharsets.UTF_8);
      Files.writeString(
          folder.resolve("README.txt"),
          DemoCorpus.README_MARKER
              + " speech: one demo-a speaker's takes back to back, the emotion changing at the times"
              + " in segments.csv. Not a recording of a person.\n",
          StandardCharsets.UTF_8);
      return wav;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code DemoRecording <folder> <minutes> [seed]}: neutral, angry, sad, happy segments of four
   * takes, the emotional ones of intensity 0.6 or more.
   */
  public static void main(String[] args) {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: DemoRecording <folder> <minutes> [seed]");
      System.exit(2);
    }
    long seed = args.length == 3 ? Long.parseLong(args[2]) : DemoCorpus.DEFAULT_SEED;
    Recording r =
        make(
            seed,
            0,
            List.of(Emotion.NEUTRAL, Emotion.ANGRY, Emotion.SAD, Emotion.HAPPY),
            4,
            0.6,
            Double.parseDouble(args[1]) * 60);
    Path wav = write(Path.of(args[0]), r);
    System.out.printf(
        Locale.ROOT,
        "wrote %s: %.1f s, %d segments (SYNTHETIC)%n",
        wav,
        r.durationS(),
        r.segments().size());
  }
}
