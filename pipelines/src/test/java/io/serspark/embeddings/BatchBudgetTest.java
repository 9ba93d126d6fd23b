package io.serspark.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.config.ConfigException;
import io.serspark.embed.BatchPlanner;
import org.junit.jupiter.api.Test;

/**
 * A batch budget is refused up front when its waveforms or its hidden states would not fit in one
 * Java array.
 */
class BatchBudgetTest {
  @Test
  void aLargeModelBoundsTheBudgetByItsOutput() {
    // wav2vec2-large / WavLM-large: 25 hidden states × 1024 dims, 49 frames per second of 16 kHz
    // audio
    long most = Embeddings.mostBatchSamples(25, 1024, 49, 16_000);
    // 25 × 1024 × 49 / 16000 = 78.4 values per input sample; (2^31 − 9) / 78.4 = 27 391 372.9: 28.5
    // minutes of audio
    assertEquals(27_391_372, most);
    assertTrue(most * 25.0 * 1024 * 49 / 16_000 <= Integer.MAX_VALUE - 8);
    assertTrue(
        (most + 16_000) * 25.0 * 1024 * 49 / 16_000 > Integer.MAX_VALUE - 8, "the bound is tight");
    // the default budget (60 s) is far below it
    assertTrue(EmbedOptions.DEFAULT_MAX_BATCH_SAMPLES < most);
  }

  @Test
  void aTinyModelIsBoundedByTheInputArray() {
    assertEquals(BatchPlanner.MAX_ARRAY_LENGTH, Embeddings.mostBatchSamples(4, 32, 49, 16_000));
  }

  @Test
  void theOptionRefusesABudgetNoArrayHolds() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                EmbedOptions.of(
                    "pom.xml", "x", "all", "mean", "cpu", 3_000_000_000L, "auto", 20, 1, null));
    assertTrue(
        e.getMessage().startsWith("--max-batch-samples 3000000000 must be 1 to 2147483639"),
        e.getMessage());
    // a window's samples were (int) Math.round(seconds × 16000): 1e9 s wrapped around to a
    // meaningless length
    ConfigException w =
        assertThrows(
            ConfigException.class,
            () ->
                EmbedOptions.of(
                    "pom.xml", "x", "all", "mean", "cpu", 960_000, "auto", 1e9, 1, null));
    assertTrue(
        w.getMessage()
            .startsWith("--window-s 1.0E9 must be a positive number of seconds, at most 134217"),
        w.getMessage());
  }
}
