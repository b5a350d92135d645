package io.vigil.server.dashboards;

import io.vigil.server.auth.AuditLog;
import io.vigil.server.store.SeedLedger;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the shipped "Multi-monitor" dashboard once per database: shared, built-in, one host grid
 * over "Linux servers" (every enrolled host) with CPU, memory, network and disk graphs side by
 * side. Remembered in {@code seeded_dashboards}, so a deleted one is never re-created.
 */
@Component
class ShippedDashboards implements SmartInitializingSingleton {

  static final String MULTI_MONITOR = "Multi-monitor";
  static final String GROUP = "Linux servers";
  static final List<String> KEY_FIELDS =
      List.of(
          "cpu.used_pct",
          "mem.used_pct",
          "net.rx_bytes_ps",
          "net.tx_bytes_ps",
          "disk.read_bytes_ps",
          "disk.write_bytes_ps");
  private static final Logger log = LoggerFactory.getLogger(ShippedDashboards.class);

  private final DashboardRepository dashboards;
  private final SeedLedger ledger;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  ShippedDashboards(
      DashboardRepository dashboards,
      SeedLedger ledger,
      AuditLog audit,
      TransactionTemplate transactions) {
    this.dashboards = dashboards;
    this.ledger = ledger;
    this.audit = audit;
    this.transactions = transactions;
  }

  @Override
  public void afterSingletonsInstantiated() {
    try {
      transactions.executeWithoutResult(status -> seed());
    } catch (DuplicateKeyException e) {
      log.debug("The shipped dashboards were seeded concurrently");
    }
  }

  private void seed() {
    if (!ledger.markSeeded(SeedLedger.Kind.DASHBOARD, MULTI_MONITOR)) {
      return;
    }
    List<Long> groups = dashboards.groupId(GROUP).map(List::of).orElse(List.of());
    Panel grid =
        new Panel(
            "hosts",
            "hostgrid",
            "Linux servers",
            0,
            0,
            Panel.COLUMNS,
            16,
            List.of(),
            groups,
            null,
            KEY_FIELDS,
            Map.of(),
            "1h",
            Map.of("maxHosts", 12));
    DashboardRequest request = new DashboardRequest(MULTI_MONITOR, true, 30, List.of(grid));
    long id = dashboards.insert(null, request, true);
    audit.record("create", "dashboard", MULTI_MONITOR + " (" + id + ")", null, request);
    log.info("Created the shipped dashboard {}", MULTI_MONITOR);
  }
}
