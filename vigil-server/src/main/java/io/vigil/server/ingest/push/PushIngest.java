package io.vigil.server.ingest.push;

import io.vigil.server.auth.IngestPrincipal;
import io.vigil.server.ingest.IngestGate;
import io.vigil.server.ingest.mapping.MappingCatalog;
import io.vigil.server.ingest.mapping.SampleMapper;
import io.vigil.server.inventory.HostProvisioning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What the push protocols' endpoints share: the ingest gate, host provisioning, the mapping
 * catalogues, the new-host budget, and the InfluxDB-style answer to a request some of whose lines
 * were refused.
 */
@Component
class PushIngest {

  private final IngestGate gate;
  private final HostProvisioning hosts;
  private final MappingCatalog catalog;
  private final IlpProperties properties;
  private final NewHostBudget newHosts;

  PushIngest(
      IngestGate gate, HostProvisioning hosts, MappingCatalog catalog, IlpProperties properties) {
    this.gate = gate;
    this.hosts = hosts;
    this.catalog = catalog;
    this.properties = properties;
    this.newHosts = new NewHostBudget(properties.maxNewHostsPerMinute());
  }

  IngestGate gate() {
    return gate;
  }

  HostProvisioning hosts() {
    return hosts;
  }

  MappingCatalog catalog() {
    return catalog;
  }

  IlpProperties properties() {
    return properties;
  }

  NewHostBudget newHosts() {
    return newHosts;
  }

  /**
   * A writer for one request.
   *
   * @param mapper the catalogues that apply
   * @param hostTags the tags that name a line's host, in order of preference
   */
  PushWriter writer(
      SampleMapper mapper, List<String> hostTags, IngestPrincipal principal, Instant now) {
    return new PushWriter(
        this, mapper, hostTags, principal, gate.window(now), properties.refusedLinesListed());
  }

  /** The host tags for line protocol written to {@code database}. */
  List<String> hostTags(String database) {
    List<String> tags = new ArrayList<>();
    tags.add(properties.hostTag());
    for (String fallback : catalog.fallbackHostTags(database)) {
      if (!tags.contains(fallback)) {
        tags.add(fallback);
      }
    }
    return tags;
  }

  /**
   * 204 when every line was taken; otherwise 400 in InfluxDB's words ({@code unable to parse …}
   * when nothing was written, {@code partial write: …} when some lines were), which Telegraf and
   * InfluxDB clients log and do not retry, with Vigil's details beside them.
   */
  ResponseEntity<Object> answer(PushWriter.Result result) {
    if (result.refused() == 0) {
      return ResponseEntity.noContent().build();
    }
    PushWriter.Refusal first = result.refusals().get(0);
    String lines =
        result.refusals().stream()
            .map(r -> Integer.toString(r.line()))
            .reduce((a, b) -> a + ", " + b)
            .orElse("");
    String text =
        (result.written() == 0 ? "unable to parse: " : "partial write: ")
            + "line "
            + first.line()
            + ": "
            + first.reason()
            + " ("
            + result.refused()
            + " line(s) refused"
            + (result.refused() > result.refusals().size() ? ", first: " : ": ")
            + lines
            + "; "
            + result.written()
            + " written) dropped="
            + result.refused();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", text);
    body.put("code", "invalid");
    body.put("message", text);
    body.put("written", result.written());
    body.put("refused", result.refused());
    body.put("refusedLines", result.refusals().stream().map(PushWriter.Refusal::line).toList());
    body.put("errors", result.refusals());
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }
}
