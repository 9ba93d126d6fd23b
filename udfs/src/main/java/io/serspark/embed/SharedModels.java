package io.serspark.embed;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded model per JVM and device, keyed by the file's sha256, shared by every task of an
 * executor (a TorchScript module is safe to run from several threads, each with its own Predictor).
 * Loading costs seconds and the weights of a base SSL model ~400 MB, so it must not happen per
 * partition, let alone per row.
 */
final class SharedModels {
  private static final Logger LOG = LoggerFactory.getLogger(SharedModels.class);
  private static final Map<String, ZooModel<NDList, NDList>> MODELS = new ConcurrentHashMap<>();

  static {
    // Speech batches change shape on every call (lengths vary). libtorch's profiling graph executor
    // re-specialises
    // the graph for new shapes, which costs more than it saves here: on the tiny test model it cut
    // EmoDB throughput
    // from 291 to 216 audio-s per CPU-second (EmbedBenchmark). DJL applies this property per
    // inference thread.
    // An explicit -Dai.djl.pytorch.graph_optimizer=true still wins.
    if (System.getProperty("ai.djl.pytorch.graph_optimizer") == null) {
      System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
    }
  }

  private SharedModels() {}

  static ZooModel<NDList, NDList> get(Path file, String sha256, Device device) {
    return MODELS.computeIfAbsent(sha256 + "@" + device, k -> load(file, sha256, device));
  }

  private static ZooModel<NDList, NDList> load(Path file, String sha256, Device device) {
    String actual = ModelSpec.sha256(file);
    if (!actual.equals(sha256)) {
      throw new IllegalStateException(
          "model file "
              + file
              + " has sha256 "
              + actual
              + " but the driver planned with "
              + sha256
              + ": the model changed while the job ran, or this executor received another file");
    }
    try {
      // DJL refuses a .pt that shares its folder with a .jar (a Spark work dir holds app.jar):
      // "Parameter file not
      // found". A folder of its own avoids that, and the file cannot change under us while it is
      // loaded.
      Path dir = Files.createTempDirectory("serspark-model-" + sha256.substring(0, 12) + "-");
      Path copy = dir.resolve("model.pt");
      Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      dir.toFile().deleteOnExit();
      copy.toFile().deleteOnExit();
      long t0 = System.nanoTime();
      ZooModel<NDList, NDList> model =
          Criteria.builder()
              .setTypes(NDList.class, NDList.class)
              .optModelPath(copy)
              .optEngine("PyTorch")
              .optDevice(device)
              .optTranslator(new NoopTranslator())
              .build()
              .loadModel();
      LOG.info(
          "loaded model sha256={} on {} in {} ms",
          sha256.substring(0, 12),
          DeviceChoice.label(device),
          (System.nanoTime() - t0) / 1_000_000);
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy model " + file + " into a temporary folder", e);
    } catch (ModelNotFoundException | MalformedModelException e) {
      throw new IllegalStateException(
          "libtorch cannot load model " + file + ": " + e.getMessage(), e);
    }
  }
}
