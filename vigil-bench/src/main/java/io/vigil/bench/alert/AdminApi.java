package io.vigil.bench.alert;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A logged-in admin session on a Vigil server: JSON calls with the session's CSRF header. */
final class AdminApi {

  private final URI server;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;

  AdminApi(URI server, String password) throws IOException, InterruptedException {
    this.server = server;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    call("GET", "/api/v1/health", null);
    call(
        "POST",
        "/api/v1/auth/login",
        "{\"username\":\"admin\",\"password\":\"" + password.replace("\"", "\\\"") + "\"}");
  }

  /** Sends a request and answers the body; anything but 2xx is an error naming the call. */
  String call(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.resolve(path))
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
      if (cookie.getName().equals("XSRF-TOKEN")) {
        request.header("X-XSRF-TOKEN", cookie.getValue());
      }
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          method + " " + path + " → " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  /** The value of {@code "id":N} in a JSON answer. */
  static long id(String json) {
    int at = json.indexOf("\"id\":");
    if (at < 0) {
      throw new IllegalStateException("no id in " + json);
    }
    int from = at + 5;
    int to = from;
    while (to < json.length() && Character.isDigit(json.charAt(to))) {
      to++;
    }
    return Long.parseLong(json.substring(from, to));
  }
}
