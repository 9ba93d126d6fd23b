package io.serspark.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serspark.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecTest {

  @Test
  void readsTheContractFromTheTorchScriptArchive() {
    ModelSpec s = ModelSpec.read(TinyModels.model(TinyModels.LENGTHS));
    assertEquals(ModelInput.LENGTHS, s.input());
    assertEquals(4, s.hiddenStates());
    assertEquals(32, s.dim());
    assertEquals(345, s.minSamples());
    assertTrue(s.frameLengthsOutput());
    ModelSpec g = ModelSpec.read(TinyModels.model(TinyModels.GROUP_NORM));
    assertEquals(ModelInput.WAVEFORM, g.input());
    assertFalse(g.input().paddingInvariant());
  }

  @Test
  void badModelsFailWithOneLineNamingTheModel(@TempDir Path tmp) throws Exception {
    ConfigException missing =
        assertThrows(ConfigException.class, () -> ModelSpec.read(tmp.resolve("nope.pt")));
    assertTrue(
        missing.getMessage().startsWith("--model " + tmp.resolve("nope.pt")), missing.getMessage());
    Path notZip = Files.writeString(tmp.resolve("x.pt"), "hello");
    assertTrue(
        assertThrows(ConfigException.class, () -> ModelSpec.read(notZip))
            .getMessage()
            .contains("not a TorchScript"));
    String m =
        assertThrows(
                ConfigException.class,
                () ->
                    ModelSpec.parse(
                        "{\"contract\":\"serspark-embed/1\",\"input\":\"lengths\",\"sample_rate_hz\":16000,\"hidden_states\":4,"
                            + "\"dim\":32,\"outputs\":[\"hidden_states\"]}",
                        "m.pt",
                        "0"))
            .getMessage();
    assertTrue(m.contains("frame_lengths"), m);
    m =
        assertThrows(
                ConfigException.class,
                () ->
                    ModelSpec.parse(
                        "{\"contract\":\"serspark-embed/1\",\"input\":\"waveform\",\"sample_rate_hz\":8000,\"hidden_states\":4,"
                            + "\"dim\":32}",
                        "m.pt",
                        "0"))
            .getMessage();
    assertTrue(m.contains("8000 Hz"), m);
  }

  @Test
  void layerSelections() {
    assertArrayEquals(new int[] {0, 1, 2, 3}, LayerSelection.parse("all").resolve(4));
    assertArrayEquals(new int[] {0, 2, 3, 4, 12}, LayerSelection.parse("12, 0,2-4").resolve(13));
    assertThrows(ConfigException.class, () -> LayerSelection.parse("1-"));
    assertThrows(ConfigException.class, () -> LayerSelection.parse("-1"));
    assertThrows(ConfigException.class, () -> LayerSelection.parse("4-2"));
    assertThrows(ConfigException.class, () -> LayerSelection.parse("last"));
    String m =
        assertThrows(ConfigException.class, () -> LayerSelection.parse("0,13").resolve(13))
            .getMessage();
    assertTrue(m.contains("0..12"), m);
  }

  @Test
  void poolingsAndDevices() {
    assertEquals(List.of(Pooling.MEAN, Pooling.STD), Pooling.parseList("mean, STD"));
    assertThrows(ConfigException.class, () -> Pooling.parseList("max"));
    assertThrows(ConfigException.class, () -> Pooling.parseList("mean,mean"));
    assertEquals(DeviceChoice.GPU, DeviceChoice.parse("gpu"));
    assertThrows(ConfigException.class, () -> DeviceChoice.parse("tpu"));
  }

  @Test
  void pcm16IsLittleEndianOver32768() {
    assertArrayEquals(
        new float[] {0f, -1f, 32767 / 32768f, 1 / 32768f},
        Pcm16.toFloat(new byte[] {0, 0, 0, (byte) 0x80, (byte) 0xff, 0x7f, 1, 0}));
  }
}
