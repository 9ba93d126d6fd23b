package io.serspark.embed.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/**
 * The FLOP count behind UpstreamBenchmark's GFLOP/s, checked by hand on wav2vec2-base (torchaudio's
 * config).
 */
class UpstreamFlopsTest {
  static final String BASE =
      "{\"conv_layers\": [[512, 10, 5], [512, 3, 2], [512, 3, 2], [512, 3, 2], [512, 3, 2], "
          + "[512, 2, 2], [512, 2, 2]], \"embed_dim\": 768, \"ffn_dim\": 3072, \"heads\": 12, \"layers\": 12, "
          + "\"pos_conv_groups\": 16, \"pos_conv_kernel\": 128}";

  @Test
  void convStackOfOneSecondCountedByHand() {
    UpstreamFlops f = UpstreamFlops.parse(JsonParser.parseString(BASE).getAsJsonObject());
    // frames per layer for 16000 samples: 3199, 1599, 799, 399, 199, 99, 49
    double byHand =
        2.0 * 1 * 512 * 10 * 3199
            + 2.0 * 512 * 512 * 3 * (1599 + 799 + 399 + 199)
            + 2.0 * 512 * 512 * 2 * (99 + 49);
    assertEquals(byHand, f.convStack(16_000), 0.0);
    assertEquals(4.900e9, f.convStack(16_000), 1e6);
    assertEquals(49, f.frames(16_000));
  }

  @Test
  void wav2vec2BaseIsAbout14GflopPerAudioSecond() {
    UpstreamFlops f = UpstreamFlops.parse(JsonParser.parseString(BASE).getAsJsonObject());
    double d = 768;
    double frames = 49;
    double layer = 8 * d * d * frames + 4 * frames * frames * d + 4 * d * 3072 * frames;
    double expected = 2.0 * 512 * d * frames + 2.0 * 48 * d * 128 * frames + 12 * layer;
    assertEquals(expected, f.transformer(16_000), 1.0);
    double perSecond = f.forward(16_000) / 1e9;
    assertTrue(
        perSecond > 13.3 && perSecond < 14.2, "wav2vec2-base GFLOP per audio-second: " + perSecond);
    // attention grows with frames squared: 20 s costs more than 20 x 1 s
    assertTrue(f.forward(320_000) > 20 * f.forward(16_000));
  }
}
