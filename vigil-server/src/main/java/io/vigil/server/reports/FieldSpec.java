package io.vigil.server.reports;

import io.vigil.model.Names;
import io.vigil.server.web.ApiException;
import java.util.Map;

/**
 * A report field, written {@code measurement.field}. The series of one host are pooled (e.g. every
 * mount of {@code fs}), except {@code cpu}, which reads only the {@code cpu=total} series.
 */
public record FieldSpec(String measurement, String field) {

  public FieldSpec {
    if (!Names.isIdentifier(measurement) || !Names.isIdentifier(field)) {
      throw ApiException.badRequest(
          "a field is written measurement.field, e.g. cpu.used_pct, but was "
              + measurement
              + "."
              + field);
    }
  }

  public static FieldSpec parse(String text) {
    String t = text == null ? "" : text.trim();
    int dot = t.indexOf('.');
    if (dot <= 0 || dot == t.length() - 1) {
      throw ApiException.badRequest(
          "a field is written measurement.field, e.g. cpu.used_pct, but was " + text);
    }
    return new FieldSpec(t.substring(0, dot), t.substring(dot + 1));
  }

  /** The tag filter the series of this field are read with. */
  public Map<String, String> tags() {
    return measurement.equals("cpu") ? Map.of("cpu", "total") : Map.of();
  }

  @Override
  public String toString() {
    return measurement + "." + field;
  }
}
