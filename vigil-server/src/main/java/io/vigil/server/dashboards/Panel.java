package io.vigil.server.dashboards;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One panel of a dashboard: what it shows (type, hosts or groups, measurement and fields) and where
 * it sits on the 12-column grid. Validated on construction, so a stored dashboard is always valid.
 *
 * <p>{@code fields} are identifiers of {@code measurement}; when {@code measurement} is null (a
 * host grid, say) each is qualified as {@code measurement.field}.
 */
public record Panel(
    String id,
    String type,
    String title,
    Integer x,
    Integer y,
    Integer w,
    Integer h,
    List<String> hosts,
    List<Long> groups,
    String measurement,
    List<String> fields,
    Map<String, String> tags,
    String range,
    Map<String, Object> options) {

  public static final Set<String> TYPES =
      Set.of("timeseries", "gauge", "stat", "table", "statusmap", "problems", "hostgrid");

  /** Types that read one measurement's fields and cannot work without them. */
  static final Set<String> NEEDS_FIELDS = Set.of("timeseries", "gauge", "stat", "table");

  public static final int COLUMNS = 12;
  static final int MAX_Y = 1000;
  static final int MAX_H = 40;
  static final int MAX_HOSTS = 50;
  static final int MAX_GROUPS = 50;
  static final int MAX_FIELDS = 20;
  static final int MAX_TAGS = 10;
  static final int MAX_OPTIONS = 20;
  static final int MAX_TITLE = 200;
  static final int MAX_TEXT = 256;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,252}");
  private static final Pattern RANGE = Pattern.compile("([1-9][0-9]{0,3})([mhd])");
  private static final Pattern OPTION = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
  private static final long MAX_RANGE_MINUTES = 366L * 24 * 60;

  public Panel {
    if (id == null || !ID.matcher(id).matches()) {
      throw invalid("id must be 1..40 letters, digits, '_' or '-'");
    }
    String at = "panel " + id + ": ";
    if (type == null || !TYPES.contains(type)) {
      throw invalid(at + "type must be one of " + String.join(", ", sorted(TYPES)));
    }
    title = title == null ? "" : title.strip();
    if (title.length() > MAX_TITLE) {
      throw invalid(at + "title must be at most " + MAX_TITLE + " characters");
    }
    requireRange(at + "x", x, 0, COLUMNS - 1);
    requireRange(at + "w", w, 1, COLUMNS);
    if (x + w > COLUMNS) {
      throw invalid(at + "x + w must be at most " + COLUMNS);
    }
    requireRange(at + "y", y, 0, MAX_Y);
    requireRange(at + "h", h, 1, MAX_H);
    hosts = hosts(at, hosts);
    groups = groups(at, groups);
    if (measurement != null && measurement.isBlank()) {
      measurement = null;
    }
    if (measurement != null && !Names.isIdentifier(measurement)) {
      throw invalid(at + "measurement must be an identifier like cpu or net");
    }
    fields = fields(at, measurement, fields);
    if (NEEDS_FIELDS.contains(type) && (measurement == null || fields.isEmpty())) {
      throw invalid(at + "a " + type + " panel needs a measurement and at least one field");
    }
    tags = tags(at, tags);
    range = range == null || range.isBlank() ? "1h" : range.strip();
    requireRangeText(at, range);
    options = options(at, options);
  }

  private static List<String> hosts(String at, List<String> hosts) {
    List<String> list = hosts == null ? List.of() : hosts;
    if (list.size() > MAX_HOSTS) {
      throw invalid(at + "at most " + MAX_HOSTS + " hosts");
    }
    for (String host : list) {
      if (host == null || !HOST.matcher(host).matches()) {
        throw invalid(at + "hosts must be host keys");
      }
    }
    return List.copyOf(list.stream().distinct().toList());
  }

  private static List<Long> groups(String at, List<Long> groups) {
    List<Long> list = groups == null ? List.of() : groups;
    if (list.size() > MAX_GROUPS) {
      throw invalid(at + "at most " + MAX_GROUPS + " groups");
    }
    for (Long group : list) {
      if (group == null || group <= 0) {
        throw invalid(at + "groups must be host group ids");
      }
    }
    return List.copyOf(list.stream().distinct().toList());
  }

  private static List<String> fields(String at, String measurement, List<String> fields) {
    List<String> list = fields == null ? List.of() : fields;
    if (list.size() > MAX_FIELDS) {
      throw invalid(at + "at most " + MAX_FIELDS + " fields");
    }
    for (String field : list) {
      if (!validField(measurement, field)) {
        throw invalid(
            at
                + (measurement == null
                    ? "without a measurement, fields must be written measurement.field"
                    : "fields must be identifiers like used_pct"));
      }
    }
    return List.copyOf(list.stream().distinct().toList());
  }

  private static boolean validField(String measurement, String field) {
    if (field == null) {
      return false;
    }
    if (measurement != null) {
      return Names.isIdentifier(field);
    }
    int dot = field.indexOf('.');
    return dot > 0
        && Names.isIdentifier(field.substring(0, dot))
        && Names.isIdentifier(field.substring(dot + 1));
  }

  private static Map<String, String> tags(String at, Map<String, String> tags) {
    Map<String, String> map = tags == null ? Map.of() : tags;
    if (map.size() > MAX_TAGS) {
      throw invalid(at + "at most " + MAX_TAGS + " tags");
    }
    for (Map.Entry<String, String> tag : map.entrySet()) {
      if (!Names.isIdentifier(tag.getKey())
          || tag.getValue() == null
          || tag.getValue().isEmpty()
          || tag.getValue().length() > MAX_TEXT) {
        throw invalid(at + "tags must map identifiers to values of 1.." + MAX_TEXT + " characters");
      }
    }
    return Map.copyOf(map);
  }

  private static Map<String, Object> options(String at, Map<String, Object> options) {
    Map<String, Object> map = options == null ? Map.of() : options;
    if (map.size() > MAX_OPTIONS) {
      throw invalid(at + "at most " + MAX_OPTIONS + " options");
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> option : map.entrySet()) {
      Object value = option.getValue();
      boolean scalar =
          value == null
              || value instanceof Boolean
              || value instanceof Number
              || (value instanceof String text && text.length() <= MAX_TEXT);
      if (!OPTION.matcher(option.getKey()).matches() || !scalar) {
        throw invalid(
            at + "options must map names to numbers, booleans or short texts: " + option.getKey());
      }
      if (value != null) {
        copy.put(option.getKey(), value);
      }
    }
    return java.util.Collections.unmodifiableMap(copy);
  }

  private static void requireRange(String what, Integer value, int min, int max) {
    if (value == null || value < min || value > max) {
      throw invalid(what + " must be " + min + ".." + max);
    }
  }

  private static void requireRangeText(String at, String range) {
    var m = RANGE.matcher(range);
    if (!m.matches()) {
      throw invalid(at + "range must be like 15m, 1h, 6h, 24h or 7d");
    }
    long n = Long.parseLong(m.group(1));
    long minutes =
        switch (m.group(2)) {
          case "m" -> n;
          case "h" -> n * 60;
          default -> n * 24 * 60;
        };
    if (minutes > MAX_RANGE_MINUTES) {
      throw invalid(at + "range must be at most 366d");
    }
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }

  static InvalidInputException invalid(String message) {
    return new InvalidInputException(message);
  }
}
