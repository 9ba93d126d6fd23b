package io.serspark.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default demo corpus as written to disk: files, layout, ground truth, recording differences,
 * learnability.
 */
class DemoCorpusTest {
  @TempDir static Path shared;
  static List<UtteranceTruth> truths;

  /** Per file: {measured active level dBFS, measured noise level dBFS, YIN mean F0 Hz}. */
  static final Map<UtteranceTruth, double[]> measured = new HashMap<>();

  /**
   * The default demo size, written once and measured once for the read-only tests of this class.
   */
  @BeforeAll
  static void writeAndMeasureDefaultDemo() throws IOException {
    truths =
        DemoCorpus.write(
            shared,
            DemoCorpus.DEFAULT_SEED,
            DemoCorpus.DEFAULT_SPEAKERS_PER_CORPUS,
            DemoCorpus.DEFAULT_UTTERANCES_PER_SPEAKER_PER_EMOTION);
    for (UtteranceTruth t : truths) {
      WavSamples wav = WavSamples.read(file(t));
      double[] x = wav.samples();
      int fs = wav.sampleRateHz();
      double sum = 0;
      int n = 0;
      for (double[] seg : t.voicedSegmentsS()) {
        for (int i = (int) Math.ceil(seg[0] * fs); i < seg[1] * fs; i++) {
          sum += x[i] * x[i];
          n++;
        }
      }
      double noise = 0;
      int lead = (int) (0.15 * fs);
      for (int i = 0; i < lead; i++) noise += x[i] * x[i];
      measured.put(
          t,
          new double[] {
            10 * Math.log10(sum / n),
            10 * Math.log10(noise / lead),
            YinPitch.meanF0(x, fs, t.voicedSegmentsS())
          });
    }
  }

  private static Path file(UtteranceTruth t) {
    return shared.resolve(t.corpus()).resolve(t.relPath());
  }

  private static List<UtteranceTruth> of(String corpus) {
    return truths.stream().filter(t -> t.corpus().equals(corpus)).toList();
  }

  @Test
  void defaultDemoHasTwoCorporaOfSixtyFourFiles() {
    assertEquals(64, of("demo-a").size());
    assertEquals(64, of("demo-b").size());
    double meanS = truths.stream().mapToDouble(UtteranceTruth::durationS).average().orElseThrow();
    assertTrue(meanS > 1.2 && meanS < 2.0, "mean duration " + meanS + " s, wanted about 1.5 s");
  }

  /** Independent check of the audio: YIN on every WAV against truth.csv's mean_f0_hz. */
  @Test
  void yinMeanF0OfEveryFileMatchesTruth() {
    for (String corpus : List.of("demo-a", "demo-b")) {
      double worst = 0;
      String where = "";
      for (UtteranceTruth t : of(corpus)) {
        double err = Math.abs(measured.get(t)[2] / t.meanF0Hz() - 1);
        if (err > worst) {
          worst = err;
          where =
              t.relPath() + ": YIN " + measured.get(t)[2] + " Hz, truth " + t.meanF0Hz() + " Hz";
        }
      }
      System.out.printf("%s: worst |YIN mean F0 / truth - 1| = %.4f (%s)%n", corpus, worst, where);
      // demo-b is noisy (20 dB SNR) and band-limited; the estimator, not the truth, limits
      // agreement there.
      double tolerance = corpus.equals("demo-a") ? 0.01 : 0.015;
      assertTrue(
          worst < tolerance,
          corpus + ": YIN mean F0 vs truth.csv, worst relative error " + worst + " at " + where);
    }
  }

