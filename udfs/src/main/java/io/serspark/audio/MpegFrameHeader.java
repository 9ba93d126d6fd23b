package io.serspark.audio;

/**
 * The 4-byte MPEG audio frame header: enough to find frames, size them and locate a Xing/Info tag.
 */
record MpegFrameHeader(
    int version, int layer, int sampleRateHz, int bitrateKbps, boolean mono, int frameBytes) {
  /** 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5 (the header's own encoding). */
  static final int MPEG1 = 3;

  private static final int[][] BITRATES = {
    {32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // MPEG-1 layer I
    {32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384}, // MPEG-1 layer II
    {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}, // MPEG-1 layer III
    {32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256}, // MPEG-2/2.5 layer I
    {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}
  }; // MPEG-2/2.5 layer II and III
  private static final int[] RATES_MPEG1 = {44100, 48000, 32000};

  /**
   * The header at {@code p}, or null when the bytes there are not a valid, sizeable frame header.
   */
  static MpegFrameHeader parse(byte[] b, int p) {
    if (p < 0 || p + 4 > b.length) return null;
    int b1 = b[p + 1] & 0xff;
    int b2 = b[p + 2] & 0xff;
    int b3 = b[p + 3] & 0xff;
    if ((b[p] & 0xff) != 0xFF || (b1 & 0xE0) != 0xE0) return null;
    int version = (b1 >> 3) & 3;
    int layerBits = (b1 >> 1) & 3;
    int brIndex = b2 >> 4;
    int srIndex = (b2 >> 2) & 3;
    if (version == 1 || layerBits == 0 || brIndex == 0 || brIndex == 15 || srIndex == 3)
      return null;
    int layer = 4 - layerBits;
    int rate = RATES_MPEG1[srIndex] >> (version == MPEG1 ? 0 : version == 2 ? 1 : 2);
    int table = version == MPEG1 ? layer - 1 : layer == 1 ? 3 : 4;
    int bitrate = BITRATES[table][brIndex - 1];
    int padding = (b2 >> 1) & 1;
    int bytes;
    if (layer == 1) bytes = (12 * bitrate * 1000 / rate + padding) * 4;
    else if (layer == 3 && version != MPEG1) bytes = 72 * bitrate * 1000 / rate + padding;
    else bytes = 144 * bitrate * 1000 / rate + padding;
    return new MpegFrameHeader(version, layer, rate, bitrate, (b3 >> 6) == 3, bytes);
  }

  int samplesPerFrame() {
    if (layer == 1) return 384;
    if (layer == 2) return 1152;
    return version == MPEG1 ? 1152 : 576;
  }

  /** Layer III side-information size, after which a Xing/Info tag sits in the first frame. */
  int sideInfoBytes() {
    if (version == MPEG1) return mono ? 17 : 32;
    return mono ? 9 : 17;
  }

  /**
   * Where the first frame starts: after an ID3v2 tag if there is one (sizes are "synchsafe", 7 bits
   * a byte).
   */
  static int skipId3v2(byte[] b) {
    int p = 0;
    while (p + 10 <= b.length && b[p] == 'I' && b[p + 1] == 'D' && b[p + 2] == '3') {
      int size =
          (b[p + 6] & 0x7f) << 21
              | (b[p + 7] & 0x7f) << 14
              | (b[p + 8] & 0x7f) << 7
              | (b[p + 9] & 0x7f);
      boolean footer = (b[p + 5] & 0x10) != 0;
      p += 10 + size + (footer ? 10 : 0);
    }
    return p;
  }

  /**
   * True when an MPEG audio stream starts at {@code p}: a valid header followed by another (or the
   * end).
   */
  static boolean streamStartsAt(byte[] b, int p) {
    MpegFrameHeader h = parse(b, p);
    if (h == null) return false;
    int next = p + h.frameBytes;
    if (next >= b.length - 4) return true; // the last (possibly cut) frame of the file
    MpegFrameHeader h2 = parse(b, next);
    return h2 != null
        && h2.version == h.version
        && h2.layer == h.layer
        && h2.sampleRateHz == h.sampleRateHz;
  }
}
