package io.serspark.corpus;

import java.util.Locale;
import java.util.Set;

/**
 * Which files of a corpus folder are audio inputs: by extension only, case-insensitive. The bytes
 * decide the real container later (a .wav may be anything); here the extension only separates
 * inputs from documentation.
 */
public final class AudioFiles {
  public static final Set<String> EXTENSIONS = Set.of("wav", "flac", "mp3", "aif", "aiff", "aifc");

  private AudioFiles() {}

  public static boolean isAudio(String relPath) {
    int slash = relPath.lastIndexOf('/');
    int dot = relPath.lastIndexOf('.');
    if (dot <= slash + 1) return false; // no extension, or a dot file such as ".wav"
    return EXTENSIONS.contains(relPath.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * The last path element without its extension: "Actor_01/03-01-01-01-01-01-01.wav" ->
   * "03-01-01-01-01-01-01".
   */
  public static String stem(String relPath) {
    String name = relPath.substring(relPath.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
