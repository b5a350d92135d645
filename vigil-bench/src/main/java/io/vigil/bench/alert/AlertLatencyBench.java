package io.vigil.bench.alert;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alert latency, Vigil beside Prometheus + Alertmanager, in one run (see
 * vigil-bench/scripts/alert-latency.sh, which starts the peers).
 *
 * <pre>
 * java -cp vigil-bench.jar io.vigil.bench.alert.AlertLatencyBench --alerts 20 \
 *   --server http://127.0.0.1:18500 --enrol-token vgl_e_… --password ADMIN_PASSWORD \
 *   [--vigil-hook-port 19111] [--prometheus-exporter-port 19110 --prometheus-hook-port 19112]
 * </pre>
 */
public final class AlertLatencyBench {

  private AlertLatencyBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int alerts = Integer.parseInt(options.getOrDefault("alerts", "20"));
    StringBuilder report = new StringBuilder(LatencySeries.header()).append('\n');
    if (options.containsKey("server")) {
      try (WebhookReceiver hook =
          new WebhookReceiver(Integer.parseInt(options.getOrDefault("vigil-hook-port", "0")))) {
        LatencySeries vigil =
            new VigilAlertTarget(
                    URI.create(options.get("server")),
                    options.get("enrol-token"),
                    options.get("password"))
                .run(alerts, hook);
        report.append(vigil.row("Vigil (sample at the server → webhook)")).append('\n');
      }
    }
    if (options.containsKey("prometheus-exporter-port")) {
      try (WebhookReceiver hook =
          new WebhookReceiver(Integer.parseInt(options.get("prometheus-hook-port")))) {
        LatencySeries prometheus =
            new PrometheusAlertTarget(Integer.parseInt(options.get("prometheus-exporter-port")))
                .run(alerts, hook, Duration.ofSeconds(5));
        report
            .append(prometheus.row("Prometheus + Alertmanager (value served → webhook)"))
            .append('\n');
      }
    }
    System.out.print(report);
    System.exit(0);
  }
}
