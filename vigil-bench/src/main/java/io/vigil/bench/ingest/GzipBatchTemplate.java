package io.vigil.bench.ingest;

import io.vigil.model.Batch;
import io.vigil.model.Point;
import io.vigil.model.WireCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip-compressed {@link Batch} compressed once, of which each request only fills in the sequence
 * and the timestamps, so that the load generator spends microseconds, not a deflate pass, per
 * request.
 *
 * <p>How: the JSON is written once by the model's own codec with sentinel numbers where the
 * sequence and timestamps go. The static text between those slots is deflated once, each piece with
 * the text before it as preset dictionary (so back-references work as well as in one pass), and
 * ends with a sync flush, which leaves it byte-aligned. Each slot becomes a stored deflate block of
 * fixed width: timestamps have 13 digits and the sequence is right-aligned in 19 characters of JSON
 * whitespace. The dictionary holds NUL bytes where slots are; JSON never contains NUL, so no
 * back-reference can ever point into a slot, whatever digits it later holds. Rendering is then
 * copying, a few digits and a CRC-32.
 */
final class GzipBatchTemplate {

  static final long SEQUENCE_SENTINEL = 1_234_567_890_123_456_789L;
  static final long TIME_SENTINEL = 9_876_543_210_987L;

  private static final int SEQUENCE_WIDTH = 19;
  private static final int TIME_WIDTH = 13;
  private static final int WINDOW = 32 * 1024;
  private static final byte[] GZIP_HEADER = {
    0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff
  };
  private static final byte[] FINAL_EMPTY_STORED_BLOCK = {1, 0, 0, (byte) 0xff, (byte) 0xff};

  private enum SlotKind {
    SEQUENCE,
    TIME
  }

  /** Static text {@code [start, end)} of the JSON, its deflated bytes, then the slot after it. */
  private record Piece(int start, int end, byte[] deflated, SlotKind slot) {}

  private final byte[] json;
  private final List<Piece> pieces;
  private final int samples;
  private final int renderedSize;

  private GzipBatchTemplate(byte[] json, List<Piece> pieces, int samples) {
    this.json = json;
    this.pieces = pieces;
    this.samples = samples;
    int size = GZIP_HEADER.length + FINAL_EMPTY_STORED_BLOCK.length + 8;
    for (Piece p : pieces) {
      size += p.deflated().length;
      if (p.slot() != null) {
        size += 5 + width(p.slot());
      }
    }
    this.renderedSize = size;
  }

  /** A template of a batch of these points (their timestamps are replaced on rendering). */
  static GzipBatchTemplate of(List<Point> points, int level) {
    List<Point> stamped = new ArrayList<>(points.size());
    for (Point p : points) {
      stamped.add(new Point(p.measurement(), p.tags(), p.fields(), TIME_SENTINEL));
    }
    Batch batch = new Batch(SEQUENCE_SENTINEL, TIME_SENTINEL, null, stamped);
    byte[] json = WireCodec.lenient().write(batch);
    for (byte b : json) {
      if (b == 0) {
        throw new IllegalStateException("JSON with a NUL byte cannot be templated");
      }
    }
    byte[] sequenceKey = ("\"sequence\":" + SEQUENCE_SENTINEL).getBytes(StandardCharsets.US_ASCII);
    byte[] timeKey = Long.toString(TIME_SENTINEL).getBytes(StandardCharsets.US_ASCII);

    // Find the slots, widen the sequence one to its fixed width, and NUL them out.
    ByteArrayOutputStream text = new ByteArrayOutputStream(json.length + SEQUENCE_WIDTH);
    List<int[]> slots = new ArrayList<>(); // {start, kind}
    int sequences = 0;
    for (int i = 0; i < json.length; ) {
      if (matches(json, i, sequenceKey)) {
        text.write(json, i, sequenceKey.length - SEQUENCE_WIDTH);
        slots.add(new int[] {text.size(), SlotKind.SEQUENCE.ordinal()});
        text.write(new byte[SEQUENCE_WIDTH], 0, SEQUENCE_WIDTH);
        i += sequenceKey.length;
        sequences++;
      } else if (matches(json, i, timeKey)) {
        slots.add(new int[] {text.size(), SlotKind.TIME.ordinal()});
        text.write(new byte[TIME_WIDTH], 0, TIME_WIDTH);
        i += timeKey.length;
      } else {
        text.write(json[i++]);
      }
    }
    if (sequences != 1 || slots.size() != 2 + points.size()) {
      throw new IllegalStateException(
          "expected 1 sequence and " + (1 + points.size()) + " timestamps in the template JSON");
    }

    byte[] template = text.toByteArray();
    List<Piece> pieces = new ArrayList<>();
    int start = 0;
    for (int s = 0; s <= slots.size(); s++) {
      int end = s < slots.size() ? slots.get(s)[0] : template.length;
      SlotKind kind = s < slots.size() ? SlotKind.values()[slots.get(s)[1]] : null;
      pieces.add(new Piece(start, end, deflate(template, start, end, level), kind));
      start = kind == null ? end : end + width(kind);
    }
    int samples = 0;
    for (Point p : points) {
      samples += p.fields().size();
    }
    return new GzipBatchTemplate(template, pieces, samples);
  }

