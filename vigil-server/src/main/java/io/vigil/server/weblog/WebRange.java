package io.vigil.server.weblog;

import io.vigil.server.web.ApiException;
import java.time.Duration;
import java.time.Instant;

/**
 * The period a web-traffic question covers: {@code from} inclusive to {@code to} exclusive, epoch
 * millis; by default the hour up to now.
 */
record WebRange(Instant from, Instant to) {

  static final Duration MAX_SPAN = Duration.ofDays(400);
  static final Duration DEFAULT_SPAN = Duration.ofHours(1);

  static WebRange parse(Long from, Long to, Instant now) {
    Instant end = to == null ? now : epoch("to", to);
    Instant start = from == null ? end.minus(DEFAULT_SPAN) : epoch("from", from);
    if (!start.isBefore(end)) {
      throw ApiException.badRequest("from must be before to");
    }
    if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
      throw ApiException.badRequest("a range may span at most " + MAX_SPAN.toDays() + " days");
    }
    return new WebRange(start, end);
  }

  Duration span() {
    return Duration.between(from, to);
  }

  private static Instant epoch(String name, long millis) {
    // Instant's own range is far wider; these bounds keep every sum and bucket in long millis.
    if (millis < 0 || millis > 32_503_680_000_000L) {
      throw ApiException.badRequest(name + " must be epoch milliseconds between 1970 and 3000");
    }
    return Instant.ofEpochMilli(millis);
  }
}
