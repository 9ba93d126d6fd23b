package io.serspark.demo;

import io.serspark.audio.WavWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The synthetic demo corpus: a fresh clone has no emotional speech, so {@code demo} and the tests
 * make their own. Two small "corpora" of {@link SyntheticVoice} speech in the four classes of the
 * {@code 4class} label set, recorded differently ({@link RecordingProfile#DEMO_A}, {@link
 * RecordingProfile#DEMO_B}), each in the generic-manifest layout, with the exact synthesis
 * parameters beside the audio. It is not speech of any person and says so in a README, in every WAV
 * file's comment and in its speaker ids ({@code synA01}).
 */
public final class DemoCorpus {
  public static final long DEFAULT_SEED = 20_240_601L;
  public static final int DEFAULT_SPEAKERS_PER_CORPUS = 4;
  public static final int DEFAULT_UTTERANCES_PER_SPEAKER_PER_EMOTION = 4;
  static final String README_MARKER = "SYNTHETIC";
  static final String MANIFEST_HEADER = "path,label,speaker,gender,split,text_id,arousal,valence";
  static final List<RecordingProfile> PROFILES =
      List.of(RecordingProfile.DEMO_A, RecordingProfile.DEMO_B);

  private DemoCorpus() {}

  /**
   * Writes two synthetic corpora under {@code outDir}: {@code demo-a} (16 kHz, clean, studio level)
   * and {@code demo-b} (44.1 kHz, room noise at 20 dB SNR, 10 dB lower, band-limited microphone),
   * each with {@code <speaker>/<speaker>_<emotion>_<nn>.wav}, {@code manifest.csv}
   * (path,label,speaker,gender,split,text_id, arousal,valence; the generic-manifest columns),
   * {@code truth.csv} (exact synthesis parameters per file) and {@code README.txt}. Speakers
   * alternate female/male; the last half of each corpus's speakers form the official {@code test}
   * split, the rest {@code train}. Deterministic: the same arguments give the same bytes. A corpus
   * folder left by an earlier run is replaced; any other non-empty folder of that name is refused.
   *
   * @return the truth of every file written, corpus a first, in manifest order
   */
  public static List<UtteranceTruth> write(
      Path outDir, long seed, int speakersPerCorpus, int utterancesPerSpeakerPerEmotion)
      throws IOException {
    if (speakersPerCorpus < 2 || speakersPerCorpus > 99) {
      throw new IllegalArgumentException(
          "speakersPerCorpus must be 2..99 (one train and one test speaker at least), got "
              + speakersPerCorpus);
    }
    if (utterancesPerSpeakerPerEmotion < 1 || utterancesPerSpeakerPerEmotion > 99) {
      throw new IllegalArgumentException(
          "utterancesPerSpeakerPerEmotion must be 1..99, got " + utterancesPerSpeakerPerEmotion);
    }
    List<UtteranceTruth> all = new ArrayList<>();
    for (int c = 0; c < PROFILES.size(); c++) {
      all.addAll(
          writeCorpus(
              outDir, PROFILES.get(c), c, seed, speakersPerCorpus, utterancesPerSpeakerPerEmotion));
    }
    return all;
  }

  private static List<UtteranceTruth> writeCorpus(
      Path outDir,
      RecordingProfile profile,
      int corpusIndex,
      long seed,
      int speakers,
      int utterances)
      throws IOException {
    Path root = outDir.resolve(profile.corpus());
    clearPreviousDemo(root);
    Files.createDirectories(root);
    int testSpeakers = speakers / 2;
    List<UtteranceTruth> truths = new ArrayList<>();
    for (int s = 0; s < speakers; s++) {
      Files.createDirectories(root.resolve(speakerId(corpusIndex, s)));
      for (Emotion emotion : Emotion.values()) {
        for (int u = 1; u <= utterances; u++) {
          SynthesisedFile take = synthesise(seed, corpusIndex, speakers, s, emotion, u);
          Files.write(
              root.resolve(take.truth().relPath()),
              WavWriter.pcm16WithComment(
                  take.recorded().pcm(),
                  profile.sampleRateHz(),
                  "SYNTHETIC speech from the serspark demo corpus (io.serspark.demo.DemoCorpus, seed "
                      + take.truth().seed()
                      + "); not a recording of a person"));
          truths.add(take.truth());
        }
      }
    }
    writeManifest(root, truths);
    writeTruth(root, truths);
    writeReadme(root, profile, seed, speakers, utterances, testSpeakers);
    return truths;
  }

  static String speakerId(int corpusIndex, int speakerIndex) {
    return String.format(Locale.ROOT, "syn%c%02d", (char) ('A' + corpusIndex), speakerIndex + 1);
  }

  /**
   * One synthesised file before it is written: the rendering (with its pulses), the recording and
   * its truth.
   */
  record SynthesisedFile(
      UtterancePlan plan,
      SyntheticVoice.Rendering rendering,
      RecordingChain.Recorded recorded,
      UtteranceTruth truth) {}

  /**
   * Synthesises take {@code u} (1-based) of {@code emotion} by speaker {@code speakerIndex} of
   * corpus {@code corpusIndex}; independent of every other take, so tests can regenerate any single
   * file.
   */
  static SynthesisedFile synthesise(
      long seed, int corpusIndex, int speakers, int speakerIndex, Emotion emotion, int u) {
    RecordingProfile profile = PROFILES.get(corpusIndex);
    String id = speakerId(corpusIndex, speakerIndex);
    String gender = speakerIndex % 2 == 0 ? SyntheticSpeaker.FEMALE : SyntheticSpeaker.MALE;
    SyntheticSpeaker speaker =
        SyntheticSpeaker.draw(id, gender, new Random(mix(seed, corpusIndex, speakerIndex, -1, -1)));
    String split = speakerIndex >= speakers - speakers / 2 ? "test" : "train";
    long utteranceSeed = mix(seed, corpusIndex, speakerIndex, emotion.ordinal(), u);
    String relPath = String.format(Locale.ROOT, "%s/%s_%s_%02d.wav", id, id, emotion.label(), u);

    UtterancePlanner.Take take =
        UtterancePlanner.plan(speaker, emotion, u - 1, new Random(utteranceSeed));
    UtterancePlan plan = take.plan();
    SyntheticVoice.Rendering rendering =
        new SyntheticVoice(profile.sampleRateHz()).render(plan, utteranceSeed ^ 0x5DEECE66DL);
    RecordingChain.Recorded rec =
        new RecordingChain(profile)
            .record(
                rendering,
                profile.referenceLevelDbfs() + take.levelOffsetDb(),
                utteranceSeed ^ 0x2545F4914F6CDD1DL);
    PeriodStatistics ps = rendering.periodStatistics();
    StringBuilder segments = new StringBuilder();
    for (double[] span : rendering.voicedSpansS()) {
      if (segments.length() > 0) segments.append(' ');
      segments
          .append(UtteranceTruth.f(span[0], 5))
          .append('-')
          .append(UtteranceTruth.f(span[1], 5));
    }
    UtteranceTruth truth =
        new UtteranceTruth(
            relPath,
            speaker.id(),
            speaker.gender(),
            emotion.label(),
            split,
            profile.sampleRateHz(),
            rec.pcm().length / (double) profile.sampleRateHz(),
            ps.meanF0Hz(),
            ps.jitterLocal(),
            ps.shimmerDb(),
            profile.corpus(),
            take.textId(),
            rec.pcm().length,
            ps.f0SemitoneMean(),
            ps.f0SemitoneStddev(),
            ps.minF0Hz(),
            ps.maxF0Hz(),
            ps.jitterPerturbation(),
            plan.jitterLocal(),
            plan.shimmerDb(),
            plan.breathiness(),
            plan.openQuotient(),
            plan.tiltCornerHz(),
            take.syllablesPerS(),
            ps.voicedS(),
            rec.activeLevelDbfs(),
            profile.snrDb(),
            rec.noiseLevelDbfs(),
            take.intensity(),
            take.arousal(),
            take.valence(),
            speaker.baseF0Hz(),
            speaker.formantScale(),
            segments.toString(),
            utteranceSeed);
    return new SynthesisedFile(plan, rendering, rec, truth);
  }

  /**
   * Replaces an earlier demo corpus (stale files must not survive a re-run); refuses to delete
   * anything else.
   */
  private static void clearPreviousDemo(Path root) throws IOException {
    if (!Files.exists(root)) return;
    if (!Files.isDirectory(root))
      throw new IOException(root + " exists and is not a folder; choose another output folder");
    try (Stream<Path> entries = Files.list(root)) {
      if (entries.findAny().isEmpty()) return;
    }
    Path readme = root.resolve("README.txt");
    if (!Files.isRegularFile(readme)
        || !Files.readString(readme, StandardCharsets.UTF_8).startsWith(README_MARKER)) {
      throw new IOException(
          root
              + " is not empty and is not a serspark synthetic demo corpus; "
              + "choose an empty or new output folder");
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot remove the previous demo file " + p, e);
        }
      }
    }
  }

  private static void writeManifest(Path root, List<UtteranceTruth> truths) throws IOException {
    StringBuilder sb = new StringBuilder(MANIFEST_HEADER).append('\n');
    for (UtteranceTruth t : truths) {
      sb.append(
              String.join(
                  ",",
                  t.relPath(),
                  t.emotion(),
                  t.speaker(),
                  t.gender(),
                  t.split(),
                  t.textId(),
                  UtteranceTruth.f(t.arousal(), 2),
                  UtteranceTruth.f(t.valence(), 2)))
          .append('\n');
    }
    Files.writeString(root.resolve("manifest.csv"), sb.toString(), StandardCharsets.UTF_8);
  }

  private static void writeTruth(Path root, List<UtteranceTruth> truths) throws IOException {
    StringBuilder sb = new StringBuilder(UtteranceTruth.CSV_HEADER).append('\n');
    for (UtteranceTruth t : truths) sb.append(t.csvRow()).append('\n');
    Files.writeString(root.resolve("truth.csv"), sb.toString(), StandardCharsets.UTF_8);
  }

  private static void writeReadme(
      Path root, RecordingProfile p, long seed, int speakers, int utterances, int testSpeakers)
      throws IOException {
    String text =
        README_MARKER
            + " -- this corpus is synthetic speech, not a recording of any person.\n\n"
            + "Generated by serspark's io.serspark.demo.DemoCorpus (seed "
            + seed
            + ") with a source-filter voice\n"
            + "(Rosenberg glottal pulses, jitter, shimmer, aspiration noise, five formant resonators) and emotion-like\n"
            + "prosody for the classes angry, happy, neutral, sad. See docs/demo.md in the serspark repository.\n\n"
            + "corpus:          "
            + p.corpus()
            + "\n"
            + "sample rate:     "
            + p.sampleRateHz()
            + " Hz, mono, 16-bit PCM WAV\n"
            + "neutral level:   "
            + p.referenceLevelDbfs()
            + " dBFS active speech level (RMS over the voiced stretches of truth.csv)\n"
            + "noise:           "
            + p.snrDb()
            + " dB below the active speech level"
            + (p.noiseCornerHz() > 0 ? ", low-passed at " + p.noiseCornerHz() + " Hz" : ", white")
            + "\n"
            + "microphone band: "
            + (p.highpassHz() > 0 ? p.highpassHz() + " Hz" : "DC")
            + " to "
            + (p.lowpassHz() > 0 ? p.lowpassHz() + " Hz" : "Nyquist")
            + "\n"
            + "speakers:        "
            + speakers
            + " (alternating female/male), the last "
            + testSpeakers
            + " in the official test split\n"
            + "utterances:      "
            + utterances
            + " per speaker and emotion\n\n"
            + "layout:   <speaker>/<speaker>_<emotion>_<nn>.wav\n"
            + "manifest: manifest.csv ("
            + MANIFEST_HEADER
            + ")\n"
            + "truth:    truth.csv (the exact synthesis parameters and the F0/jitter/shimmer realised per file)\n";
    Files.writeString(root.resolve("README.txt"), text, StandardCharsets.UTF_8);
  }

  /**
   * SplitMix64-style mixing: an independent, order-free seed for each (corpus, speaker, emotion,
   * take).
   */
  static long mix(long seed, long... parts) {
    long h = seed ^ 0x9E3779B97F4A7C15L;
    for (long p : parts) h = splitmix(h ^ splitmix(p + 0x632BE59BD9B4E019L));
    return h;
  }

  private static long splitmix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** {@code java -cp udfs/target/classes io.serspark.demo.DemoCorpus <outDir> [seed]}. */
  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println(
          "usage: DemoCorpus <outDir> [seed]   (writes <outDir>/demo-a and <outDir>/demo-b)");
      System.exit(2);
    }
    long seed = DEFAULT_SEED;
    if (args.length == 2) {
      try {
        seed = Long.parseLong(args[1]);
      } catch (NumberFormatException e) {
        System.err.println("seed must be an integer, got '" + args[1] + "'");
        System.exit(2);
      }
    }
    try {
      long start = System.nanoTime();
      List<UtteranceTruth> truths =
          write(
              Path.of(args[0]),
              seed,
              DEFAULT_SPEAKERS_PER_CORPUS,
              DEFAULT_UTTERANCES_PER_SPEAKER_PER_EMOTION);
      double audioS = truths.stream().mapToDouble(UtteranceTruth::durationS).sum();
      System.out.printf(
          Locale.ROOT,
          "wrote %d SYNTHETIC files (%.1f s of audio) to %s/{demo-a,demo-b} in %.2f s%n",
          truths.size(),
          audioS,
          Path.of(args[0]).toAbsolutePath(),
          (System.nanoTime() - start) / 1e9);
    } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
      System.err.println("demo corpus not written: " + e.getMessage());
      System.exit(1);
    }
  }
}
