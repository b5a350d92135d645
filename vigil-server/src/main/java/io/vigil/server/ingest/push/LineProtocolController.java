package io.vigil.server.ingest.push;

import io.vigil.server.auth.IngestPrincipal;
import io.vigil.server.ingest.IngestBodies;
import io.vigil.server.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * InfluxDB line protocol over HTTP, as InfluxDB 1 ({@code POST /write}) and 2 ({@code POST
 * /api/v2/write}) take it, so Telegraf and Glances write to Vigil unchanged. The database or bucket
 * name picks the mapping catalogue when it names one ({@code telegraf}, {@code glances}); any name
 * is accepted. Answered 204 when every line was taken, 400 with the refused lines otherwise (the
 * valid lines are stored, as InfluxDB 1 does).
 */
@RestController
class LineProtocolController {

  private final PushIngest ingest;

  LineProtocolController(PushIngest ingest) {
    this.ingest = ingest;
  }

  /** InfluxDB 1: {@code db} (required), {@code rp} (ignored), {@code precision} (n by default). */
  @PostMapping("/write")
  ResponseEntity<Object> writeV1(
      @RequestParam(required = false) String db,
      @RequestParam(required = false) String precision,
      @AuthenticationPrincipal IngestPrincipal writer,
      HttpServletRequest request)
      throws IOException {
    if (db == null || db.isBlank()) {
      throw ApiException.badRequest("database is required (db=…; any name is accepted)");
    }
    return write(db, precision(precision, true), writer, request);
  }

  /** InfluxDB 2: {@code bucket} (required), {@code org} (ignored), {@code precision}. */
  @PostMapping("/api/v2/write")
  ResponseEntity<Object> writeV2(
      @RequestParam(required = false) String bucket,
      @RequestParam(required = false) String precision,
      @AuthenticationPrincipal IngestPrincipal writer,
      HttpServletRequest request)
      throws IOException {
    if (bucket == null || bucket.isBlank()) {
      throw ApiException.badRequest("bucket is required (bucket=…; any name is accepted)");
    }
    return write(bucket, precision(precision, false), writer, request);
  }

  private static Precision precision(String text, boolean v1) {
    try {
      return v1 ? Precision.v1(text) : Precision.v2(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private ResponseEntity<Object> write(
      String database, Precision precision, IngestPrincipal writer, HttpServletRequest request)
      throws IOException {
    ingest.gate().requireDiskSpace();
    Instant now = Instant.now();
    PushWriter push =
        ingest.writer(
            ingest.catalog().lineProtocol(database), ingest.hostTags(database), writer, now);
    LineProtocolParser parser =
        new LineProtocolParser(
            precision, now.toEpochMilli(), (int) ingest.properties().maxLineLength().toBytes());
    try (InputStream body = IngestBodies.open(request, ingest.gate().limits())) {
      parser.parse(body, push);
    } catch (UncheckedIOException e) {
      throw IngestBodies.translate(e.getCause());
    } catch (IOException e) {
      throw IngestBodies.translate(e);
    }
    return ingest.answer(push.finish());
  }
}
