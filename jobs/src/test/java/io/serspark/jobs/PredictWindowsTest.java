package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.audio.WavWriter;
import io.serspark.demo.DemoCorpus;
import io.serspark.egemaps.bench.Pcm16Wav;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Emotion over a long recording: a model trained on the synthetic demo corpus follows a synthetic recording whose
 * emotion changes at known times (takes of one demo speaker, neutral → angry → sad → happy, back to back); the
 * per-window trajectory must change class within one hop of each true change.
 */
class PredictWindowsTest {
  private static final List<String> ORDER = List.of("neutral", "angry", "sad", "happy");

  @Test
  void theTrajectoryChangesClassWithinOneHopOfTheTruth() throws Exception {
    Path tmp = Files.createTempDirectory("serspark-windows");
    Path corpora = tmp.resolve("corpora"), wh = tmp.resolve("wh");
    DemoCorpus.write(corpora, DemoCorpus.DEFAULT_SEED, 4, 3);
    assertEquals(0, Main.run("ingest", "--corpus", "demo-a=" + corpora.resolve("demo-a"), "--warehouse", wh.toString(),
        "--files-per-corpus", "1"));
    assertEquals(0, Main.run("features", "--warehouse", wh.toString()));
    assertEquals(0, Main.run("train", "--warehouse", wh.toString(), "--corpus", "demo-a", "--features", "egemaps_v02",
        "--classifier", "svm", "--grid", "regParam=0.1", "--labels", "4class", "--protocol", "speaker-kfold:2",
        "--bootstrap", "0", "--run-id", "demo"));

    // the recording: the three takes of each emotion by speaker synA01, one emotion after the other
    List<short[]> parts = new ArrayList<>();
    List<Double> changes = new ArrayList<>();
    long samples = 0;
    for (String emotion : ORDER) {
      if (samples > 0) changes.add(samples / 16_000.0);
      for (int take = 1; take <= 3; take++) {
        short[] pcm = Pcm16Wav.read(corpora.resolve(String.format("demo-a/synA01/synA01_%s_%02d.wav", emotion, take)));
        parts.add(pcm);
        samples += pcm.length;
      }
    }
    short[] all = new short[(int) samples];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    Path rec = tmp.resolve("recordings");
    Files.createDirectories(rec);
    Files.write(rec.resolve("session.wav"), WavWriter.mono16k(all));
    // a generic manifest needs a label per file; this test reads only the windows, not the whole file's prediction
    Files.writeString(rec.resolve("manifest.csv"), "path,label,speaker\nsession.wav,neutral,interviewee\n");

    assertEquals(0, Main.run("predict", "--model", wh.resolve("runs/train/demo").toString(), "--warehouse", wh.toString(),
        "--corpus", "recordings=" + rec, "--long-s", "10", "--window-s", "4", "--hop-s", "1", "--bootstrap", "0", "--run-id", "session"));
    Path csv = wh.resolve("predictions/session/trajectories/recordings__session.csv");
    assertTrue(Files.size(wh.resolve("predictions/session/trajectories/recordings__session.png")) > 1000, "a PNG was drawn");
    List<String> lines = Files.readAllLines(csv);
    List<double[]> centres = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      centres.add(new double[] {(Double.parseDouble(f[0]) + Double.parseDouble(f[1])) / 2});
      classes.add(f[3]);
    }
    assertEquals((samples - 4 * 16_000) / 16_000 + 1, lines.size() - 1, "one window per hop while a window fits");
    System.out.println("true changes at " + changes + " s; trajectory " + classes);
    // the time of each change in the trajectory: the centre of the first window of the next emotion after the change
    for (int c = 0; c < changes.size(); c++) {
      String next = ORDER.get(c + 1);
      double truth = changes.get(c);
      double found = Double.NaN;
      for (int i = 0; i < classes.size(); i++) {
        if (classes.get(i).equals(next) && centres.get(i)[0] > truth - 2) {
          found = centres.get(i)[0];
          break;
        }
      }
      assertTrue(Math.abs(found - truth) <= 1.0, "change to " + next + " at " + truth + " s; the trajectory changes at " + found + " s");
    }
  }
}
