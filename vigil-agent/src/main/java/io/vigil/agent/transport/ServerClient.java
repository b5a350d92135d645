package io.vigil.agent.transport;

import io.vigil.agent.wire.AgentWire;
import io.vigil.model.AgentConfig;
import io.vigil.model.Enrolment;
import io.vigil.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The agent endpoints of one Vigil server (docs/api.md). Uses {@link HttpURLConnection}: one
 * blocking request at a time per server is all the agent needs, and it costs no extra threads or
 * classes the way {@code java.net.http.HttpClient} does in a 24 MB heap.
 */
public final class ServerClient {

  private static final int MAX_ERROR_BODY = 2048;
  private static final int MAX_ANSWER = 1024 * 1024;

  private final URI base;
  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;
  private final ServerTls tls;

  public ServerClient(URI base, Duration connectTimeout, Duration readTimeout) {
    this(base, connectTimeout, readTimeout, ServerTls.defaults());
  }

  public ServerClient(URI base, Duration connectTimeout, Duration readTimeout, ServerTls tls) {
    this.base = base;
    this.tls = tls;
    this.connectTimeoutMillis = (int) connectTimeout.toMillis();
    this.readTimeoutMillis = (int) readTimeout.toMillis();
  }

  public URI base() {
    return base;
  }

  public Enrolment.Response enrol(Enrolment.Request request)
      throws IOException, EnrolmentRefusedException {
    HttpURLConnection c = open("/api/v1/agent/enrol", "POST", null);
    c.setRequestProperty("Content-Type", "application/json");
    send(c, AgentWire.enrolmentRequest(request));
    int status = c.getResponseCode();
    if (status == 200) {
      try (InputStream in = c.getInputStream()) {
        Enrolment.Response response = AgentWire.enrolmentResponse(readBody(in));
        if (response.agentToken() == null || response.agentToken().isBlank()) {
          throw new IOException("enrolment answer carries no agentToken");
        }
        return response;
      } catch (InvalidInputException e) {
        throw new IOException("unreadable enrolment answer: " + e.getMessage(), e);
      }
    }
    String body = errorBody(c);
    if (status == 401 || status == 403) {
      throw new EnrolmentRefusedException("HTTP " + status + " " + body);
    }
    throw new IOException("enrolment answered HTTP " + status + " " + body);
  }

  /** Sends one spooled batch, exactly as stored (gzip JSON). Never throws for I/O problems. */
  public IngestResult ingest(String agentToken, byte[] gzipJson) {
    try {
      HttpURLConnection c = open("/api/v1/agent/ingest", "POST", agentToken);
      c.setRequestProperty("Content-Type", "application/json");
      c.setRequestProperty("Content-Encoding", "gzip");
      c.setFixedLengthStreamingMode(gzipJson.length);
      send(c, gzipJson);
      int status = c.getResponseCode();
      if (status == 200) {
        try (InputStream in = c.getInputStream()) {
          return new IngestResult.Acked(AgentWire.ack(readBody(in)));
        } catch (InvalidInputException e) {
          return new IngestResult.RetryLater("unreadable ack: " + e.getMessage());
        }
      }
      String body = errorBody(c);
      return switch (status) {
        case 400, 413, 415, 422 -> new IngestResult.Rejected(status, body);
        case 401, 403 -> new IngestResult.Unauthorized(status, body);
        default ->
            new IngestResult.RetryLater(
                "HTTP " + status + " " + body, retryAfterMillis(c.getHeaderField("Retry-After")));
      };
    } catch (IOException e) {
      return new IngestResult.RetryLater(e.toString());
    }
  }

  /**
   * {@code Retry-After} in seconds as milliseconds; 0 when absent or a date (not used by Vigil).
   */
  static long retryAfterMillis(String header) {
    if (header == null || !header.strip().matches("\\d{1,6}")) {
      return 0;
    }
    return Long.parseLong(header.strip()) * 1000;
  }

  /**
   * Trades the current agent token for a new one ({@code POST /api/v1/agent/rotate-token}); the old
   * one keeps working on the server for a grace period.
   */
  public String rotateToken(String agentToken) throws IOException {
    HttpURLConnection c = open("/api/v1/agent/rotate-token", "POST", agentToken);
    c.setFixedLengthStreamingMode(0);
    send(c, new byte[0]);
    int status = c.getResponseCode();
    if (status != 200) {
      throw new IOException("token rotation answered HTTP " + status + " " + errorBody(c));
    }
    try (InputStream in = c.getInputStream()) {
      return AgentWire.rotatedToken(readBody(in));
    } catch (InvalidInputException e) {
      throw new IOException("unreadable rotation answer: " + e.getMessage(), e);
    }
  }

  public AgentConfig fetchConfig(String agentToken) throws IOException {
    HttpURLConnection c = open("/api/v1/agent/config", "GET", agentToken);
    int status = c.getResponseCode();
    if (status != 200) {
      throw new IOException("config answered HTTP " + status + " " + errorBody(c));
    }
    try (InputStream in = c.getInputStream()) {
      return AgentWire.config(readBody(in));
    } catch (InvalidInputException e) {
      throw new IOException("unreadable config: " + e.getMessage(), e);
    }
  }

  private HttpURLConnection open(String path, String method, String token) throws IOException {
    HttpURLConnection c = (HttpURLConnection) base.resolve(path).toURL().openConnection();
    tls.apply(c);
    c.setRequestMethod(method);
    c.setConnectTimeout(connectTimeoutMillis);
    c.setReadTimeout(readTimeoutMillis);
    c.setUseCaches(false);
    c.setInstanceFollowRedirects(false);
    c.setRequestProperty("Accept", "application/json");
    c.setRequestProperty("User-Agent", "vigil-agent");
    if (token != null) {
      c.setRequestProperty("Authorization", "Bearer " + token);
    }
    return c;
  }

  /** Server answers are small; a cap keeps a misbehaving peer from exhausting the heap. */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_ANSWER);
    if (in.read() != -1) {
      throw new IOException("answer larger than " + MAX_ANSWER + " bytes");
    }
    return body;
  }

  private static void send(HttpURLConnection c, byte[] body) throws IOException {
    c.setDoOutput(true);
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
  }

  /** Reads (and so releases for keep-alive) the error body, shortened for the log. */
  private static String errorBody(HttpURLConnection c) {
    try (InputStream in = c.getErrorStream()) {
      if (in == null) {
        return "";
      }
      byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
      in.transferTo(OutputStream.nullOutputStream());
      return new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
