package io.serspark.audio;

/**
 * The Xing/Info tag in the first frame of a LAME-encoded MP3, with LAME's encoder delay and
 * padding. With these the decoded stream can be cut back to exactly the samples the encoder was
 * given ("gapless" decoding).
 *
 * @param frames audio frames after the tag frame (the tag frame itself holds no audio)
 * @param encoderDelay samples the encoder prepended
 * @param padding samples the encoder appended
 * @param hasLame whether a LAME extension (and so delay/padding) was present
 */
record LameTag(long frames, int encoderDelay, int padding, boolean hasLame) {
  /** The tag in the frame at {@code p}, or null when that frame is an ordinary audio frame. */
  static LameTag find(byte[] b, int p, MpegFrameHeader h) {
    if (h.layer() != 3) return null;
    int x = p + 4 + h.sideInfoBytes();
    if (x + 8 > b.length) return null;
    boolean xing = b[x] == 'X' && b[x + 1] == 'i' && b[x + 2] == 'n' && b[x + 3] == 'g';
    boolean info = b[x] == 'I' && b[x + 1] == 'n' && b[x + 2] == 'f' && b[x + 3] == 'o';
    if (!xing && !info) return null;
    int flags = AiffDecoder.be32(b, x + 4);
    int q = x + 8;
    long frames = -1;
    if ((flags & 1) != 0) {
      if (q + 4 > b.length) return null;
      frames = AiffDecoder.be32(b, q) & 0xffffffffL;
      q += 4;
    }
    if ((flags & 2) != 0) q += 4;
    if ((flags & 4) != 0) q += 100;
    if ((flags & 8) != 0) q += 4;
    // LAME extension: 9-byte encoder name, then delay/padding as two 12-bit fields at +21.
    if (frames >= 0 && q + 24 <= b.length && isEncoderName(b, q)) {
      int d = q + 21;
      int delay = (b[d] & 0xff) << 4 | (b[d + 1] & 0xff) >> 4;
      int pad = (b[d + 1] & 0x0f) << 8 | (b[d + 2] & 0xff);
      return new LameTag(frames, delay, pad, true);
    }
    return new LameTag(frames, 0, 0, false);
  }

  /**
   * LAME writes "LAME3.100" etc.; ffmpeg's libmp3lame wrapper writes "Lavf"/"Lavc" with the same
   * layout.
   */
  private static boolean isEncoderName(byte[] b, int q) {
    String s = new String(b, q, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    return s.equals("LAME")
        || s.equals("Lavf")
        || s.equals("Lavc")
        || s.startsWith("GOGO")
        || s.equals("L3.9");
  }
}
