package io.vigil.server.ingest.push;

/**
 * How many hosts writers may still create: a bucket of {@code perMinute} that refills continuously,
 * so a writer with a tag full of ever-new values (a request id as host name) cannot fill the host
 * table, while a fleet's first writes (thousands of hosts at once) fit.
 */
final class NewHostBudget {

  private final double perMinute;
  private double available;
  private long refilledAt;

  NewHostBudget(int perMinute) {
    this.perMinute = perMinute;
    this.available = perMinute;
    this.refilledAt = System.nanoTime();
  }

  /** Takes up to {@code wanted} hosts from the budget; returns how many were granted. */
  synchronized int take(int wanted) {
    long now = System.nanoTime();
    available = Math.min(perMinute, available + (now - refilledAt) / 60e9 * perMinute);
    refilledAt = now;
    int granted = (int) Math.min(wanted, Math.floor(available));
    available -= granted;
    return granted;
  }
}
