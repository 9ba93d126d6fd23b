package io.serspark.audio;

/**
 * What the first bytes say a file is. The file name is never consulted: corpora hold AIFF files
 * named .wav.
 */
enum Container {
  WAV,
  AIFF,
  AIFC,
  FLAC,
  MP3;

  /**
   * Offset of the first MPEG frame for {@link #MP3} (after any ID3v2 tag), of "fLaC" for FLAC, else
   * 0.
   */
  record Detected(Container container, int offset) {}

  static Detected detect(byte[] b) throws AudioRejected {
    if (b.length == 0)
      throw new AudioRejected(AudioRejected.Stage.READ, "the file is empty (0 bytes)", "bytes=0");
    if (startsWith(b, 0, "RIFF") || startsWith(b, 0, "RIFX") || startsWith(b, 0, "RF64")) {
      if (b.length < 12) {
        throw HeaderLimits.truncatedHeader("RIFF", b.length, "inside the 12-byte RIFF header");
      }
      if (!startsWith(b, 8, "WAVE")) {
        throw new AudioRejected(
            AudioRejected.Stage.DETECT,
            "the file is a RIFF container but not WAVE audio " + "(e.g. AVI or WebP)",
            "RIFF form type '" + printable(b, 8) + "'");
      }
      if (!startsWith(b, 0, "RIFF")) {
        throw AudioRejected.decode(
            "the file is a "
                + printable(b, 0)
                + " WAV variant ("
                + (b[3] == 'X' ? "big-endian RIFX" : "RF64 for files over 4 GB")
                + "), which is not supported",
            "magic '" + printable(b, 0) + "'");
      }
      return new Detected(WAV, 0);
    }
    if (startsWith(b, 0, "FORM")) {
      if (b.length < 12)
        throw HeaderLimits.truncatedHeader("AIFF", b.length, "inside the 12-byte FORM header");
      if (startsWith(b, 8, "AIFF")) return new Detected(AIFF, 0);
      if (startsWith(b, 8, "AIFC")) return new Detected(AIFC, 0);
      throw new AudioRejected(
          AudioRejected.Stage.DETECT,
          "the file is an IFF container but not AIFF audio",
          "FORM type '" + printable(b, 8) + "'");
    }
    int p = MpegFrameHeader.skipId3v2(b);
    if (startsWith(b, p, "fLaC")) return new Detected(FLAC, p);
    if (p < b.length && MpegFrameHeader.streamStartsAt(b, p)) return new Detected(MP3, p);
    if (p > 0) {
      // Some taggers leave zero padding between the ID3 tag and the first frame; look a little
      // further.
      for (int q = p + 1; q < Math.min(b.length, p + 4096); q++) {
        if (MpegFrameHeader.streamStartsAt(b, q)
            && MpegFrameHeader.streamStartsAt(b, q + MpegFrameHeader.parse(b, q).frameBytes())) {
          return new Detected(MP3, q);
        }
      }
      throw new AudioRejected(
          AudioRejected.Stage.DETECT,
          "the file has an ID3 tag but no MP3 or FLAC audio after it",
          "first bytes after the tag at " + p + ": " + hex(b, p));
    }
    throw new AudioRejected(
        AudioRejected.Stage.DETECT,
        "not a recognised audio container (WAV, AIFF, AIFF-C, FLAC" + " or MP3 expected)",
        "first bytes: " + hex(b, 0));
  }

  private static boolean startsWith(byte[] b, int p, String magic) {
    if (p < 0 || p + magic.length() > b.length) return false;
    for (int i = 0; i < magic.length(); i++) if (b[p + i] != magic.charAt(i)) return false;
    return true;
  }

  private static String printable(byte[] b, int p) {
    return HeaderLimits.printable(
        new String(b, p, Math.min(4, b.length - p), java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  private static String hex(byte[] b, int p) {
    StringBuilder s = new StringBuilder();
    for (int i = p; i < Math.min(b.length, p + 8); i++)
      s.append(String.format("%02x", b[i] & 0xff));
    return s.length() == 0 ? "(none)" : s.toString();
  }
}