  /**
   * The truth rows are the exact pulse statistics of the audio that was written (regenerated take
   * by take).
   */
  @Test
  void truthIsThePulseStatisticsOfTheWrittenAudio() throws IOException {
    for (int c = 0; c < 2; c++) {
      for (int s : new int[] {0, 3}) {
        for (Emotion e : Emotion.values()) {
          DemoCorpus.SynthesisedFile take =
              DemoCorpus.synthesise(DemoCorpus.DEFAULT_SEED, c, 4, s, e, 2);
          UtteranceTruth t = take.truth();
          assertTrue(truths.contains(t), "regenerated truth row is in truth.csv: " + t.relPath());
          PeriodStatistics ps = take.rendering().periodStatistics();
          double[] periods = take.rendering().periodsS();
          assertEquals(
              periods.length / Arrays.stream(periods).sum(),
              t.meanF0Hz(),
              1e-9,
              "mean F0 " + t.relPath());
          assertEquals(ps.jitterLocal(), t.jitterLocal(), 1e-12);
          WavSamples wav = WavSamples.read(file(t));
          double[] fromPcm = new double[take.recorded().pcm().length];
          for (int i = 0; i < fromPcm.length; i++) fromPcm[i] = take.recorded().pcm()[i] / 32768.0;
          assertArrayEquals(
              fromPcm, wav.samples(), "WAV samples are the regenerated take " + t.relPath());
        }
      }
    }
  }

  /**
   * Every file realises the jitter and shimmer it asked for: per file within 30 % (one to two
   * hundred periods), on average within 5 %. The contour's slope adds to the realised local jitter,
   * never takes from it on average.
   */
  @Test
  void requestedJitterAndShimmerAreRealisedInEveryFile() {
    double jitterRatios = 0;
    double shimmerRatios = 0;
    double localRatios = 0;
    for (UtteranceTruth t : truths) {
      double j = t.jitterPerturbation() / t.jitterRequested();
      double s = t.shimmerDb() / t.shimmerRequestedDb();
      assertTrue(j > 0.7 && j < 1.3, t.relPath() + ": realised / requested jitter " + j);
      assertTrue(s > 0.7 && s < 1.3, t.relPath() + ": realised / requested shimmer " + s);
      jitterRatios += j;
      shimmerRatios += s;
      localRatios += t.jitterLocal() / t.jitterRequested();
    }
    assertEquals(1.0, jitterRatios / truths.size(), 0.05, "mean realised / requested jitter");
    assertEquals(1.0, shimmerRatios / truths.size(), 0.05, "mean realised / requested shimmer");
    assertTrue(localRatios / truths.size() > 1.0, "local jitter includes the contour's slope");
  }

  @Test
  void truthCsvRoundTripsTheReturnedTruth() throws IOException {
    for (String corpus : List.of("demo-a", "demo-b")) {
      List<String> lines = Files.readAllLines(shared.resolve(corpus).resolve("truth.csv"));
      assertEquals(UtteranceTruth.CSV_HEADER, lines.get(0));
      List<UtteranceTruth> rows = of(corpus);
      assertEquals(rows.size() + 1, lines.size());
      int meanF0 = Arrays.asList(UtteranceTruth.CSV_HEADER.split(",")).indexOf("mean_f0_hz");
      int jitter = Arrays.asList(UtteranceTruth.CSV_HEADER.split(",")).indexOf("jitter_local");
      for (int i = 0; i < rows.size(); i++) {
        String[] f = lines.get(i + 1).split(",");
        assertEquals(rows.get(i).relPath(), f[0]);
        assertEquals(rows.get(i).meanF0Hz(), Double.parseDouble(f[meanF0]), 1e-6);
        assertEquals(rows.get(i).jitterLocal(), Double.parseDouble(f[jitter]), 1e-8);
      }
    }
  }

  @Test
  void wavHeadersAreRightAndSaySynthetic() throws Exception {
    for (UtteranceTruth t : truths) {
      WavSamples wav = WavSamples.read(file(t));
      assertEquals(t.sampleRateHz(), wav.sampleRateHz(), t.relPath());
      assertEquals(1, wav.channels(), t.relPath());
      assertEquals(16, wav.bits(), t.relPath());
      assertEquals(2 * t.sampleRateHz(), wav.byteRate(), t.relPath());
      assertEquals(2, wav.blockAlign(), t.relPath());
      assertEquals(t.numSamples(), wav.samples().length, t.relPath());
      assertNotNull(wav.comment(), "LIST/INFO/ICMT comment in " + t.relPath());
      assertTrue(wav.comment().startsWith("SYNTHETIC"), wav.comment());
    }
    for (String corpus : List.of("demo-a", "demo-b")) {
      // The JDK's own reader agrees (it stops at the data chunk, so the trailing LIST chunk must
      // not confuse it).
      UtteranceTruth t = of(corpus).get(0);
      AudioFileFormat aff = AudioSystem.getAudioFileFormat(file(t).toFile());
      AudioFormat f = aff.getFormat();
      assertEquals(AudioFileFormat.Type.WAVE, aff.getType());
      assertEquals(AudioFormat.Encoding.PCM_SIGNED, f.getEncoding());
      assertEquals(t.sampleRateHz(), f.getSampleRate(), 0.0);
      assertEquals(1, f.getChannels());
      assertEquals(16, f.getSampleSizeInBits());
      assertFalse(f.isBigEndian());
      assertEquals(t.numSamples(), aff.getFrameLength());
    }
  }

