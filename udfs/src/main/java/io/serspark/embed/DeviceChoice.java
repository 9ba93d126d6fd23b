package io.serspark.embed;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.serspark.config.ConfigException;
import java.util.Locale;

/**
 * {@code --device auto|cpu|gpu}: auto takes the first CUDA device when the PyTorch engine reports
 * one.
 */
public enum DeviceChoice {
  AUTO,
  CPU,
  GPU;

  public static DeviceChoice parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "auto":
        return AUTO;
      case "cpu":
        return CPU;
      case "gpu":
      case "cuda":
        return GPU;
      default:
        throw new ConfigException("--device '" + text + "': use auto, cpu or gpu");
    }
  }

  /** The DJL device for this JVM; asks libtorch, so it loads the engine. */
  public Device resolve() {
    if (this == CPU) return Device.cpu(); // no need to load libtorch's CUDA probe at all
    Engine torch = Engine.getEngine("PyTorch");
    return resolve(torch.getGpuCount(), torch.getVersion());
  }

  /**
   * The decision itself, for the number of CUDA devices libtorch reports ({@code
   * Engine.getGpuCount()}: 0 with the CPU libtorch of the default build, or with a CUDA libtorch on
   * a machine without a usable driver). The same rule serves the CPU build and the {@code -Pcuda}
   * build (docs/embeddings.md, "GPU"), so its tests cover both.
   */
  public Device resolve(int gpuCount, String libtorchVersion) {
    if (this == CPU) return Device.cpu();
    if (gpuCount > 0) return Device.gpu(0);
    if (this == GPU) {
      throw new ConfigException(
          "--device gpu: the PyTorch engine (libtorch "
              + libtorchVersion
              + ") reports no CUDA "
              + "device; use --device auto or cpu, or build with -Pcuda and run where a CUDA driver is "
              + "(docs/embeddings.md, GPU)");
    }
    return Device.cpu();
  }

  /** The name recorded in the table's {@code device} column: {@code cpu} or {@code cuda:<n>}. */
  public static String label(Device d) {
    return d.isGpu() ? "cuda:" + d.getDeviceId() : "cpu";
  }
}
