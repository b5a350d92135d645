package io.vigil.weblog.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the parser with broken lines (cut, bytes inserted, deleted or replaced, quotes
 * and brackets and backslashes where they do not belong, random bytes, huge fields), for the four
 * kinds of formats. The parser is called without its safety net: it must never throw, and what it
 * accepts must be consistent (spans inside the line, status 100–599). {@code -Dvigil.fuzz.seed}
 * explores another seed, {@code -Dvigil.fuzz.tries} more lines.
 */
public class ParserFuzzTest {

  private static final long SEED = Long.getLong("vigil.fuzz.seed", 20261207L);
  private static final int TRIES = Integer.getInteger("vigil.fuzz.tries", 200_000);
  private static final byte[] SPECIAL = {
    '"', '[', ']', '\\', ' ', '-', ',', ':', '/', '?', '&', '=', '\t', 0, (byte) 0xFF, (byte) 0xC3
  };

  record Case(LogFormat format, String line) {}

  private static List<Case> validLines() {
    LogFormat combined = LogFormat.of("combined", null);
    LogFormat common = LogFormat.of("common", null);
    LogFormat nginx =
        LogFormat.of(
            "nginx",
            "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                + " \"$http_referer\" \"$http_user_agent\" $request_time $upstream_addr"
                + " $upstream_response_time $host");
    LogFormat apache =
        LogFormat.of(
            "apache", "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" %D %v");
    String head = "203.0.113.9 - bob [01/Jun/2024:10:00:01 +0900] \"GET /a/b?x=1&y=2 HTTP/1.1\"";
    return List.of(
        new Case(common, head + " 200 5120"),
        new Case(
            combined, head + " 404 - \"https://r.example/?q=a\" \"Mozilla/5.0 (X11) Firefox/1\""),
        new Case(
            nginx,
            head
                + " 502 0 \"-\" \"curl/8\" 0.250 10.0.0.1:80, 10.0.0.2:80 : 10.0.0.3:80"
                + " 0.100, 0.120 : 0.020 shop.example"),
        new Case(apache, head + " 500 77 \"-\" \"\\\"odd\\\" agent\" 123456 wiki.example"));
  }

  @Test
  void brokenLinesNeverThrowAndWhatParsesIsConsistent() {
    SplittableRandom random = new SplittableRandom(SEED);
    List<Case> cases = validLines();
    ParsedLine out = new ParsedLine();
    for (Case c : cases) {
      byte[] b = c.line().getBytes(UTF_8);
      assertThat(c.format().parseSteps(b, 0, b.length, out)).as(c.line()).isTrue();
    }
    long accepted = 0;
    long refused = 0;
    for (int i = 0; i < TRIES; i++) {
      Case c = cases.get(random.nextInt(cases.size()));
      byte[] line = mutate(c.line().getBytes(UTF_8), random);
      int pad = random.nextInt(4);
      byte[] buf = new byte[line.length + 2 * pad];
      System.arraycopy(line, 0, buf, pad, line.length);
      int start = pad;
      int end = pad + line.length;
      boolean[] ok = new boolean[1];
      assertThatCode(() -> ok[0] = c.format().parseSteps(buf, start, end, out))
          .as("seed %d, try %d: %s", SEED, i, new String(line, UTF_8))
          .doesNotThrowAnyException();
      if (ok[0]) {
        accepted++;
        assertThat(out.status()).isBetween(100, 599);
        assertThat(out.bytes()).isNotNegative();
        assertInside(out.clientStart(), out.clientEnd(), start, end);
        assertInside(out.urlStart(), out.urlEnd(), start, end);
        assertInside(out.referrerStart(), out.referrerEnd(), start, end);
        assertInside(out.agentStart(), out.agentEnd(), start, end);
        assertInside(out.vhostStart(), out.vhostEnd(), start, end);
        assertInside(out.upstreamStart(), out.upstreamEnd(), start, end);
        assertInside(out.timeStart(), out.timeEnd(), start, end);
      } else {
        refused++;
      }
    }
    assertThat(accepted).as("some mutations keep the line valid").isPositive();
    assertThat(refused).as("most mutations break it").isGreaterThan(accepted);
  }

  private static void assertInside(int s, int e, int start, int end) {
    if (s >= 0) {
      assertThat(s).isBetween(start, end);
      assertThat(e).isBetween(s, end);
    }
  }

  /** Applies one to four random edits (also used by the aggregator fuzz test). */
  public static byte[] mutate(byte[] line, SplittableRandom r) {
    List<Byte> b = new ArrayList<>(line.length + 16);
    for (byte x : line) {
      b.add(x);
    }
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = b.isEmpty() ? 0 : r.nextInt(b.size() + 1);
      switch (r.nextInt(8)) {
        case 0 -> b.subList(Math.min(at, b.size()), b.size()).clear(); // cut
        case 1 -> {
          if (at < b.size()) {
            b.remove(at);
          }
        }
        case 2 -> b.add(Math.min(at, b.size()), SPECIAL[r.nextInt(SPECIAL.length)]);
        case 3 -> {
          if (at < b.size()) {
            b.set(at, (byte) r.nextInt(256));
          }
        }
        case 4 -> {
          int n = r.nextInt(2000);
          List<Byte> block = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            block.add((byte) (r.nextBoolean() ? 'a' : SPECIAL[r.nextInt(SPECIAL.length)]));
          }
          b.addAll(Math.min(at, b.size()), block);
        }
        case 5 -> {
          b.clear();
          int n = r.nextInt(400);
          for (int i = 0; i < n; i++) {
            b.add((byte) r.nextInt(256));
          }
        }
        case 6 -> {
          if (at < b.size()) {
            byte digit = (byte) ('0' + r.nextInt(10));
            b.set(at, r.nextBoolean() ? digit : (byte) '.');
          }
        }
        default -> {
          int from = b.isEmpty() ? 0 : r.nextInt(b.size());
          int to = Math.min(b.size(), from + r.nextInt(40));
          b.addAll(at > b.size() ? b.size() : at, new ArrayList<>(b.subList(from, to)));
        }
      }
    }
    byte[] out = new byte[b.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i);
    }
    return out;
  }
}
