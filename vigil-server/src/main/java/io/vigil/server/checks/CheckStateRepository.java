package io.vigil.server.checks;

import io.vigil.model.CheckResult;
import io.vigil.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Table {@code check_state}: the latest result of each host's check items, as JSON. */
@Repository
class CheckStateRepository {

  private static final Logger log = LoggerFactory.getLogger(CheckStateRepository.class);

  /** A stored result and the host it belongs to. */
  record Row(String hostKey, CheckResult result) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate transactions;
  private final WireCodec codec = WireCodec.lenient();

  CheckStateRepository(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transactions = transactions;
  }

  List<Row> findAll() {
    List<Row> rows = new ArrayList<>();
    jdbc.sql("SELECT h.host_key, c.result_json FROM check_state c JOIN hosts h ON h.id = c.host_id")
        .query(
            rs -> {
              String host = rs.getString(1);
              String json = rs.getString(2);
              try {
                rows.add(
                    new Row(
                        host,
                        codec.read(json.getBytes(StandardCharsets.UTF_8), CheckResult.class)));
              } catch (RuntimeException e) {
                log.warn("Ignoring an unreadable check state of host {}: {}", host, e.getMessage());
              }
            });
    return rows;
  }

  /**
   * Replaces the rows of these (host, item) pairs in one transaction of two JDBC batches (delete,
   * insert): portable across H2 and PostgreSQL, unlike the engines' upsert dialects.
   */
  void save(Map<CheckStates.HostItem, CheckResult> results) {
    List<Object[]> keys = new ArrayList<>(results.size());
    List<Object[]> rows = new ArrayList<>(results.size());
    results.forEach(
        (key, result) -> {
          keys.add(new Object[] {key.hostKey(), key.item()});
          rows.add(
              new Object[] {
                key.item(),
                result.kind(),
                result.status().name(),
                result.timestamp(),
                new String(codec.write(result), StandardCharsets.UTF_8),
                key.hostKey()
              });
        });
    transactions.executeWithoutResult(
        status -> {
          batch.batchUpdate(
              "DELETE FROM check_state WHERE host_id = (SELECT id FROM hosts WHERE host_key = ?)"
                  + " AND item = ?",
              keys);
          batch.batchUpdate(
              "INSERT INTO check_state (host_id, item, kind, status, last_run, result_json)"
                  + " SELECT id, ?, ?, ?, ?, ? FROM hosts WHERE host_key = ?",
              rows);
        });
  }
}