  /** The gzip body of this batch with the given sequence, sent-at and point timestamps. */
  byte[] render(long sequence, long timestampMillis) {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be >= 1");
    }
    if (timestampMillis < 1_000_000_000_000L || timestampMillis > 9_999_999_999_999L) {
      throw new IllegalArgumentException("timestamp must have 13 digits: " + timestampMillis);
    }
    byte[] sequenceText = padded(sequence, SEQUENCE_WIDTH);
    byte[] timeText = Long.toString(timestampMillis).getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[renderedSize];
    CRC32 crc = new CRC32();
    int at = put(out, 0, GZIP_HEADER);
    int length = 0;
    for (Piece p : pieces) {
      at = put(out, at, p.deflated());
      crc.update(json, p.start(), p.end() - p.start());
      length += p.end() - p.start();
      if (p.slot() != null) {
        byte[] digits = p.slot() == SlotKind.SEQUENCE ? sequenceText : timeText;
        out[at++] = 0; // stored block, not final; we are byte-aligned after a sync flush
        out[at++] = (byte) digits.length;
        out[at++] = (byte) (digits.length >>> 8);
        out[at++] = (byte) ~digits.length;
        out[at++] = (byte) (~digits.length >>> 8);
        at = put(out, at, digits);
        crc.update(digits);
        length += digits.length;
      }
    }
    at = put(out, at, FINAL_EMPTY_STORED_BLOCK);
    at = putIntLe(out, at, (int) crc.getValue());
    putIntLe(out, at, length);
    return out;
  }

  int samples() {
    return samples;
  }

  int uncompressedSize() {
    return json.length;
  }

  int compressedSize() {
    return renderedSize;
  }

  private static byte[] deflate(byte[] text, int start, int end, int level) {
    if (start == end) {
      return new byte[0];
    }
    Deflater deflater = new Deflater(level, true);
    try {
      int dictionaryStart = Math.max(0, start - WINDOW);
      if (start > 0) {
        deflater.setDictionary(text, dictionaryStart, start - dictionaryStart);
      }
      deflater.setInput(text, start, end - start);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      // A sync flush is complete only when it returns less than the buffer could hold.
      do {
        n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        out.write(buffer, 0, n);
      } while (n == buffer.length);
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static byte[] padded(long value, int width) {
    byte[] out = new byte[width];
    Arrays.fill(out, (byte) ' ');
    byte[] digits = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, out, width - digits.length, digits.length);
    return out;
  }

  private static int width(SlotKind kind) {
    return kind == SlotKind.SEQUENCE ? SEQUENCE_WIDTH : TIME_WIDTH;
  }

  private static boolean matches(byte[] data, int at, byte[] key) {
    if (at + key.length > data.length) {
      return false;
    }
    for (int k = 0; k < key.length; k++) {
      if (data[at + k] != key[k]) {
        return false;
      }
    }
    return true;
  }

  private static int put(byte[] out, int at, byte[] bytes) {
    System.arraycopy(bytes, 0, out, at, bytes.length);
    return at + bytes.length;
  }

  private static int putIntLe(byte[] out, int at, int value) {
    out[at] = (byte) value;
    out[at + 1] = (byte) (value >>> 8);
    out[at + 2] = (byte) (value >>> 16);
    out[at + 3] = (byte) (value >>> 24);
    return at + 4;
  }
}
