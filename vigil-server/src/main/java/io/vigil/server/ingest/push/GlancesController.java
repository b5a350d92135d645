package io.vigil.server.ingest.push;

import io.vigil.model.WireCodec;
import io.vigil.server.auth.IngestPrincipal;
import io.vigil.server.ingest.IngestBodies;
import io.vigil.server.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Glances' RESTful exporter ({@code glances --export restful}): it POSTs all its stats as one JSON
 * object every refresh. Glances sends no credentials of its own, but its URL may carry them: with
 * {@code host = vigil:<ingest token>@server} in {@code [restful]} the request comes with HTTP basic
 * credentials (see docs/integrations.md). The host is the {@code host} parameter, else Glances' own
 * {@code system.hostname}.
 */
@RestController
class GlancesController {

  private final PushIngest ingest;
  private final WireCodec codec = WireCodec.strict();

  GlancesController(PushIngest ingest) {
    this.ingest = ingest;
  }

  @PostMapping("/api/v1/glances")
  ResponseEntity<Object> stats(
      @RequestParam(required = false) String host,
      @AuthenticationPrincipal IngestPrincipal writer,
      HttpServletRequest request)
      throws IOException {
    ingest.gate().requireDiskSpace();
    JsonNode stats;
    try (InputStream body = IngestBodies.open(request, ingest.gate().limits())) {
      stats = codec.mapper().readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest("the body is not the JSON object Glances sends");
    } catch (IOException e) {
      throw IngestBodies.translate(e);
    }
    if (stats == null || !stats.isObject()) {
      throw ApiException.badRequest("the body is not the JSON object Glances sends");
    }
    String hostname = host != null && !host.isBlank() ? host : GlancesStats.hostname(stats);
    if (hostname == null) {
      throw ApiException.badRequest(
          "no host: Glances' system plugin sent no hostname; add ?host=<name> to the path");
    }
    Instant now = Instant.now();
    PushWriter push = ingest.writer(ingest.catalog().glances(), List.of(), writer, now);
    List<GlancesStats.PluginSample> samples = GlancesStats.samples(stats, now.toEpochMilli());
    for (int i = 0; i < samples.size(); i++) {
      push.accept(i + 1, hostname, samples.get(i).sample());
    }
    return ingest.answer(push.finish());
  }
}
