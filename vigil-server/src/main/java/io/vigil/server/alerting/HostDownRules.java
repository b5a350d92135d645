package io.vigil.server.alerting;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which rules are of kind {@code host_down}, read from {@code alert_rules} and remembered for a
 * minute per rule (a rule's kind rarely changes; a deleted rule counts as not host-down). When the
 * table cannot be read the answer is "no" and nothing is remembered.
 */
@Component
class HostDownRules {

  static final long REMEMBER_MILLIS = 60_000;

  private static final Logger log = LoggerFactory.getLogger(HostDownRules.class);

  private record Known(boolean hostDown, long at) {}

  private final JdbcClient jdbc;
  private final LongSupplier clock;
  private final Map<Long, Known> known = new ConcurrentHashMap<>();

  @Autowired
  HostDownRules(JdbcClient jdbc) {
    this(jdbc, System::currentTimeMillis);
  }

  HostDownRules(JdbcClient jdbc, LongSupplier clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  boolean isHostDown(long ruleId) {
    long now = clock.getAsLong();
    Known hit = known.get(ruleId);
    if (hit != null && now - hit.at() < REMEMBER_MILLIS) {
      return hit.hostDown();
    }
    try {
      boolean hostDown =
          jdbc.sql("SELECT kind FROM alert_rules WHERE id = ?")
              .param(ruleId)
              .query(String.class)
              .optional()
              .map("host_down"::equals)
              .orElse(false);
      known.put(ruleId, new Known(hostDown, now));
      return hostDown;
    } catch (DataAccessException e) {
      log.warn("Cannot read the kind of alert rule {}: {}", ruleId, e.getMessage());
      return false;
    }
  }

  /** Forgets what was read of {@code ruleId}, e.g. after its kind changed. */
  void forget(long ruleId) {
    known.remove(ruleId);
  }
}
