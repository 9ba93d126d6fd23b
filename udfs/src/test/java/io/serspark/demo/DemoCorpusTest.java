package io.serspark.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

class DemoCorpusTest {
  @TempDir static Path shared;
  static List<UtteranceTruth> truths;

  /** The default demo size, written once for the read-only tests of this class. */
  @BeforeAll static void writeDefaultDemo() throws IOException {
    truths = DemoCorpus.write(shared, DemoCorpus.DEFAULT_SEED, DemoCorpus.DEFAULT_SPEAKERS_PER_CORPUS,
        DemoCorpus.DEFAULT_UTTERANCES_PER_SPEAKER_PER_EMOTION);
  }

  private static Path file(UtteranceTruth t) { return shared.resolve(t.corpus()).resolve(t.relPath()); }

  @Test void meanF0OfEveryFileMatchesTruthWithinOnePercent() throws IOException {
    double worst = 0;
    String worstPath = "";
    for (UtteranceTruth t : truths) {
      WavSamples wav = WavSamples.read(file(t));
      double measured = YinPitch.meanF0(wav.samples(), wav.sampleRateHz(), t.voicedSegmentsS());
      double err = Math.abs(measured / t.meanF0Hz() - 1);
      System.out.printf("ERR %.4f %s %s%n", measured / t.meanF0Hz() - 1, t.corpus(), t.relPath());
      if (err > worst) {
        worst = err;
        worstPath = t.corpus() + "/" + t.relPath() + " measured " + measured + " truth " + t.meanF0Hz();
      }
    }
    System.out.println("worst F0 error " + worst + " at " + worstPath);
    assertTrue(worst < 0.01, "NCCF mean F0 vs truth.csv mean_f0_hz, worst relative error " + worst + ": " + worstPath);
  }
}
