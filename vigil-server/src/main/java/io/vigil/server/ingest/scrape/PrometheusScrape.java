package io.vigil.server.ingest.scrape;

import io.vigil.checks.CheckOutcome;
import io.vigil.model.CheckStatus;
import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import io.vigil.server.checks.ServerCheckKind;
import io.vigil.server.ingest.IngestGate;
import io.vigil.server.ingest.mapping.ForeignSample;
import io.vigil.server.ingest.mapping.MappingCatalog;
import io.vigil.server.ingest.mapping.SampleMapper;
import io.vigil.server.inventory.HostDirectory;
import io.vigil.server.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.springframework.stereotype.Component;

/**
 * The {@code prometheus} item kind: scrapes a text exposition on the server at the item's interval
 * and stores it like any other data of the host — node_exporter's main families mapped onto Vigil's
 * measurements (catalog/ingest/node-exporter.yml), other families under their own names — within
 * the ingest limits every protocol shares (timestamps, series cap, rate, free disk). The item's own
 * result says how the scrape went: CRITICAL when the endpoint cannot be read, WARNING when
 * something had to be left out (a limit, malformed lines, refused samples), with the counts as
 * metrics.
 */
@Component
class PrometheusScrape implements ServerCheckKind {

  private static final String ACCEPT = "text/plain;version=0.0.4;q=1,text/plain;q=0.5,*/*;q=0.1";

  private final MappingCatalog catalog;
  private final IngestGate gate;
  private final HttpClient verifying;
  private final HttpClient trusting;

  PrometheusScrape(MappingCatalog catalog, IngestGate gate) {
    this.catalog = catalog;
    this.gate = gate;
    this.verifying = client(null);
    this.trusting = client(trustAll());
  }

  @Override
  public String kind() {
    return ScrapeSettings.KIND;
  }

  @Override
  public Run run(String itemKey, Map<String, String> params, HostDirectory.HostRef host) {
    ScrapeSettings settings = ScrapeSettings.of(params);
    Instant now = Instant.now();
    Body body;
    try {
      body = fetch(settings);
    } catch (IOException e) {
      return Run.of(
          CheckOutcome.of(CheckStatus.CRITICAL, "cannot scrape " + settings.url() + ": " + e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Run.of(CheckOutcome.of(CheckStatus.UNKNOWN, "interrupted"));
    }
    if (body.status() != 200) {
      return Run.of(
          CheckOutcome.of(
              CheckStatus.CRITICAL, settings.url() + " answered HTTP " + body.status()));
    }
    ExpositionParser.Result parsed = new ExpositionParser(settings.maxSamples()).parse(body.text());
    List<Point> points = new ArrayList<>();
    int refused = map(host, parsed, settings, now, points);
    List<String> problems = new ArrayList<>();
    if (body.truncated()) {
      problems.add("cut at " + settings.maxBytes() + " bytes (max_bytes)");
    }
    if (parsed.dropped() > 0) {
      problems.add(parsed.dropped() + " samples over max_samples dropped");
    }
    if (parsed.malformed() > 0) {
      problems.add(parsed.malformed() + " malformed lines skipped");
    }
    if (refused > 0) {
      problems.add(refused + " samples refused (names, values or timestamps Vigil cannot store)");
    }
    try {
      if (!points.isEmpty()) {
        gate.requireDiskSpace();
        gate.admitSeries(host.key(), points);
        gate.admitRate(host.key(), points.size());
      }
    } catch (ApiException e) {
      problems.add("nothing stored: " + e.getMessage());
      points = List.of();
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("samples", (double) parsed.samples().size());
    metrics.put("points", (double) points.size());
    metrics.put("malformed_lines", (double) parsed.malformed());
    metrics.put("dropped_samples", (double) parsed.dropped());
    metrics.put("bytes", (double) body.bytes());
    String summary =
        parsed.samples().size() + " samples, " + points.size() + " points from " + settings.url();
    CheckOutcome outcome =
        problems.isEmpty()
            ? new CheckOutcome(CheckStatus.OK, summary, metrics)
            : new CheckOutcome(
                CheckStatus.WARNING, summary + "; " + String.join("; ", problems), metrics);
    return new Run(outcome, points);
  }

  /** Maps the scraped samples into {@code points}; returns how many samples were refused. */
  private int map(
      HostDirectory.HostRef host,
      ExpositionParser.Result parsed,
      ScrapeSettings settings,
      Instant now,
      List<Point> points) {
    IngestGate.TimestampWindow window = gate.window(now);
    SampleMapper mapper = catalog.prometheus();
    SampleMapper.Tally tally = new SampleMapper.Tally();
    int refused = 0;
    for (ForeignSample sample : catalog.group(parsed.samples(), now.toEpochMilli())) {
      if (!window.accepts(sample.timestamp())) {
        refused++;
        continue;
      }
      try {
        mapper.map(host.key(), sample, points, tally, settings.keepUnmapped());
      } catch (InvalidInputException e) {
        refused++;
      }
    }
    return refused;
  }

  /** The answer: status, the text read (at most max_bytes), whether it was cut, bytes read. */
  private record Body(int status, String text, boolean truncated, long bytes) {}

  private Body fetch(ScrapeSettings settings) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(settings.url())
            .timeout(settings.timeout())
            .header("Accept", ACCEPT)
            .header("Accept-Encoding", "gzip")
            .header("User-Agent", "Vigil")
            .GET();
    if (settings.bearerToken() != null) {
      request.header("Authorization", "Bearer " + settings.bearerToken());
    }
    HttpClient client = settings.verifyTls() ? verifying : trusting;
    HttpResponse<InputStream> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream raw = response.body()) {
      if (response.statusCode() != 200) {
        return new Body(response.statusCode(), "", false, 0);
      }
      boolean gzip =
          response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip");
      InputStream in = gzip ? new GZIPInputStream(raw, 65536) : raw;
      byte[] bytes = in.readNBytes(settings.maxBytes());
      boolean truncated = in.read() >= 0;
      int end = bytes.length;
      if (truncated) {
        // Keep whole lines only: the cut one would be malformed or, worse, a different number.
        while (end > 0 && bytes[end - 1] != '\n') {
          end--;
        }
      }
      return new Body(200, new String(bytes, 0, end, StandardCharsets.UTF_8), truncated, end);
    }
  }

  private static HttpClient client(SSLContext tls) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL);
    if (tls != null) {
      builder.sslContext(tls);
    }
    return builder.build();
  }

  /** For {@code verify_tls: false}: any certificate, as curl -k. */
  private static SSLContext trustAll() {
    TrustManager any =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {any}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JDK", e);
    }
  }
}
