package io.vigil.server.ingest.push;

import java.util.Locale;

/** The unit of line-protocol timestamps, as the {@code precision} query parameter names it. */
enum Precision {
  NANOSECONDS(1_000_000, 0),
  MICROSECONDS(1_000, 0),
  MILLISECONDS(1, 0),
  SECONDS(0, 1_000),
  MINUTES(0, 60_000),
  HOURS(0, 3_600_000);

  private final long divisor;
  private final long multiplier;

  Precision(long divisor, long multiplier) {
    this.divisor = divisor;
    this.multiplier = multiplier;
  }

  /**
   * The precision of InfluxDB 1's {@code /write} ({@code n}, {@code u}, {@code ms}, {@code s},
   * {@code m}, {@code h}, and the {@code ns}/{@code us} spellings 1.x also takes); nanoseconds when
   * absent.
   *
   * @throws IllegalArgumentException for anything else
   */
  static Precision v1(String text) {
    if (text == null || text.isEmpty()) {
      return NANOSECONDS;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "n", "ns" -> NANOSECONDS;
      case "u", "us", "µ", "µs" -> MICROSECONDS;
      case "ms" -> MILLISECONDS;
      case "s" -> SECONDS;
      case "m" -> MINUTES;
      case "h" -> HOURS;
      default ->
          throw new IllegalArgumentException(
              "precision must be one of n, ns, u, us, ms, s, m, h; got " + text);
    };
  }

  /**
   * The precision of InfluxDB 2's {@code /api/v2/write}: {@code ns}, {@code us}, {@code ms}, {@code
   * s}.
   */
  static Precision v2(String text) {
    if (text == null || text.isEmpty()) {
      return NANOSECONDS;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "ns" -> NANOSECONDS;
      case "us" -> MICROSECONDS;
      case "ms" -> MILLISECONDS;
      case "s" -> SECONDS;
      default ->
          throw new IllegalArgumentException("precision must be one of ns, us, ms, s; got " + text);
    };
  }

  /**
   * A timestamp in this unit as epoch milliseconds (rounded down).
   *
   * @throws ArithmeticException when it does not fit
   */
  long toMillis(long timestamp) {
    return multiplier == 0
        ? Math.floorDiv(timestamp, divisor)
        : Math.multiplyExact(timestamp, multiplier);
  }
}
