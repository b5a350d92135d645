package io.vigil.model;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The measurements the Vigil agent produces, their tags and fields. Storage creates tables from
 * whatever arrives; this catalog is for the UI and documentation, and to keep agent and server
 * speaking of the same names. Field-name suffixes carry the unit: {@code _pct} percent, {@code
 * _bytes} bytes, {@code _ps} per second, {@code _s} seconds.
 */
public final class Measurements {

  /** One measurement: its table name, series tags and fields. */
  public record Schema(String name, List<String> tags, List<String> fields) {}

  public static final List<Schema> AGENT =
      List.of(
          new Schema(
              "cpu",
              List.of("cpu"),
              List.of(
                  "user_pct",
                  "nice_pct",
                  "system_pct",
                  "iowait_pct",
                  "irq_pct",
                  "softirq_pct",
                  "steal_pct",
                  "idle_pct",
                  "used_pct")),
          new Schema("load", List.of(), List.of("load1", "load5", "load15")),
          new Schema(
              "mem",
              List.of(),
              List.of("total_bytes", "used_bytes", "available_bytes", "used_pct")),
          new Schema(
              "swap", List.of(), List.of("total_bytes", "used_bytes", "free_bytes", "used_pct")),
          new Schema(
              "fs",
              List.of("mount", "device", "fstype"),
              List.of(
                  "size_bytes",
                  "used_bytes",
                  "free_bytes",
                  "used_pct",
                  "inodes_total",
                  "inodes_used",
                  "inodes_used_pct")),
          new Schema(
              "disk",
              List.of("device"),
              List.of(
                  "read_bytes_ps",
                  "write_bytes_ps",
                  "read_ops_ps",
                  "write_ops_ps",
                  "busy_pct",
                  "queue_length")),
          new Schema(
              "net",
              List.of("iface"),
              List.of(
                  "rx_bytes_ps",
                  "tx_bytes_ps",
                  "rx_packets_ps",
                  "tx_packets_ps",
                  "rx_errors_ps",
                  "tx_errors_ps",
                  "rx_drops_ps",
                  "up",
                  "speed_bps")),
          new Schema(
              "tcp",
              List.of(),
              List.of(
                  "established",
                  "syn_sent",
                  "syn_recv",
                  "fin_wait1",
                  "fin_wait2",
                  "time_wait",
                  "close",
                  "close_wait",
                  "last_ack",
                  "listen",
                  "closing",
                  "total")),
          new Schema("system", List.of(), List.of("uptime_s", "processes", "threads")),
          new Schema(
              "agent",
              List.of(),
              List.of(
                  "spool_batches",
                  "spool_bytes",
                  "spool_dropped_total",
                  "send_errors_total",
                  "rss_bytes",
                  "cpu_time_s")),
          new Schema(
              "proc",
              List.of("by", "pid", "name", "user"),
              List.of("rank", "cpu_pct", "rss_bytes", "read_bytes_ps", "write_bytes_ps")),
          // Check results (the server derives these from the batch's "checks"): status is the
          // Nagios exit code 0..3, check the item key; one check_metric series per metric.
          new Schema("check", List.of("check", "kind"), List.of("status", "duration_ms")),
          new Schema("check_metric", List.of("check", "metric"), List.of("value")));

  public static final Map<String, Schema> BY_NAME =
      AGENT.stream().collect(Collectors.toUnmodifiableMap(Schema::name, Function.identity()));

  private Measurements() {}
}
