package io.vigil.bench.alert;

import java.util.ArrayList;
import java.util.List;

/** Latencies of one target, in milliseconds, with the figures the report prints. */
final class LatencySeries {

  private final List<Double> millis = new ArrayList<>();
  private int missed;

  void add(long startNanos, long endNanos) {
    millis.add((endNanos - startNanos) / 1e6);
  }

  void miss() {
    missed++;
  }

  int count() {
    return millis.size();
  }

  int missed() {
    return missed;
  }

  double percentile(double p) {
    if (millis.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(millis);
    sorted.sort(null);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  String row(String target) {
    return String.format(
        "| %s | %d | %d | %.0f | %.0f | %.0f | %.0f |",
        target, count(), missed, percentile(50), percentile(90), percentile(0), percentile(100));
  }

  static String header() {
    return "| target | alerts | missed | median ms | p90 ms | min ms | max ms |\n"
        + "|---|---|---|---|---|---|---|";
  }
}
