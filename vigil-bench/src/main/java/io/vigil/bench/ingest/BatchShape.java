package io.vigil.bench.ingest;

import io.vigil.model.Measurements;
import io.vigil.model.Point;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Shapes one interval of a simulated host's data like the real agent's: the host-wide measurements
 * (cpu total, mem, load, swap, system, tcp) first, then per-device series (a network interface, a
 * file system, a disk, a CPU core) in turn until the requested number of samples is reached. The
 * last point is cut to the fields that fill the count exactly, so a batch carries precisely {@code
 * samples} samples, each of a distinct series.
 */
final class BatchShape {

  private BatchShape() {}

  /** One series of the shape: its measurement, tags and (possibly truncated) field names. */
  record Series(String measurement, Map<String, String> tags, List<String> fields) {}

  static List<Series> series(int samples) {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be at least 1");
    }
    List<Series> out = new ArrayList<>();
    int remaining = samples;
    for (int n = 0; remaining > 0; n++) {
      Series next = candidate(n);
      List<String> fields =
          next.fields().size() <= remaining ? next.fields() : next.fields().subList(0, remaining);
      out.add(new Series(next.measurement(), next.tags(), List.copyOf(fields)));
      remaining -= fields.size();
    }
    return out;
  }

  /** Points of the shape at {@code timestamp} with plausible values drawn from {@code random}. */
  static List<Point> points(int samples, long timestamp, RandomGenerator random) {
    List<Point> points = new ArrayList<>();
    for (Series s : series(samples)) {
      Map<String, Double> fields = new LinkedHashMap<>();
      for (String field : s.fields()) {
        fields.put(field, value(field, random));
      }
      points.add(new Point(s.measurement(), s.tags(), fields, timestamp));
    }
    return points;
  }

  private static final String[] HOST_WIDE = {"cpu", "mem", "load", "swap", "system", "tcp"};
  private static final String[] PER_DEVICE = {"net", "fs", "disk", "cpu"};

  private static Series candidate(int n) {
    if (n < HOST_WIDE.length) {
      String m = HOST_WIDE[n];
      return of(m, m.equals("cpu") ? Map.of("cpu", "total") : Map.of());
    }
    int k = (n - HOST_WIDE.length) / PER_DEVICE.length;
    String m = PER_DEVICE[(n - HOST_WIDE.length) % PER_DEVICE.length];
    return switch (m) {
      case "net" -> of(m, Map.of("iface", "eth" + k));
      case "fs" ->
          of(
              m,
              Map.of(
                  "mount", k == 0 ? "/" : "/data" + k, "device", "/dev/vd" + k, "fstype", "ext4"));
      case "disk" -> of(m, Map.of("device", "vd" + k));
      default -> of(m, Map.of("cpu", Integer.toString(k)));
    };
  }

  private static Series of(String measurement, Map<String, String> tags) {
    return new Series(measurement, tags, Measurements.BY_NAME.get(measurement).fields());
  }

  /**
   * A value of the magnitude the field's unit suffix implies, with as few digits as real readings
   * have, so the JSON is as long as an agent's.
   */
  private static double value(String field, RandomGenerator random) {
    if (field.endsWith("_pct")) {
      return Math.round(random.nextDouble(100) * 10) / 10.0;
    }
    if (field.endsWith("_bytes")) {
      return (double) random.nextLong(1L << 36);
    }
    if (field.endsWith("_ps")) {
      return Math.round(random.nextDouble(1_000_000) * 10) / 10.0;
    }
    if (field.equals("up")) {
      return 1;
    }
    if (field.equals("speed_bps")) {
      return 1e10;
    }
    if (field.startsWith("load")) {
      return Math.round(random.nextDouble(8) * 100) / 100.0;
    }
    return random.nextInt(100_000);
  }
}
