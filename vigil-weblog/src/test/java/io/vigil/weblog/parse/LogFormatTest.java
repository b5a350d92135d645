package io.vigil.weblog.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LogFormatTest {

  /** The parsed fields of one line as text, for assertions. */
  record Parsed(
      String client,
      HttpMethod method,
      String url,
      int status,
      long bytes,
      String referrer,
      String agent,
      long micros,
      String vhost,
      String upstream,
      String time) {}

  static Parsed parse(LogFormat format, String line) {
    byte[] b = ("xx" + line + "yy").getBytes(UTF_8); // the line inside a larger buffer
    ParsedLine p = new ParsedLine();
    boolean ok = format.parse(b, 2, b.length - 2, p);
    if (!ok) {
      return null;
    }
    return new Parsed(
        ParsedLine.text(b, p.clientStart(), p.clientEnd()),
        p.method(),
        ParsedLine.text(b, p.urlStart(), p.urlEnd()),
        p.status(),
        p.bytes(),
        ParsedLine.text(b, p.referrerStart(), p.referrerEnd()),
        ParsedLine.text(b, p.agentStart(), p.agentEnd()),
        p.responseMicros(),
        ParsedLine.text(b, p.vhostStart(), p.vhostEnd()),
        ParsedLine.text(b, p.upstreamStart(), p.upstreamEnd()),
        ParsedLine.text(b, p.timeStart(), p.timeEnd()));
  }

  @Nested
  class Common {
    final LogFormat common = LogFormat.of("common", null);

    @Test
    void readsTheApacheDocumentationExample() {
      Parsed p =
          parse(
              common,
              "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326");
      assertThat(p)
          .isEqualTo(
              new Parsed(
                  "127.0.0.1",
                  HttpMethod.GET,
                  "/apache_pb.gif",
                  200,
                  2326,
                  null,
                  null,
                  -1,
                  null,
                  null,
                  "10/Oct/2000:13:55:36 -0700"));
      assertThat(common.hasReferrer()).isFalse();
      assertThat(common.hasResponseTime()).isFalse();
    }

    @Test
    void aDashForBytesIsZeroAndCombinedLinesAreReadToo() {
      Parsed p =
          parse(
              common,
              "::1 - - [01/Jun/2024:00:00:00 +0900] \"HEAD / HTTP/1.1\" 304 - \"-\" \"curl/8.5.0\"");
      assertThat(p.client()).isEqualTo("::1");
      assertThat(p.method()).isEqualTo(HttpMethod.HEAD);
      assertThat(p.status()).isEqualTo(304);
      assertThat(p.bytes()).isZero();
    }
  }

  @Nested
  class Combined {
    final LogFormat combined = LogFormat.of("combined", null);

    @Test
    void readsReferrerAndUserAgent() {
      Parsed p =
          parse(
              combined,
              "203.0.113.9 - - [01/Jun/2024:10:00:01 +0900] \"POST /api/v1/login?next=/a HTTP/2.0\""
                  + " 401 512 \"https://example.com/login\" \"Mozilla/5.0 (X11; Linux x86_64)"
                  + " Firefox/125.0\"");
      assertThat(p.method()).isEqualTo(HttpMethod.POST);
      assertThat(p.url()).isEqualTo("/api/v1/login?next=/a");
      assertThat(p.status()).isEqualTo(401);
      assertThat(p.bytes()).isEqualTo(512);
      assertThat(p.referrer()).isEqualTo("https://example.com/login");
      assertThat(p.agent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0");
    }

    @Test
    void escapedAndStrayQuotesStayInsideTheirField() {
      Parsed apache =
          parse(
              combined,
              "10.0.0.1 - - [01/Jun/2024:10:00:01 +0900] \"GET /q?a=\\\"x\\\" HTTP/1.1\" 200 1"
                  + " \"-\" \"agent \\\"quoted\\\" \"");
      assertThat(apache.url()).isEqualTo("/q?a=\\\"x\\\"");
      assertThat(apache.agent()).isEqualTo("agent \\\"quoted\\\" ");
      Parsed stray =
          parse(
              combined,
              "10.0.0.1 - - [01/Jun/2024:10:00:01 +0900] \"GET /a\"b HTTP/1.1\" 200 1 \"r\"x\""
                  + " \"ua\"");
      assertThat(stray.url()).as("a quote not followed by the next literal").isEqualTo("/a\"b");
      assertThat(stray.referrer()).isEqualTo("r\"x");
      assertThat(stray.agent()).isEqualTo("ua");
    }

    @Test
    void aRequestLineWithoutUrlCountsWithMethodOther() {
      Parsed dash =
          parse(combined, "10.0.0.1 - - [01/Jun/2024:10:00:01 +0900] \"-\" 400 0 \"-\" \"-\"");
      assertThat(dash.method()).isEqualTo(HttpMethod.OTHER);
      assertThat(dash.url()).isNull();
      assertThat(dash.status()).isEqualTo(400);
      Parsed probe =
          parse(
              combined,
              "10.0.0.1 - - [01/Jun/2024:10:00:01 +0900] \"\\x16\\x03\\x01\\x02\\x00\\x01\" 400 157"
                  + " \"-\" \"-\"");
      assertThat(probe.method()).isEqualTo(HttpMethod.OTHER);
      Parsed http09 =
          parse(combined, "10.0.0.1 - - [01/Jun/2024:10:00:01 +0900] \"GET /x\" 200 5 \"-\" \"-\"");
      assertThat(http09.url()).isEqualTo("/x");
      Parsed propfind =
          parse(
              combined,
              "10.0.0.1 - - [01/Jun/2024:10:00:01 +0900] \"PROPFIND /dav HTTP/1.1\" 207 5 \"-\" \"-\"");
      assertThat(propfind.method()).isEqualTo(HttpMethod.OTHER);
      assertThat(propfind.url()).isEqualTo("/dav");
    }

    @Test
    void linesThatDoNotFitAreRefused() {
      String good =
          "10.0.0.1 - - [01/Jun/2024:10:00:01 +0900] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\"";
      assertThat(parse(combined, good)).isNotNull();
      assertThat(parse(combined, "")).isNull();
      assertThat(parse(combined, "garbage")).isNull();
      assertThat(parse(combined, good.replace("200", "20"))).as("two-digit status").isNull();
      assertThat(parse(combined, good.replace("200", "600"))).as("status 600").isNull();
      assertThat(parse(combined, good.replace("200", "2x0"))).isNull();
      assertThat(parse(combined, good.replace(" 1 ", " 1k "))).as("bytes").isNull();
      assertThat(parse(combined, good.replace("[01/Jun", "01/Jun"))).as("no bracket").isNull();
      assertThat(parse(combined, good.replace("01/Jun/2024:10", "1/Jun/2024:10"))).isNull();
      assertThat(parse(combined, good.substring(0, 60))).as("cut").isNull();
    }
  }

  @Nested
  class Nginx {
    final LogFormat nginx =
        LogFormat.of(
            "nginx",
            "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                + " \"$http_referer\" \"$http_user_agent\" $request_time $upstream_addr $host");

    @Test
    void readsResponseTimeUpstreamAndHost() {
      Parsed p =
          parse(
              nginx,
              "192.0.2.7 - - [01/Jun/2024:10:00:01 +0900] \"GET /cart HTTP/1.1\" 200 612 \"-\""
                  + " \"curl/8.5.0\" 0.123 10.0.0.5:8080 shop.example.com");
      assertThat(p.micros()).isEqualTo(123_000);
      assertThat(p.upstream()).isEqualTo("10.0.0.5:8080");
      assertThat(p.vhost()).isEqualTo("shop.example.com");
      assertThat(nginx.hasResponseTime()).isTrue();
      assertThat(nginx.hasUpstream()).isTrue();
      assertThat(nginx.hasVhost()).isTrue();
    }

    @Test
    void anUpstreamListEndsAtTheServerThatAnswered() {
      Parsed p =
          parse(
              nginx,
              "192.0.2.7 - - [01/Jun/2024:10:00:01 +0900] \"GET /cart HTTP/1.1\" 502 0 \"-\""
                  + " \"curl/8.5.0\" 1.000 10.0.0.5:8080, 10.0.0.6:8080 : 10.0.0.7:8080 shop");
      assertThat(p.upstream()).isEqualTo("10.0.0.7:8080");
      assertThat(p.vhost()).isEqualTo("shop");
      Parsed none =
          parse(
              nginx,
              "192.0.2.7 - - [01/Jun/2024:10:00:01 +0900] \"GET /s.css HTTP/1.1\" 200 9 \"-\""
                  + " \"curl/8.5.0\" 0.000 - shop");
      assertThat(none.upstream()).isEqualTo("-");
      assertThat(none.micros()).isZero();
    }

    @Test
    void upstreamResponseTimesOfEveryTriedServerAreSummed() {
      LogFormat upstreamOnly =
          LogFormat.of("nginx", "$remote_addr \"$request\" $status $upstream_response_time end");
      assertThat(
              parse(upstreamOnly, "1.2.3.4 \"GET / HTTP/1.1\" 200 0.010, 0.120 : 0.003 end")
                  .micros())
          .isEqualTo(133_000);
      assertThat(parse(upstreamOnly, "1.2.3.4 \"GET / HTTP/1.1\" 200 - end").micros())
          .isEqualTo(-1);
      assertThat(parse(upstreamOnly, "1.2.3.4 \"GET / HTTP/1.1\" 200 abc end")).isNull();
    }

    @Test
    void requestTimeWinsOverUpstreamTimeWhateverTheOrder() {
      LogFormat both =
          LogFormat.of("nginx", "$status $upstream_response_time $request_time \"$request\"");
      assertThat(parse(both, "200 0.100 0.250 \"GET / HTTP/1.1\"").micros()).isEqualTo(250_000);
    }

    @Test
    void separateMethodAndUriVariablesAndBracedNames() {
      LogFormat split =
          LogFormat.of(
              "nginx",
              "${remote_addr}|$time_iso8601|$request_method|$request_uri|$status|$bytes_sent|$msec");
      Parsed p =
          parse(
              split,
              "10.1.1.1|2024-06-01T10:00:01+09:00|DELETE|/items/5?x=1|204|310|1717203601.123");
      assertThat(p.client()).isEqualTo("10.1.1.1");
      assertThat(p.method()).isEqualTo(HttpMethod.DELETE);
      assertThat(p.url()).isEqualTo("/items/5?x=1");
      assertThat(p.status()).isEqualTo(204);
      assertThat(p.bytes()).isEqualTo(310);
      assertThat(p.time()).isEqualTo("2024-06-01T10:00:01+09:00");
    }

    @Test
    void aBodyPastedWithNginxQuotesIsJoined() {
      LogFormat quoted =
          LogFormat.of("nginx", "'$remote_addr [$time_local] ' '\"$request\" $status'");
      Parsed p = parse(quoted, "1.1.1.1 [01/Jun/2024:10:00:01 +0900] \"GET /a HTTP/1.1\" 500");
      assertThat(p.status()).isEqualTo(500);
      assertThat(p.url()).isEqualTo("/a");
    }

    @Test
    void unknownVariablesAreSkippedAndXForwardedForGivesTheFirstAddress() {
      LogFormat f =
          LogFormat.of(
              "nginx",
              "$http_x_forwarded_for $connection [$time_local] \"$request\" $status"
                  + " $upstream_status $ssl_protocol");
      Parsed p =
          parse(
              f,
              "198.51.100.1, 10.0.0.1 8812 [01/Jun/2024:10:00:01 +0900] \"GET / HTTP/1.1\" 200"
                  + " 502, 200 TLSv1.3");
      assertThat(p.client()).isEqualTo("198.51.100.1");
      assertThat(p.status()).isEqualTo(200);
    }

    @Test
    void formatsThatCannotBeReadAreRefusedWithAReason() {
      assertThatThrownBy(() -> LogFormat.of("nginx", "$remote_addr $request"))
          .hasMessageContaining("no status code");
      assertThatThrownBy(() -> LogFormat.of("nginx", "$status$body_bytes_sent"))
          .hasMessageContaining("$status and $body_bytes_sent follow each other");
      assertThatThrownBy(() -> LogFormat.of("nginx", "$status $"))
          .hasMessageContaining("'$' without a variable name");
      assertThatThrownBy(() -> LogFormat.of("nginx", " "))
          .hasMessageContaining("log_format is required");
      assertThatThrownBy(() -> LogFormat.of("json", null)).hasMessageContaining("format must be");
    }
  }

  @Nested
  class Apache {
    final LogFormat apache =
        LogFormat.of(
            "apache", "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" %D %v");

    @Test
    void readsMicrosecondsAndTheVirtualHost() {
      Parsed p =
          parse(
              apache,
              "172.16.0.4 - - [01/Jun/2024:10:00:01 +0900] \"GET /wiki/Main_Page HTTP/1.1\" 200"
                  + " 10452 \"-\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0\""
                  + " 48211 wiki.example.org");
      assertThat(p.micros()).isEqualTo(48_211);
      assertThat(p.vhost()).isEqualTo("wiki.example.org");
      assertThat(p.time()).isEqualTo("01/Jun/2024:10:00:01 +0900");
      assertThat(apache.hasUpstream()).isFalse();
    }

    @Test
    void timeUnitsOfPercentT() {
      assertThat(parse(LogFormat.of("apache", "%>s %T"), "200 2").micros()).isEqualTo(2_000_000);
      assertThat(parse(LogFormat.of("apache", "%>s %{ms}T"), "200 15").micros()).isEqualTo(15_000);
      assertThat(parse(LogFormat.of("apache", "%>s %{us}T"), "200 15").micros()).isEqualTo(15);
    }

    @Test
    void pathFollowedByQueryIsOneUrlAndConfigEscapesAreUndone() {
      LogFormat f = LogFormat.of("apache", "\"%a %m %U%q %H\\\" %<s %>s %O\"");
      Parsed p = parse(f, "10.9.8.7 PUT /doc/1?v=2 HTTP/1.1\" 201 204 88");
      assertThat(p.method()).isEqualTo(HttpMethod.PUT);
      assertThat(p.url()).isEqualTo("/doc/1?v=2");
      assertThat(p.status()).as("%>s, the final status, wins").isEqualTo(204);
      assertThat(p.bytes()).isEqualTo(88);
    }

    @Test
    void percentPercentIsALiteral() {
      assertThat(parse(LogFormat.of("apache", "%>s %% %b"), "200 % 12").bytes()).isEqualTo(12);
    }

    @Test
    void unclosedParametersAreRefused() {
      assertThatThrownBy(() -> LogFormat.of("apache", "%>s %{Referer"))
          .hasMessageContaining("unclosed");
      assertThatThrownBy(() -> LogFormat.of("apache", "%h %")).hasMessageContaining("ends inside");
    }
  }
}
