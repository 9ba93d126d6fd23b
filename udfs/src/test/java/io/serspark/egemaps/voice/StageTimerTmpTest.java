package io.serspark.egemaps.voice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StageTimerTmpTest {
  @Test
  void time() throws Exception {
    List<float[]> audio = new ArrayList<>();
    long samples = 0;
    try (Stream<Path> s = Files.list(AnchorFiles.shared().resolve("corpora/emodb/wav"))) {
      for (Path p : s.sorted().limit(150).toList()) {
        float[] x = AnchorFiles.readWav(p);
        audio.add(x);
        samples += x.length;
      }
    }
    double sec = samples / 16000.0;
    OctaveScaleSpectrum oct = new OctaveScaleSpectrum(513, 15.625, 25);
    ShsPitchCandidates shs = new ShsPitchCandidates(oct, 513, 15, 0.85f, 55, 1000);
    LpcFormants lpc = new LpcFormants(16000, 320);
    HarmonicFeatures h = new HarmonicFeatures(513, 15.625);
    org.jtransforms.fft.DoubleFFT_1D fft = new org.jtransforms.fft.DoubleFFT_1D(1024);
    double[] buf = new double[1024];
    float[] mag = new float[513];
    float[] os = new float[513];
    float[] ff = new float[5];
    for (int rep = 0; rep < 3; rep++) {
      long tFft = 0, tOct = 0, tShs = 0, tLpc = 0, tH = 0;
      for (float[] x : audio) {
        int n = VoiceStream.frameCount(x.length);
        for (int t = 0; t < n; t++) {
          long a = System.nanoTime();
          for (int i = 0; i < 960; i++) buf[32 + i] = x[t * 160 + i];
          fft.realForward(buf);
          for (int k = 1; k < 512; k++) mag[k] = (float) Math.hypot(buf[2 * k], buf[2 * k + 1]);
          long b = System.nanoTime();
          oct.apply(mag, os);
          long c = System.nanoTime();
          shs.detect(os);
          long d = System.nanoTime();
          lpc.compute(x, t * 160);
          long e = System.nanoTime();
          h.compute(shs.f0[0], mag, ff, 5);
          long f = System.nanoTime();
          tFft += b - a; tOct += c - b; tShs += d - c; tLpc += e - d; tH += f - e;
        }
      }
      System.out.printf("ms/audio s: fft %.2f oct %.2f shs %.2f lpc %.2f harm %.2f%n", tFft / 1e6 / sec,
          tOct / 1e6 / sec, tShs / 1e6 / sec, tLpc / 1e6 / sec, tH / 1e6 / sec);
    }
    VoiceStream vs = new VoiceStream();
    for (int rep = 0; rep < 2; rep++) {
      long a = System.nanoTime();
      for (float[] x : audio) vs.compute(x);
      System.out.printf("total %.2f ms/audio s%n", (System.nanoTime() - a) / 1e6 / sec);
    }
  }
}
