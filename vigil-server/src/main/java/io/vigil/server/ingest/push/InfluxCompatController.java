package io.vigil.server.ingest.push;

import io.vigil.server.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The little of InfluxDB 1's API that writers ask before they write: {@code /ping}, and {@code
 * /query} with {@code SHOW DATABASES} (Glances checks its database exists) and {@code CREATE
 * DATABASE} (Telegraf creates its own). Vigil has no databases to create or list — any name is
 * written to — so these answer what the writers need; every other query is refused, since Vigil is
 * queried through its own API.
 */
@RestController
class InfluxCompatController {

  /** What InfluxDB 1 answers a query with. */
  record QueryResponse(List<Map<String, Object>> results) {}

  private final PushIngest ingest;

  InfluxCompatController(PushIngest ingest) {
    this.ingest = ingest;
  }

  @RequestMapping(
      value = "/ping",
      method = {RequestMethod.GET, RequestMethod.HEAD})
  ResponseEntity<Void> ping() {
    return ResponseEntity.noContent()
        .header("X-Influxdb-Version", "1.8.10")
        .header("X-Influxdb-Build", "OSS")
        .build();
  }

  @RequestMapping(
      value = "/query",
      method = {RequestMethod.GET, RequestMethod.POST})
  ResponseEntity<QueryResponse> query(
      @RequestParam(required = false) String q, @RequestParam(required = false) String db) {
    // JSON whatever the client accepts: InfluxDB 1 clients ask for msgpack first.
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer(q, db));
  }

  private QueryResponse answer(String q, String db) {
    String statement = q == null ? "" : q.strip();
    String upper = statement.toUpperCase(Locale.ROOT);
    if (upper.equals("SHOW DATABASES")) {
      List<List<String>> names = new ArrayList<>();
      ingest.catalog().lineSourceNames().forEach(name -> names.add(List.of(name)));
      if (db != null && !db.isBlank() && !ingest.catalog().lineSourceNames().contains(db)) {
        names.add(List.of(db));
      }
      return new QueryResponse(
          List.of(
              Map.of(
                  "statement_id",
                  0,
                  "series",
                  List.of(
                      Map.of("name", "databases", "columns", List.of("name"), "values", names)))));
    }
    if (upper.startsWith("CREATE DATABASE")) {
      return new QueryResponse(List.of(Map.of("statement_id", 0)));
    }
    throw ApiException.badRequest(
        "Vigil takes line-protocol writes here; it answers SHOW DATABASES and CREATE DATABASE"
            + " only. Query its data through /api/v1/query (docs/api.md).");
  }
}
