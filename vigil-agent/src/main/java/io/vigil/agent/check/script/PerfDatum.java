package io.vigil.agent.check.script;

import java.util.Objects;

/**
 * One performance-data item of a Nagios plugin: {@code
 * 'label'=value[UOM];[warn];[crit];[min];[max]}.
 *
 * <p>{@code value}, {@code min} and {@code max} are converted to the base unit of {@link #unit()}
 * (seconds or bytes, see {@link PerfUnit}); {@code warn} and {@code crit} are the plugin's range
 * text, verbatim and therefore in the plugin's own UOM ({@link #rawUnit()}), e.g. {@code 10:},
 * {@code ~:10} or {@code @10:20}.
 *
 * @param label the label, unquoted and with {@code ''} turned into {@code '}; never blank
 * @param value the value in base units, or {@code null} when the plugin reported it unknown (empty
 *     or {@code U})
 * @param unit the unit family of {@code value}, {@code min} and {@code max}
 * @param rawUnit the UOM as the plugin wrote it, e.g. {@code MB}; empty for none
 * @param warn the warning range text, empty when absent
 * @param crit the critical range text, empty when absent
 * @param min the minimum in base units, or {@code null} when absent
 * @param max the maximum in base units, or {@code null} when absent
 */
public record PerfDatum(
    String label,
    Double value,
    PerfUnit unit,
    String rawUnit,
    String warn,
    String crit,
    Double min,
    Double max) {

  public PerfDatum {
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new IllegalArgumentException("perfdata label must not be blank");
    }
    Objects.requireNonNull(unit, "unit");
    rawUnit = Objects.requireNonNullElse(rawUnit, "");
    warn = Objects.requireNonNullElse(warn, "");
    crit = Objects.requireNonNullElse(crit, "");
    requireFinite("value", value);
    requireFinite("min", min);
    requireFinite("max", max);
  }

  /** Whether the plugin reported the value as unknown ({@code U} or empty). */
  public boolean isUnknown() {
    return value == null;
  }

  private static void requireFinite(String what, Double number) {
    if (number != null && !Double.isFinite(number)) {
      throw new IllegalArgumentException("perfdata " + what + " must be finite: " + number);
    }
  }
}