  @Test
  void manifestHasTheGenericLayoutAndSpeakerIndependentSplits() throws IOException {
    for (String corpus : List.of("demo-a", "demo-b")) {
      Path root = shared.resolve(corpus);
      assertTrue(
          Files.readString(root.resolve("README.txt")).startsWith("SYNTHETIC"), corpus + " README");
      List<String> lines = Files.readAllLines(root.resolve("manifest.csv"), StandardCharsets.UTF_8);
      assertEquals("path,label,speaker,gender,split,text_id,arousal,valence", lines.get(0));
      assertEquals(65, lines.size());
      Map<String, Set<String>> splitsOfSpeaker = new HashMap<>();
      Map<String, Set<String>> gendersOfSplit = new HashMap<>();
      Set<String> labels = new HashSet<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",", -1);
        assertEquals(8, f.length, line);
        assertTrue(f[5].matches("t0[1-4]"), "text_id " + f[5]);
        assertTrue(Files.isRegularFile(root.resolve(f[0])), "file of manifest row " + line);
        assertTrue(
            f[0].matches(f[2] + "/" + f[2] + "_" + f[1] + "_\\d\\d\\.wav"), "layout of " + f[0]);
        assertTrue(f[2].startsWith("syn"), "speaker id says synthetic: " + f[2]);
        labels.add(f[1]);
        splitsOfSpeaker.computeIfAbsent(f[2], k -> new HashSet<>()).add(f[4]);
        gendersOfSplit.computeIfAbsent(f[4], k -> new HashSet<>()).add(f[3]);
        double arousal = Double.parseDouble(f[6]);
        double valence = Double.parseDouble(f[7]);
        assertTrue(Math.abs(arousal) <= 1 && Math.abs(valence) <= 1, line);
      }
      assertEquals(Set.of("angry", "happy", "neutral", "sad"), labels);
      assertEquals(4, splitsOfSpeaker.size());
      splitsOfSpeaker.forEach(
          (sp, splits) -> assertEquals(1, splits.size(), sp + " is in " + splits));
      assertEquals(Set.of("train", "test"), gendersOfSplit.keySet());
      gendersOfSplit.forEach(
          (split, g) -> assertEquals(Set.of("female", "male"), g, split + " genders"));
      try (Stream<Path> wavs = Files.walk(root)) {
        assertEquals(
            64, wavs.filter(p -> p.toString().endsWith(".wav")).count(), "no stray WAV files");
      }
    }
  }

  @Test
  void corpusBIsRecordedDifferently() {
    for (UtteranceTruth t : truths) {
      double[] m = measured.get(t);
      assertEquals(
          t.activeLevelDbfs(), m[0], 0.1, "active level of " + t.corpus() + "/" + t.relPath());
      assertEquals(
          t.snrDb(),
          m[0] - m[1],
          1.5,
          "SNR (active level - lead-in noise level) of " + t.relPath());
    }
    assertTrue(
        of("demo-a").stream().allMatch(t -> t.sampleRateHz() == 16_000 && t.snrDb() == 50.0));
    assertTrue(
        of("demo-b").stream().allMatch(t -> t.sampleRateHz() == 44_100 && t.snrDb() == 20.0));
    double levelA = median(of("demo-a").stream().mapToDouble(t -> measured.get(t)[0]).toArray());
    double levelB = median(of("demo-b").stream().mapToDouble(t -> measured.get(t)[0]).toArray());
    System.out.printf("median active level: demo-a %.1f dBFS, demo-b %.1f dBFS%n", levelA, levelB);
    assertEquals(10.0, levelA - levelB, 3.0, "demo-b is recorded about 10 dB lower");
  }

  @Test
  void levelAndF0SeparateAngryFromSadOnAverage() {
    for (String corpus : List.of("demo-a", "demo-b")) {
      double levelGap = mean(corpus, "angry", 0) - mean(corpus, "sad", 0);
      double f0GapSt = semitones(corpus, "angry") - semitones(corpus, "sad");
      System.out.printf("%s: angry - sad = %.1f dB, %.1f semitones%n", corpus, levelGap, f0GapSt);
      assertTrue(levelGap > 5.0, corpus + ": angry louder than sad by " + levelGap + " dB");
      assertTrue(f0GapSt > 3.0, corpus + ": angry higher than sad by " + f0GapSt + " semitones");
    }
  }

  /**
   * Learnable but not trivial: a leave-one-speaker-out nearest-centroid classifier on two
   * speaker-normalised features (active level, mean F0 in semitones) lands well above chance (25 %)
   * and clearly below 100 %.
   */
  @Test
  void fourClassTaskIsLearnableButNotTrivial() {
    List<UtteranceTruth> rows = new ArrayList<>(truths);
    Map<String, double[][]> bySpeaker = new HashMap<>();
    Map<UtteranceTruth, double[]> z = new HashMap<>();
    for (String speaker : rows.stream().map(UtteranceTruth::speaker).collect(Collectors.toSet())) {
      List<UtteranceTruth> own = rows.stream().filter(t -> t.speaker().equals(speaker)).toList();
      for (int k = 0; k < 2; k++) {
        final int feature = k;
        double[] v = own.stream().mapToDouble(t -> feature(t, feature)).toArray();
        double mu = Arrays.stream(v).average().orElseThrow();
        double sd =
            Math.sqrt(Arrays.stream(v).map(x -> (x - mu) * (x - mu)).average().orElseThrow());
        for (UtteranceTruth t : own)
          z.computeIfAbsent(t, x -> new double[2])[feature] = (feature(t, feature) - mu) / sd;
      }
    }
    int correct = 0;
    for (UtteranceTruth test : rows) {
      Map<String, double[]> centroid = new HashMap<>();
      Map<String, Integer> count = new HashMap<>();
      for (UtteranceTruth t : rows) {
        if (t.speaker().equals(test.speaker())) continue;
        double[] c = centroid.computeIfAbsent(t.emotion(), k -> new double[2]);
        c[0] += z.get(t)[0];
        c[1] += z.get(t)[1];
        count.merge(t.emotion(), 1, Integer::sum);
      }
      String best = null;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (var e : centroid.entrySet()) {
        double dx = z.get(test)[0] - e.getValue()[0] / count.get(e.getKey());
        double dy = z.get(test)[1] - e.getValue()[1] / count.get(e.getKey());
        if (dx * dx + dy * dy < bestDistance) {
          bestDistance = dx * dx + dy * dy;
          best = e.getKey();
        }
      }
      if (test.emotion().equals(best)) correct++;
    }
    double accuracy = correct / (double) rows.size();
    System.out.printf("LOSO nearest-centroid (level, F0) accuracy: %.3f%n", accuracy);
    assertTrue(accuracy > 0.45, "well above chance (0.25): " + accuracy);
    assertTrue(accuracy < 0.95, "not trivially separable: " + accuracy);
  }

  private static double feature(UtteranceTruth t, int k) {
    return k == 0 ? measured.get(t)[0] : PeriodStatistics.semitones(measured.get(t)[2]);
  }

  private static double mean(String corpus, String emotion, int k) {
    return of(corpus).stream()
        .filter(t -> t.emotion().equals(emotion))
        .mapToDouble(t -> measured.get(t)[k])
        .average()
        .orElseThrow();
  }

  private static double semitones(String corpus, String emotion) {
    return of(corpus).stream()
        .filter(t -> t.emotion().equals(emotion))
        .mapToDouble(t -> PeriodStatistics.semitones(measured.get(t)[2]))
        .average()
        .orElseThrow();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
