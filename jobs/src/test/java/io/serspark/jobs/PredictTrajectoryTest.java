package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.demo.DemoCorpus;
import io.serspark.demo.DemoRecording;
import io.serspark.demo.Emotion;
import io.serspark.spark.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following emotion over a long recording: a SYNTHETIC recording whose emotion changes at known
 * times ({@link DemoRecording}: one demo-a speaker's takes, not files of the corpus, neutral →
 * angry → sad → happy) is predicted window by window by a model that the real train job fitted on
 * demo-a. The trajectory must change class within one hop of each true change.
 */
class PredictTrajectoryTest {
  private static final double WINDOW_S = 2, HOP_S = 1;
  private static final List<Emotion> ORDER = List.of(Emotion.NEUTRAL, Emotion.ANGRY, Emotion.SAD);

  @TempDir Path tmp;

  @Test
  void trajectoryChangesClassWithinOneHopOfEachTrueChange() throws Exception {
    SparkSession spark = Sessions.local(2);
    spark.sparkContext().setLogLevel("WARN");
    Path corpora = tmp.resolve("corpus"), wh = tmp.resolve("warehouse");
    DemoCorpus.write(corpora, DemoCorpus.DEFAULT_SEED, 4, 4);
    run("ingest", "--corpus", "demo-a=" + corpora.resolve("demo-a"), "--warehouse", wh + "");
    run("features", "--warehouse", wh + "");
    // speaker z-scores: a recording's windows are normalised by the recording's own statistics,
    // as a new speaker would be
    run(
        "train",
        "--warehouse",
        wh + "",
        "--corpus",
        "demo-a",
        "--features",
        "egemaps_v02",
        "--classifier",
        "svm",
        "--grid",
        "regParam=0.1",
        "--labels",
        "4class",
        "--normalise",
        "speaker",
        "--protocol",
        "speaker-kfold:2",
        "--bootstrap",
        "0",
        "--run-id",
        "demo");
    // clearly emotional takes (intensity >= 0.6 of the corpus's 0.25..1), six per segment
    DemoRecording.Recording rec =
        DemoRecording.make(DemoCorpus.DEFAULT_SEED, 0, ORDER, 6, MIN_INTENSITY, 0);
    DemoRecording.write(tmp.resolve("recording"), rec);
    run(
        "predict",
        "--model",
        wh.resolve("runs/train/demo") + "",
        "--warehouse",
        wh + "",
        "--corpus",
        "recording=" + tmp.resolve("recording"),
        "--long-s",
        "10",
        "--window-s",
        WINDOW_S + "",
        "--hop-s",
        HOP_S + "",
        "--bootstrap",
        "0",
        "--run-id",
        "recording");

    Path out = wh.resolve("predictions/recording");
    List<Row> windows =
        spark.read().parquet(out.resolve("windows").toString()).orderBy("window").collectAsList();
    int expected = (int) Math.floor((rec.durationS() - WINDOW_S) / HOP_S) + 1;
    assertEquals(expected, windows.size(), "windows of a " + rec.durationS() + " s recording");
    List<Double> centres = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    StringBuilder trajectory = new StringBuilder();
    for (Row r : windows) {
      double c = (r.<Double>getAs("start_s") + r.<Double>getAs("end_s")) / 2;
      centres.add(c);
      classes.add(r.getAs("predicted"));
      trajectory.append(String.format(java.util.Locale.ROOT, " %.1f:%s", c, r.getAs("predicted")));
    }
    String context = "truth " + rec.segments() + "; window centre:class" + trajectory;
    System.out.println("trajectory test: " + context);
    List<DemoRecording.Segment> seg = rec.segments();
    for (int i = 0; i + 1 < seg.size(); i++) {
      DemoRecording.Segment a = seg.get(i), b = seg.get(i + 1);
      double estimate =
          ChangePoint.estimate(centres, classes, a.emotion(), b.emotion(), mid(a), mid(b));
      assertEquals(
          a.endS(),
          estimate,
          HOP_S,
          "change "
              + a.emotion()
              + " -> "
              + b.emotion()
              + " found at "
              + estimate
              + " s; "
              + context);
    }
    for (DemoRecording.Segment s : seg) {
      Map<String, Integer> votes = new HashMap<>();
      for (int k = 0; k < windows.size(); k++)
        if (centres.get(k) - WINDOW_S / 2 >= s.startS()
            && centres.get(k) + WINDOW_S / 2 <= s.endS())
          votes.merge(String.valueOf(classes.get(k)), 1, Integer::sum);
      String most =
          votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      assertEquals(s.emotion(), most, "the class most windows inside " + s + " get; " + context);
    }
    List<Path> files;
    try (var list = Files.list(out.resolve("trajectories"))) {
      files = list.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
    }
    assertEquals(2, files.size(), "one CSV and one PNG for the one long file: " + files);
    assertTrue(Files.size(files.get(1)) > 0, "trajectory plot " + files.get(1));
    assertEquals(
        expected + 1,
        Files.readAllLines(files.get(0)).size(),
        "trajectory CSV: a header and one line per window");
  }

  private static final double MIN_INTENSITY = 0.6;

  private static double mid(DemoRecording.Segment s) {
    return (s.startS() + s.endS()) / 2;
  }

  private static void run(String... a) {
    assertEquals(0, Main.run(a), String.join(" ", a));
  }
}
