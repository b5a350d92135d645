package io.vigil.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A seeded generator of hostile JSON bodies for fuzz tests: random bytes, mutations of a valid
 * document (flipped and dropped bytes, invalid UTF-8, hostile literals spliced in), deep nesting
 * and extreme numbers. Plain JUnit with a fixed seed instead of jqwik: jqwik 1.9/1.10 is built on
 * JUnit Platform 1.x and does not run on the JUnit 6 platform this build uses. Shared by the wire
 * codec's fuzz tests and the server's fuzz tests over HTTP.
 */
public class HostileJson {

  /** Literals that break number parsing, types or limits when spliced into a document. */
  public static final String[] LITERALS = {
    "1e400",
    "-1e400",
    "1e-400",
    "-0",
    "-0.0",
    "NaN",
    "Infinity",
    "-Infinity",
    "\"NaN\"",
    "99999999999999999999999999999999",
    "-99999999999999999999999999999999",
    "9223372036854775808",
    "-9223372036854775809",
    "9223372036854775807",
    "-9223372036854775808",
    "0x10",
    "1.7976931348623157E309",
    "4.9e-325",
    "1" + "0".repeat(70),
    "null",
    "true",
    "[]",
    "{}",
    "\"\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"" + "x".repeat(70_000) + "\"",
    "[".repeat(40) + "]".repeat(40),
    "{\"a\":".repeat(40) + "1" + "}".repeat(40),
  };

  /** Byte sequences that are not valid UTF-8 (overlong, surrogate, truncated, stray bytes). */
  public static final byte[][] BAD_UTF8 = {
    {(byte) 0xC0, (byte) 0x80},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
    {(byte) 0xFF},
    {(byte) 0xFE, (byte) 0xFF},
    {(byte) 0xE2, (byte) 0x82},
    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
    {(byte) 0x80},
    {0, 0, 0, '{'},
    {0, 0, (byte) 0xFE, (byte) 0xFF},
  };

  private final Random random;

  public HostileJson(long seed) {
    this.random = new Random(seed);
  }

  public Random random() {
    return random;
  }

  public byte[] randomBytes(int maxLength) {
    byte[] bytes = new byte[random.nextInt(maxLength + 1)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** Nesting far beyond any limit, as arrays or objects, optionally inside a valid prefix. */
  public byte[] deeplyNested(int depth) {
    StringBuilder json = new StringBuilder(depth * 6 + 64);
    boolean objects = random.nextBoolean();
    if (random.nextBoolean()) {
      json.append("{\"sequence\":1,\"sentAt\":1,\"points\":");
    }
    for (int i = 0; i < depth; i++) {
      json.append(objects ? "{\"a\":" : "[");
    }
    json.append('1');
    if (random.nextBoolean()) {
      for (int i = 0; i < depth; i++) {
        json.append(objects ? '}' : ']');
      }
    }
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The valid document with 1..4 random mutations. */
  public byte[] mutate(String valid) {
    byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      bytes = mutateOnce(bytes);
    }
    return bytes;
  }

  private byte[] mutateOnce(byte[] bytes) {
    int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
    return switch (random.nextInt(6)) {
      case 0 -> {
        byte[] copy = bytes.clone();
        if (copy.length > 0) {
          copy[at] = (byte) random.nextInt(256);
        }
        yield copy;
      }
      case 1 -> splice(bytes, at, random.nextInt(Math.min(20, bytes.length - at) + 1), new byte[0]);
      case 2 -> splice(bytes, at, 0, BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
      case 3 -> replaceNumber(bytes);
      case 4 -> splice(bytes, at, 0, pick(LITERALS).getBytes(StandardCharsets.UTF_8));
      default -> java.util.Arrays.copyOf(bytes, at);
    };
  }

  /** Replaces one number of the document (a timestamp, a field value, a sequence) by a literal. */
  private byte[] replaceNumber(byte[] bytes) {
    int start = -1;
    int tries = 0;
    while (start < 0 && tries++ < 20 && bytes.length > 0) {
      int at = random.nextInt(bytes.length);
      if (bytes[at] >= '0' && bytes[at] <= '9') {
        start = at;
      }
    }
    if (start < 0) {
      return bytes;
    }
    while (start > 0 && isNumberByte(bytes[start - 1])) {
      start--;
    }
    int end = start;
    while (end < bytes.length && isNumberByte(bytes[end])) {
      end++;
    }
    String replacement =
        random.nextBoolean()
            ? pick(LITERALS)
            : pick(
                new String[] {
                  Long.toString(Long.MAX_VALUE),
                  Long.toString(Long.MIN_VALUE),
                  "0",
                  "-1",
                  "1",
                  Long.toString(random.nextLong()),
                  Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(600) - 300))
                });
    return splice(bytes, start, end - start, replacement.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isNumberByte(byte b) {
    return (b >= '0' && b <= '9') || b == '-' || b == '.' || b == 'e' || b == 'E' || b == '+';
  }

  public String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  public static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + insert.length);
    out.write(bytes, 0, at);
    out.write(insert, 0, insert.length);
    out.write(bytes, at + remove, bytes.length - at - remove);
    return out.toByteArray();
  }
}
