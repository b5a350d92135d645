package io.vigil.agent.check.script;

import java.util.Locale;

/**
 * The unit family of a performance-data value after conversion to base units.
 *
 * <p>Conversions (Nagios plugin guidelines, UOM column): {@code s}, {@code ms}, {@code us} become
 * seconds; {@code B}, {@code KB}, {@code MB}, {@code GB}, {@code TB} become bytes with 1024-based
 * multiples, as the monitoring-plugins compute them ({@code check_disk} prints {@code MB} for MiB);
 * {@code %} stays a percentage and {@code c} stays a counter. Any other UOM is kept as {@link
 * #OTHER} with the value unconverted and the original text in {@link PerfDatum#rawUnit()}.
 */
public enum PerfUnit {
  /** No unit: a plain number (count, load average, ...). */
  NONE,
  /** Seconds, converted from s, ms or us. */
  SECONDS,
  /** A percentage, 0..100 in the plugin's own scale. */
  PERCENT,
  /** Bytes, converted from B, KB, MB, GB or TB (multiples of 1024). */
  BYTES,
  /** A continuous counter (UOM {@code c}); the rate is the consumer's business. */
  COUNTER,
  /** A UOM outside the guidelines, kept unconverted. */
  OTHER;

  /** The unit family of a UOM, case-insensitively for the byte and time units. */
  static PerfUnit of(String uom) {
    if (uom.isEmpty()) {
      return NONE;
    }
    return switch (uom.toLowerCase(Locale.ROOT)) {
      case "s", "ms", "us" -> SECONDS;
      case "%" -> PERCENT;
      case "b", "kb", "mb", "gb", "tb" -> BYTES;
      case "c" -> COUNTER;
      default -> OTHER;
    };
  }

  /** The factor that turns a value in {@code uom} into this family's base unit. */
  static double factor(String uom) {
    return switch (uom.toLowerCase(Locale.ROOT)) {
      case "ms" -> 1e-3;
      case "us" -> 1e-6;
      case "kb" -> 1024d;
      case "mb" -> 1024d * 1024;
      case "gb" -> 1024d * 1024 * 1024;
      case "tb" -> 1024d * 1024 * 1024 * 1024;
      default -> 1d;
    };
  }
}
