package io.serspark.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.serspark.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * --device: auto takes CUDA device 0 whenever libtorch reports one (the -Pcuda build on a GPU
 * machine), else the CPU; gpu without one is a configuration error naming the fix; cpu never asks.
 * Decided on the reported device count, so the rule is checked here without a GPU, and the
 * machine's own answer is checked below.
 */
class DeviceChoiceTest {

  @Test
  void autoTakesTheFirstCudaDeviceWhenLibtorchReportsOne() {
    assertEquals(Device.gpu(0), DeviceChoice.AUTO.resolve(1, "2.5.1"));
    assertEquals(Device.gpu(0), DeviceChoice.AUTO.resolve(4, "2.5.1"));
    assertEquals("cuda:0", DeviceChoice.label(DeviceChoice.AUTO.resolve(2, "2.5.1")));
  }

  @Test
  void autoFallsBackToTheCpuWithoutCuda() {
    assertEquals(Device.cpu(), DeviceChoice.AUTO.resolve(0, "2.7.1"));
    assertEquals("cpu", DeviceChoice.label(DeviceChoice.AUTO.resolve(0, "2.7.1")));
  }

  @Test
  void cpuIsCpuEvenWithGpus() {
    assertEquals(Device.cpu(), DeviceChoice.CPU.resolve(8, "2.5.1"));
  }

  @Test
  void gpuWithoutCudaIsAConfigurationErrorThatNamesTheFix() {
    assertEquals(Device.gpu(0), DeviceChoice.GPU.resolve(1, "2.5.1"));
    ConfigException e =
        assertThrows(ConfigException.class, () -> DeviceChoice.GPU.resolve(0, "2.7.1"));
    assertTrue(
        e.getMessage().contains("--device gpu")
            && e.getMessage().contains("-Pcuda")
            && e.getMessage().contains("2.7.1"),
        e.getMessage());
  }

  @Test
  void thisMachinesLibtorchAnswersConsistently() {
    // whatever the build (CPU libtorch: no GPU; -Pcuda on a GPU machine: cuda:0), auto agrees with
    // the engine
    int gpus = ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount();
    assertEquals(gpus > 0 ? "cuda:0" : "cpu", DeviceChoice.label(DeviceChoice.AUTO.resolve()));
  }
}
