package io.serspark.corpus;

import java.io.IOException;
import java.util.List;

/**
 * Turns the files of one corpus folder, in its official layout and names, into utterance records.
 * Every audio file (by extension, see {@link AudioFiles}) of {@code relPaths} ends up in exactly
 * one of {@link AdapterResult#entries()} or {@link AdapterResult#rejected()}; every other file in
 * {@link AdapterResult#ignored()}.
 */
public interface CorpusAdapter {
  String name();

  /**
   * @param relPaths every file under the corpus root (relative, '/' separators, sorted)
   * @param text reads a small text file by relative path (label files, manifests)
   */
  AdapterResult scan(List<String> relPaths, TextFiles text) throws IOException;
}
