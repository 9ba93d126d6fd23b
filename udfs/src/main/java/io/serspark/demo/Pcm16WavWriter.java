package io.serspark.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes mono 16-bit PCM RIFF/WAVE files: a canonical 44-byte header, the samples, and a trailing
 * {@code LIST/INFO} chunk whose {@code ICMT} comment says the file is synthetic. The comment comes
 * after the data, as many recorders put it, so readers that stop at {@code data} never see it and
 * readers that walk the chunks must skip it.
 */
final class Pcm16WavWriter {
  private Pcm16WavWriter() {}

  static void write(Path file, short[] pcm, int sampleRateHz, String comment) throws IOException {
    byte[] text = (comment + "\0").getBytes(StandardCharsets.US_ASCII);
    int icmtSize = text.length;
    int icmtPadded = icmtSize + (icmtSize & 1);
    int listSize = 4 + 8 + icmtPadded;
    int dataSize = pcm.length * 2;
    int riffSize = 4 + (8 + 16) + (8 + dataSize) + (8 + listSize);
    ByteBuffer b = ByteBuffer.allocate(8 + riffSize).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(riffSize).put(ascii("WAVE"));
    b.put(ascii("fmt "))
        .putInt(16)
        .putShort((short) 1) // PCM
        .putShort((short) 1) // mono
        .putInt(sampleRateHz)
        .putInt(sampleRateHz * 2) // byte rate
        .putShort((short) 2) // block align
        .putShort((short) 16); // bits per sample
    b.put(ascii("data")).putInt(dataSize);
    for (short s : pcm) b.putShort(s);
    b.put(ascii("LIST")).putInt(listSize).put(ascii("INFO"));
    b.put(ascii("ICMT")).putInt(icmtSize).put(text);
    if ((icmtSize & 1) == 1) b.put((byte) 0);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(b.array());
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
