package io.serspark.embed;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.serspark.config.ConfigException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs padded batches through a TorchScript encoder with DJL's PyTorch engine. The model itself is
 * loaded once per JVM ({@link SharedModels}); a runner owns one Predictor, so use one runner per
 * thread (per Spark partition) and close it at the end. Every output is checked against the
 * contract, so a wrong model fails with a message instead of pooling garbage.
 */
public final class ModelRunner implements BatchEncoder, AutoCloseable {
  private final ModelSpec spec;
  private final ZooModel<?, ?> model;
  private final Predictor<NDList, NDList> predictor;
  private final Device device;
  private final String name;

  private ModelRunner(ModelSpec spec, ZooModel<NDList, NDList> model, Device device, String name) {
    this.spec = spec;
    this.model = model;
    this.predictor = model.newPredictor();
    this.device = device;
    this.name = name;
  }

  /**
   * A runner on the model file {@code file} (any folder), whose sha256 must be {@code
   * spec.sha256()}.
   */
  public static ModelRunner open(Path file, ModelSpec spec, DeviceChoice choice) {
    return open(file, spec, choice, 0);
  }

  /**
   * As {@link #open(Path, ModelSpec, DeviceChoice)}, and limits libtorch's intra-op threads for the
   * calling thread to {@code intraOpThreads} (0: leave libtorch's default, one per core). Spark
   * runs one task per core, each with its own runner; by default every one of them would start a
   * thread per core, and on a busy 2-core machine that oversubscription cut EmoDB throughput of the
   * tiny model from 46 to 1.9 audio-s/s (EmbedBenchmark).
   */
  public static ModelRunner open(
      Path file, ModelSpec spec, DeviceChoice choice, int intraOpThreads) {
    Device device = choice.resolve();
    ZooModel<NDList, NDList> model = SharedModels.get(file, spec.sha256(), device);
    if (intraOpThreads > 0)
      JniUtils.setNumThreads(intraOpThreads); // OpenMP: applies to this thread's parallel regions
    return new ModelRunner(spec, model, device, file.getFileName().toString());
  }

  /** The device actually used, as recorded in the table: {@code cpu} or {@code cuda:0}. */
  public String device() {
    return DeviceChoice.label(device);
  }

  public ModelSpec spec() {
    return spec;
  }

  @Override
  public EncoderOutput encode(float[] wav, int batch, int samples, int[] lengths) {
    if (wav.length != (long) batch * samples || lengths.length != batch) {
      throw new IllegalArgumentException(
          "batch of "
              + batch
              + "×"
              + samples
              + " with "
              + wav.length
              + " samples, "
              + lengths.length
              + " lengths");
    }
    try (NDManager m = model.getNDManager().newSubManager(device)) {
      NDList in = new NDList(m.create(FloatBuffer.wrap(wav), new Shape(batch, samples)));
      switch (spec.input()) {
        case LENGTHS -> {
          long[] l = new long[batch];
          for (int i = 0; i < batch; i++) l[i] = lengths[i];
          in.add(m.create(l, new Shape(batch)));
        }
        case ATTENTION_MASK -> {
          long[] mask = new long[batch * samples];
          for (int i = 0; i < batch; i++)
            Arrays.fill(mask, i * samples, i * samples + lengths[i], 1L);
          in.add(m.create(mask, new Shape(batch, samples)));
        }
        case WAVEFORM -> {}
      }
      NDList out;
      try {
        out = predictor.predict(in);
      } catch (TranslateException e) {
        throw new IllegalStateException(
            "model "
                + name
                + " failed on a batch of "
                + batch
                + "×"
                + samples
                + " samples ("
                + spec.input().key()
                + " contract): "
                + e.getMessage(),
            e);
      }
      try {
        return read(out, batch, samples, lengths);
      } finally {
        out.close();
      }
    }
  }

  private EncoderOutput read(NDList out, int batch, int samples, int[] lengths) {
    int expectedOutputs = spec.frameLengthsOutput() ? 2 : 1;
    if (out.size() != expectedOutputs) {
      throw wrong(
          "returns "
              + out.size()
              + " tensor(s); the contract says "
              + expectedOutputs
              + (expectedOutputs == 2 ? " (hidden_states, frame_lengths)" : " (hidden_states)"));
    }
    NDArray h = out.get(0);
    Shape s = h.getShape();
    if (s.dimension() != 4
        || s.get(0) != spec.hiddenStates()
        || s.get(1) != batch
        || s.get(3) != spec.dim()) {
      throw wrong(
          "returns hidden states of shape "
              + s
              + " for a batch of "
              + batch
              + "; expected (layers="
              + spec.hiddenStates()
              + ", batch="
              + batch
              + ", frames, dim="
              + spec.dim()
              + ")");
    }
    if (h.getDataType() != DataType.FLOAT32) h = h.toType(DataType.FLOAT32, false);
    int frames = (int) s.get(2);
    int[] valid = new int[batch];
    if (spec.frameLengthsOutput()) {
      NDArray fl = out.get(1);
      if (fl.getShape().dimension() != 1 || fl.getShape().get(0) != batch) {
        throw wrong(
            "returns frame_lengths of shape " + fl.getShape() + "; expected (" + batch + ")");
      }
      long[] v = fl.toType(DataType.INT64, false).toLongArray();
      for (int i = 0; i < batch; i++) {
        if (v[i] < 1 || v[i] > frames) {
          throw wrong(
              "says item "
                  + i
                  + " ("
                  + lengths[i]
                  + " samples) has "
                  + v[i]
                  + " valid frames of "
                  + frames);
        }
        valid[i] = (int) v[i];
      }
    } else {
      Arrays.fill(valid, frames);
    }
    if (frames < 1) throw wrong("returns no frames for " + samples + " samples");
    return new EncoderOutput(
        h.toFloatArray(), spec.hiddenStates(), batch, frames, spec.dim(), valid);
  }

  private ConfigException wrong(String what) {
    return new ConfigException(
        "--model " + name + " " + what + " (see the model contract in docs/embeddings.md)");
  }

  @Override
  public void close() {
    predictor.close();
  }
}
