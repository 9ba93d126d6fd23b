package io.serspark.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small text files of a corpus (label files, manifests, demographics), by path relative to the
 * corpus root.
 */
public interface TextFiles {
  String read(String relPath) throws IOException;

  boolean exists(String relPath);

  /**
   * The text files of a local folder. Bytes that are not UTF-8 are read as ISO-8859-1 (old label
   * files).
   */
  static TextFiles of(Path root) {
    return new TextFiles() {
      @Override
      public String read(String relPath) throws IOException {
        byte[] bytes = Files.readAllBytes(root.resolve(relPath));
        return Utf8OrLatin1.decode(bytes);
      }

      @Override
      public boolean exists(String relPath) {
        return Files.isRegularFile(root.resolve(relPath));
      }
    };
  }

  /** Decoding without a declared charset: UTF-8 when the bytes are valid UTF-8, else ISO-8859-1. */
  final class Utf8OrLatin1 {
    private Utf8OrLatin1() {}

    public static String decode(byte[] bytes) {
      var decoder = StandardCharsets.UTF_8.newDecoder();
      try {
        String s = decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s; // Excel writes a byte-order mark
      } catch (java.nio.charset.CharacterCodingException e) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
      }
    }
  }
}
