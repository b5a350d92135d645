package io.vigil.agent.check.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.vigil.agent.check.CheckContext;
import io.vigil.agent.check.CheckKindFixture;
import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.model.CheckStatus;
import io.vigil.model.InvalidInputException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code http} and {@code port} kinds: text parameters onto the shared vigil-checks. */
class HttpAndPortKindIT {

  @TempDir Path state;
  private HttpServer http;

  @BeforeEach
  void start() throws Exception {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/",
        ex -> {
          String token = ex.getRequestHeaders().getFirst("X-Token");
          byte[] body =
              ("hello " + ex.getRequestMethod() + " " + token).getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(
              ex.getRequestURI().getPath().equals("/gone") ? 404 : 200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    http.start();
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + path;
  }

  private CheckReport run(String kind, Map<String, String> params) throws Exception {
    CheckContext context = CheckKindFixture.context(state, List.of());
    try (RunnableCheck check = CheckKindFixture.create(kind, "item", params, context)) {
      return check.run();
    }
  }

  @Test
  void httpParametersReachTheRequestAndTheVerdict() throws Exception {
    CheckReport ok =
        run(
            "http",
            Map.of(
                "url", url("/"),
                "method", "post",
                "headers", "X-Token: abc\n",
                "body", "{}",
                "body_regex", "hello POST abc",
                "timeout", "5s"));
    assertThat(ok.status()).as(ok.message()).isEqualTo(CheckStatus.OK);
    assertThat(ok.metrics()).containsEntry("status_code", 200.0).containsKey("total_ms");

    CheckReport notFound = run("http", Map.of("url", url("/gone")));
    assertThat(notFound.status()).isEqualTo(CheckStatus.CRITICAL);
    CheckReport accepted = run("http", Map.of("url", url("/gone"), "expect_status", "200,404"));
    assertThat(accepted.status()).as(accepted.message()).isEqualTo(CheckStatus.OK);

    CheckReport forbiddenBody = run("http", Map.of("url", url("/"), "body_not_regex", "hello"));
    assertThat(forbiddenBody.status()).isEqualTo(CheckStatus.CRITICAL);

    assertThatThrownBy(() -> run("http", Map.of("url", "ftp://x/")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("http or https");
    assertThatThrownBy(() -> run("http", Map.of("url", url("/"), "headers", "no colon")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'Name: value'");
  }

  @Test
  void portParametersReachTheConnection() throws Exception {
    String port = Integer.toString(http.getAddress().getPort());
    CheckReport ok =
        run(
            "port",
            Map.of(
                "port", port,
                "send", "GET / HTTP/1.0\r\n\r\n",
                "expect", "^HTTP/1\\.\\d 200",
                "timeout", "5s"));
    assertThat(ok.status()).as(ok.message()).isEqualTo(CheckStatus.OK);
    assertThat(ok.metrics()).containsKey("connect_ms");

    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CheckReport refused = run("port", Map.of("port", Integer.toString(closed), "timeout", "2s"));
    assertThat(refused.status()).isEqualTo(CheckStatus.CRITICAL);

    assertThatThrownBy(() -> run("port", Map.of("host", "127.0.0.1")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("parameter port of kind port is required");
  }
}
