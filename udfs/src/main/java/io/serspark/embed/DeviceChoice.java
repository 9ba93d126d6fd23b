package io.serspark.embed;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.serspark.config.ConfigException;
import java.util.Locale;

/** {@code --device auto|cpu|gpu}: auto takes the first CUDA device when the PyTorch engine reports one. */
public enum DeviceChoice {
  AUTO, CPU, GPU;

  public static DeviceChoice parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "auto": return AUTO;
      case "cpu": return CPU;
      case "gpu": case "cuda": return GPU;
      default:
        throw new ConfigException("--device '" + text + "': use auto, cpu or gpu");
    }
  }

  /** The DJL device for this JVM; asks libtorch, so it loads the engine. */
  public Device resolve() {
    if (this == CPU) return Device.cpu();
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    if (gpus > 0) return Device.gpu(0);
    if (this == GPU) {
      throw new ConfigException("--device gpu: the PyTorch engine (libtorch " + Engine.getEngine("PyTorch").getVersion()
          + ") reports no CUDA device; use --device auto or cpu, or run with a CUDA libtorch (docs/embeddings.md)");
    }
    return Device.cpu();
  }

  /** The name recorded in the table's {@code device} column: {@code cpu} or {@code cuda:<n>}. */
  public static String label(Device d) {
    return d.isGpu() ? "cuda:" + d.getDeviceId() : "cpu";
  }
}
