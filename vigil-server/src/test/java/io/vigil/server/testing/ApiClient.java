package io.vigil.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.WireCodec;
import io.vigil.server.VigilServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A real HTTP client for tests: keeps the session cookie and echoes the CSRF token like the UI. */
public final class ApiClient {

  /** A response with its body as text and, on demand, as a JSON tree. */
  public record Response(int status, String body, Map<String, java.util.List<String>> headers) {
    public JsonNode json() {
      return WireCodec.lenient().mapper().readTree(body);
    }

    /** The body as JSON after checking the answer was 200: a failure then names what came. */
    public JsonNode okJson() {
      if (status != 200) {
        throw new AssertionError("expected 200 but got " + status + ": " + body);
      }
      return json();
    }
  }

  private final URI base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private String bearer;

  public ApiClient(URI base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** A client of {@code server} logged in as {@code admin} with the generated password. */
  public static ApiClient loggedInAdmin(VigilServer server) {
    ApiClient admin = new ApiClient(server.baseUri());
    Response login = admin.login("admin", server.generatedAdminPassword().orElseThrow());
    assertThat(login.status()).as("admin login: %s", login.body()).isEqualTo(200);
    return admin;
  }

  public ApiClient withBearer(String token) {
    this.bearer = token;
    return this;
  }

  public Response login(String username, String password) {
    return post(
        "/api/v1/auth/login",
        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response put(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A PUT without a body, e.g. to attach one thing to another. */
  public Response put(String path) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()));
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  public Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.body(), response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    }
    for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
      if (cookie.getName().equals("XSRF-TOKEN")) {
        builder.header("X-XSRF-TOKEN", cookie.getValue());
      }
    }
    return builder;
  }

  public HttpClient client() {
    return http;
  }

  public boolean hasCookie(String name) {
    return cookies.getCookieStore().getCookies().stream().anyMatch(c -> c.getName().equals(name));
  }
}
