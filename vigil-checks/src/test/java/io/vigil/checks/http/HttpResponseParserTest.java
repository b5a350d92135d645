package io.vigil.checks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HttpResponseParserTest {

  private static HttpResponse parse(String raw, int capture) throws IOException {
    return HttpResponseParser.parse(
        new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)), false, capture);
  }

  private static String body(HttpResponse r) {
    return new String(r.bodyPrefix(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void contentLengthBodyStopsAtTheLength() throws IOException {
    HttpResponse r = parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhelloEXTRA", 100);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.reason()).isEqualTo("OK");
    assertThat(r.version()).isEqualTo("HTTP/1.1");
    assertThat(r.header("x-a")).contains("b");
    assertThat(body(r)).isEqualTo("hello");
    assertThat(r.bodyBytes()).isEqualTo(5);
  }

  @Test
  void chunkedBodyIsDechunkedWithExtensionsAndTrailers() throws IOException {
    HttpResponse r =
        parse(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n"
                + "7\r\n, world\r\n"
                + "0\r\nTrailer: x\r\n\r\n",
            100);
    assertThat(body(r)).isEqualTo("hello, world");
    assertThat(r.bodyBytes()).isEqualTo(12);
  }

  @Test
  void closeDelimitedBodyReadsToTheEnd() throws IOException {
    HttpResponse r = parse("HTTP/1.0 200 OK\nServer: x\n\nall of it", 100);
    assertThat(r.version()).isEqualTo("HTTP/1.0");
    assertThat(body(r)).isEqualTo("all of it");
  }

  @Test
  void bodyBeyondTheCaptureLimitIsCountedNotKept() throws IOException {
    String big = "x".repeat(50_000);
    HttpResponse r = parse("HTTP/1.1 200 OK\r\nContent-Length: 50000\r\n\r\n" + big, 10);
    assertThat(r.bodyPrefix()).hasSize(10);
    assertThat(r.bodyBytes()).isEqualTo(50_000);
    assertThat(r.bodyTruncated()).isTrue();
  }

  @Test
  void headAnd204And304HaveNoBody() throws IOException {
    HttpResponse head =
        HttpResponseParser.parse(
            new ByteArrayInputStream(
                "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)),
            true,
            100);
    assertThat(head.bodyBytes()).isZero();
    assertThat(parse("HTTP/1.1 204 No Content\r\n\r\n", 10).bodyBytes()).isZero();
    assertThat(parse("HTTP/1.1 304 Not Modified\r\nContent-Length: 7\r\n\r\n", 10).bodyBytes())
        .isZero();
  }

  @Test
  void interimResponsesAreSkipped() throws IOException {
    HttpResponse r =
        parse(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", 10);
    assertThat(r.status()).isEqualTo(201);
    assertThat(body(r)).isEqualTo("ok");
  }

  @Test
  void emptyReasonAndFoldedHeadersAreAccepted() throws IOException {
    HttpResponse r = parse("HTTP/1.1 503\r\nX-Long: a\r\n  b\r\nContent-Length: 0\r\n\r\n", 10);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.reason()).isEmpty();
    assertThat(r.header("X-Long")).contains("a b");
  }

  @Test
  void malformedInputIsAProtocolError() {
    String[] bad = {
      "",
      "SSH-2.0-OpenSSH_9.6\r\n",
      "HTTP/1.1 20 OK\r\n\r\n",
      "HTTP/1.1 2000 OK\r\n\r\n",
      "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
      "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloX\r\n0\r\n\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
      "HTTP/1.1 200 OK\r\nX: " + "y".repeat(10_000) + "\r\n\r\n",
      "HTTP/1.1 200 OK\r\nX: y",
    };
    for (String raw : bad) {
      assertThatThrownBy(() -> parse(raw, 10))
          .as("%s", raw.length() > 60 ? raw.substring(0, 60) : raw)
          .isInstanceOf(HttpProtocolException.class);
    }
  }

  @Test
  void tooManyHeadersAreRefused() {
    String raw = "HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(HttpResponseParser.MAX_HEADERS + 1);
    assertThatThrownBy(() -> parse(raw + "\r\n", 10))
        .isInstanceOf(HttpProtocolException.class)
        .hasMessageContaining("header fields");
  }

  @Test
  void randomBytesNeverThrowAnythingButProtocolErrors() {
    Random random = new Random(42);
    String[] prefixes = {
      "", "HTTP/1.1 200 OK\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    };
    for (int i = 0; i < 2000; i++) {
      byte[] noise = new byte[random.nextInt(200)];
      random.nextBytes(noise);
      byte[] prefix = prefixes[i % prefixes.length].getBytes(StandardCharsets.US_ASCII);
      byte[] input = new byte[prefix.length + noise.length];
      System.arraycopy(prefix, 0, input, 0, prefix.length);
      System.arraycopy(noise, 0, input, prefix.length, noise.length);
      try {
        HttpResponseParser.parse(new ByteArrayInputStream(input), false, 64);
      } catch (HttpProtocolException expected) {
        // fine: controlled failure
      } catch (Exception e) {
        throw new AssertionError("uncontrolled " + e + " for input #" + i, e);
      }
    }
  }
}
