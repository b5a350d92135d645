package io.vigil.storage.victoriametrics;

import io.vigil.model.InvalidInputException;
import io.vigil.storage.StoreUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP conversation with VictoriaMetrics: imports with bounded retries, Prometheus API queries
 * sent as POST forms (a thousand host names do not fit in a URL), export streamed line by line.
 * Failures become {@link StoreUnavailableException} (cannot reach it, it is overloaded, it refused
 * our credentials) or {@link InvalidInputException} (it refused a query, e.g. one over its limits).
 */
final class VmClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VmClient.class);
  private static final int MAX_ERROR_TEXT = 300;

  private final VictoriaMetricsSettings settings;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();
  private final String authorization;
  private final java.util.concurrent.atomic.AtomicLong importedBytes =
      new java.util.concurrent.atomic.AtomicLong();

  VmClient(VictoriaMetricsSettings settings) {
    this.settings = settings;
    this.authorization = settings.authorization();
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // VictoriaMetrics speaks no cleartext HTTP/2
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Sends one Prometheus-text body to the import API and returns once VictoriaMetrics accepted it
   * (2xx). Retries what may pass (no connection, a timeout, 429, 5xx) after a doubling back-off.
   */
  void importText(byte[] text) {
    byte[] body = settings.gzip() ? gzip(text) : text;
    HttpRequest.Builder request =
        request(settings.writeUrl(), "/api/v1/import/prometheus", settings.writeTimeout())
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (settings.gzip()) {
      request.header("Content-Encoding", "gzip");
    }
    HttpRequest built = request.build();
    long backoff = settings.retryBackoff().toMillis();
    for (int attempt = 0; ; attempt++) {
      RuntimeException failure;
      try {
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          importedBytes.addAndGet(body.length);
          return;
        }
        if (status == 401 || status == 403) {
          // Not our data's fault: agents keep their batches until the credentials are fixed.
          throw unavailable("the import", status, excerpt(response));
        }
        if (status != 429 && status < 500) {
          // Nothing a retry changes: a limit of VictoriaMetrics or a mistake in what we sent.
          throw new IllegalStateException(
              "VictoriaMetrics refused the import with HTTP " + status + ": " + excerpt(response));
        }
        failure = unavailable("the import", status, excerpt(response));
      } catch (IOException e) {
        failure = unreachable(settings.writeUrl(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("interrupted while writing to VictoriaMetrics", e);
      }
      if (attempt >= settings.writeRetries()) {
        throw failure;
      }
      LOG.warn(
          "Import failed ({}); attempt {} in {} ms", failure.getMessage(), attempt + 2, backoff);
      pause(backoff);
      backoff *= 2;
    }
  }

  long importedBytes() {
    return importedBytes.get();
  }

  /** A Prometheus API call ({@code /api/v1/query}, {@code .../labels}, ...): its {@code data}. */
  JsonNode api(String path, Map<String, String> form) {
    HttpRequest request = form(settings.queryUrl(), path, form);
    HttpResponse<String> response = sendQuery(request, HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = json.readTree(response.body());
    } catch (RuntimeException e) {
      body = null;
    }
    if (response.statusCode() == 200 && body != null && "success".equals(text(body, "status"))) {
      return body.get("data");
    }
    String error = body == null ? excerpt(response) : text(body, "error");
    throw refusedQuery(response.statusCode(), error);
  }

  /** {@code /api/v1/export}: every series' raw samples, one JSON object per line. */
  void export(Map<String, String> form, Consumer<JsonNode> series) {
    HttpRequest request = form(settings.queryUrl(), "/api/v1/export", form);
    HttpResponse<Stream<String>> response = sendQuery(request, HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = response.body()) {
      if (response.statusCode() != 200) {
        String text = String.join("\n", lines.limit(5).toList());
        throw refusedQuery(response.statusCode(), cut(text));
      }
      lines.filter(line -> !line.isBlank()).forEach(line -> series.accept(json.readTree(line)));
    } catch (UncheckedIOException e) {
      throw unreachable(settings.queryUrl(), e.getCause());
    }
  }

  /** A page in Prometheus text format, e.g. {@code /metrics}. */
  String text(URI page) {
    HttpRequest request =
        request(page, "", settings.queryTimeout()).GET().header("Accept", "text/plain").build();
    HttpResponse<String> response = sendQuery(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw unavailable(page.toString(), response.statusCode(), excerpt(response));
    }
    return response.body();
  }

  /** Whether VictoriaMetrics answers its health page at the base URL's host. */
  boolean healthy(URI base) {
    try {
      HttpRequest request = request(base.resolve("/health"), "", settings.connectTimeout()).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    http.close();
  }

  private <T> HttpResponse<T> sendQuery(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      try {
        return http.send(request, handler);
      } catch (IOException first) {
        // A query is idempotent: one more try covers a pooled connection the server had closed.
        return http.send(request, handler);
      }
    } catch (IOException e) {
      throw unreachable(request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while querying VictoriaMetrics", e);
    }
  }

  private HttpRequest form(URI base, String path, Map<String, String> form) {
    StringJoiner body = new StringJoiner("&");
    form.forEach(
        (name, value) ->
            body.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return request(base, path, settings.queryTimeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }

  private HttpRequest.Builder request(URI base, String path, Duration timeout) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private RuntimeException refusedQuery(int status, String error) {
    if (status == 400 || status == 422) {
      return new InvalidInputException("VictoriaMetrics refused the query: " + cut(error));
    }
    return unavailable("the query", status, error);
  }

  private static StoreUnavailableException unavailable(String what, int status, String text) {
    String why =
        status == 401 || status == 403 ? " (check vigil.storage.victoriametrics credentials)" : "";
    return new StoreUnavailableException(
        "VictoriaMetrics answered " + what + " with HTTP " + status + why + ": " + cut(text));
  }

  private static StoreUnavailableException unreachable(URI where, IOException e) {
    return new StoreUnavailableException(
        "VictoriaMetrics at "
            + where.getScheme()
            + "://"
            + where.getAuthority()
            + " cannot be"
            + " reached: "
            + e,
        e);
  }

  private static byte[] gzip(byte[] text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length / 6 + 64);
    try (GZIPOutputStream zip =
        new GZIPOutputStream(out, 64 * 1024) {
          {
            def.setLevel(Deflater.BEST_SPEED); // the wire is rarely the bottleneck; CPU here is
          }
        }) {
      zip.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return out.toByteArray();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis); // back-off between retries of a failed import
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while writing to VictoriaMetrics", e);
    }
  }

  private static String text(JsonNode node, String property) {
    JsonNode value = node.get(property);
    return value == null ? null : value.asString();
  }

  private static String excerpt(HttpResponse<String> response) {
    return cut(response.body());
  }

  private static String cut(String text) {
    if (text == null) {
      return "";
    }
    String one = text.strip().replace('\n', ' ');
    return one.length() > MAX_ERROR_TEXT ? one.substring(0, MAX_ERROR_TEXT) + "…" : one;
  }
}
