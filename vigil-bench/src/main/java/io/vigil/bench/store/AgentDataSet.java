package io.vigil.bench.store;

import io.vigil.model.Measurements;
import io.vigil.model.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a fleet of agents sends, with values that move like real ones rather than random noise
 * (which no encoding compresses): percentages wander in small steps with two decimals, sizes stay
 * put, used bytes creep, rates are noisy around a per-series level, counters only grow. The agent's
 * eleven measurements with their real tags (three CPUs, two file systems, two disks, two network
 * interfaces, the top five processes) and three check results per host. Reproducible (seeded).
 */
final class AgentDataSet {

  static final long STEP_MS = 10_000;

  private static final String[][] SERIES_TAGS = {
    {"cpu", "cpu=total", "cpu=cpu0", "cpu=cpu1"},
    {"fs", "mount=/|device=/dev/sda1|fstype=ext4", "mount=/var|device=/dev/sdb1|fstype=xfs"},
    {"disk", "device=sda", "device=sdb"},
    {"net", "iface=eth0", "iface=lo"},
    {
      "proc",
      "by=cpu|pid=812|name=java|user=vigil",
      "by=cpu|pid=1|name=systemd|user=root",
      "by=cpu|pid=455|name=postgres|user=postgres",
      "by=mem|pid=812|name=java|user=vigil",
      "by=mem|pid=455|name=postgres|user=postgres"
    },
    {
      "check",
      "check=http_home|kind=http",
      "check=port_ssh|kind=port",
      "check=disk_free|kind=script"
    }
  };

  private final List<String> hosts = new ArrayList<>();
  private final Random random = new Random(20261207);

  /** Last value per host, series and field. */
  private final Map<String, Double> last = new HashMap<>();

  /** Samples (field values) generated per measurement. */
  private final Map<String, Long> samples = new HashMap<>();

  AgentDataSet(int hostCount) {
    for (int h = 0; h < hostCount; h++) {
      hosts.add(String.format("host-%04d", h));
    }
  }

  Map<String, Long> samplesByMeasurement() {
    return samples;
  }

  /** Every point of every host at one instant. */
  List<Point> step(long timestampMs) {
    List<Point> points = new ArrayList<>();
    for (String host : hosts) {
      for (Measurements.Schema schema : Measurements.AGENT) {
        if (schema.name().equals("check_metric")) {
          continue;
        }
        for (Map<String, String> tags : seriesOf(schema.name(), host)) {
          Map<String, Double> fields = new HashMap<>();
          String key = host + tags;
          for (String field : schema.fields()) {
            fields.put(field, next(key + '.' + field, field));
          }
          points.add(new Point(schema.name(), tags, fields, timestampMs));
          samples.merge(schema.name(), (long) fields.size(), Long::sum);
        }
      }
    }
    return points;
  }

  private static List<Map<String, String>> seriesOf(String measurement, String host) {
    for (String[] row : SERIES_TAGS) {
      if (row[0].equals(measurement)) {
        List<Map<String, String>> series = new ArrayList<>();
        for (int i = 1; i < row.length; i++) {
          Map<String, String> tags = new HashMap<>();
          tags.put("host", host);
          for (String pair : row[i].split("\\|")) {
            String[] kv = pair.split("=", 2);
            tags.put(kv[0], kv[1]);
          }
          series.add(tags);
        }
        return series;
      }
    }
    return List.of(Map.of("host", host));
  }

  private double next(String key, String field) {
    Double previous = last.get(key);
    double value;
    if (field.endsWith("_pct") || field.endsWith("_ratio")) {
      double v = previous == null ? 5 + random.nextDouble() * 60 : previous + random.nextGaussian();
      value = round(Math.max(0, Math.min(100, v)), 100);
    } else if (field.startsWith("total") || field.startsWith("size") || field.equals("speed_bps")) {
      value = previous == null ? Math.floor(1e9 + random.nextDouble() * 1e12) : previous;
    } else if (field.endsWith("_bytes") || field.startsWith("inodes")) {
      double v = previous == null ? Math.floor(random.nextDouble() * 1e10) : previous;
      value = Math.max(0, Math.floor(v + random.nextGaussian() * v * 0.001));
    } else if (field.endsWith("_ps")) {
      double level = previous == null ? random.nextDouble() * 1e6 : previous;
      value = round(Math.max(0, level * Math.exp(random.nextGaussian() * 0.2)), 10);
    } else if (field.endsWith("_s") || field.endsWith("_total")) {
      value = previous == null ? Math.floor(random.nextDouble() * 1e6) : previous + 10;
    } else if (field.equals("status") || field.equals("up") || field.equals("rank")) {
      value = previous == null ? (field.equals("up") ? 1 : 0) : previous;
    } else {
      // counts (processes, connections), load, queue length, durations
      double v = previous == null ? Math.floor(random.nextDouble() * 500) : previous;
      value = Math.max(0, Math.round(v + random.nextGaussian() * 2));
    }
    last.put(key, value);
    return value;
  }

  private static double round(double value, int scale) {
    return Math.round(value * scale) / (double) scale;
  }
}
