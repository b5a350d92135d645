package io.vigil.bench.alert;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The same measurement for Prometheus + Alertmanager: this process serves a gauge that Prometheus
 * scrapes every second; the rule {@code vigil_bench_value > 50} fires, Alertmanager (group_wait 0)
 * calls the webhook. Each alert gets its own {@code cycle} label so that it starts a new group, and
 * is timed from the moment the exporter starts serving the high value.
 */
final class PrometheusAlertTarget {

  private final int exporterPort;
  private volatile int cycle;
  private volatile double value;

  PrometheusAlertTarget(int exporterPort) {
    this.exporterPort = exporterPort;
  }

  LatencySeries run(int alerts, WebhookReceiver receiver, Duration settle) throws Exception {
    HttpServer exporter =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), exporterPort), 16);
    exporter.createContext(
        "/metrics",
        exchange -> {
          byte[] body =
              ("# TYPE vigil_bench_value gauge\nvigil_bench_value{cycle=\""
                      + cycle
                      + "\"} "
                      + value
                      + "\n")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    exporter.start();
    try {
      Thread.sleep(settle.toMillis()); // Prometheus finds the target, Alertmanager is ready
      LatencySeries series = new LatencySeries();
      for (int i = 1; i <= alerts; i++) {
        String label = "\"cycle\":\"" + i + "\"";
        cycle = i;
        long start = System.nanoTime();
        value = 100;
        WebhookReceiver.Call alert =
            receiver.next(
                body -> body.contains(label) && body.contains("\"status\":\"firing\""),
                Duration.ofSeconds(15));
        if (alert == null) {
          series.miss();
        } else {
          series.add(start, alert.arrivedNanos());
        }
        value = 0;
        Thread.sleep(2000);
      }
      return series;
    } finally {
      exporter.stop(0);
    }
  }
}
