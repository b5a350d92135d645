package io.vigil.server.weblog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Table {@code weblog_samples}: the newest 5xx sample lines per host and web-log item. */
@Repository
class WebLogSampleRepository {

  /** The detail lines of one weblog check result. */
  record Sample(String hostKey, String item, long at, List<String> lines) {}

  /** One stored line, as the API answers it. */
  record SampleLine(String host, String log, long at, String line) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate transactions;

  WebLogSampleRepository(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transactions = transactions;
  }

  /**
   * Stores the samples in one transaction, replacing lines stored before for the same host, item
   * and run (a result the agent sent again), then trims each (host, item) touched to its newest
   * {@code keep} lines. Samples of hosts that no longer exist are dropped.
   */
  void save(Collection<Sample> samples, int keep) {
    List<Object[]> runs = new ArrayList<>();
    List<Object[]> lines = new ArrayList<>();
    Set<List<String>> touched = new LinkedHashSet<>();
    for (Sample sample : samples) {
      runs.add(new Object[] {sample.hostKey(), sample.item(), sample.at()});
      for (String line : sample.lines()) {
        lines.add(new Object[] {sample.item(), sample.at(), line, sample.hostKey()});
      }
      touched.add(List.of(sample.hostKey(), sample.item()));
    }
    transactions.executeWithoutResult(
        status -> {
          batch.batchUpdate(
              "DELETE FROM weblog_samples WHERE host_id = (SELECT id FROM hosts WHERE host_key = ?)"
                  + " AND item = ? AND seen_at = ?",
              runs);
          batch.batchUpdate(
              "INSERT INTO weblog_samples (host_id, item, seen_at, sample_line)"
                  + " SELECT id, ?, ?, ? FROM hosts WHERE host_key = ?",
              lines);
          touched.forEach(key -> trim(key.get(0), key.get(1), keep));
        });
  }

  /** Deletes every line of the host's item older than its {@code keep}-th newest. */
  private void trim(String hostKey, String item, int keep) {
    jdbc.sql(
            "SELECT s.seen_at, s.id FROM weblog_samples s JOIN hosts h ON h.id = s.host_id"
                + " WHERE h.host_key = ? AND s.item = ?"
                + " ORDER BY s.seen_at DESC, s.id DESC OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY")
        .params(hostKey, item, keep - 1)
        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .optional()
        .ifPresent(
            oldestKept ->
                jdbc.sql(
                        "DELETE FROM weblog_samples"
                            + " WHERE host_id = (SELECT id FROM hosts WHERE host_key = ?)"
                            + " AND item = ? AND (seen_at < ? OR (seen_at = ? AND id < ?))")
                    .params(hostKey, item, oldestKept[0], oldestKept[0], oldestKept[1])
                    .update());
  }

  /**
   * The newest lines of these hosts within [from, to), newest run first and a run's lines in their
   * order; {@code log} (an item key) narrows to one web log when not null.
   */
  List<SampleLine> latest(Collection<String> hosts, String log, long from, long to, int limit) {
    if (hosts.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT h.host_key, s.item, s.seen_at, s.sample_line FROM weblog_samples s"
                + " JOIN hosts h ON h.id = s.host_id"
                + " WHERE h.host_key IN (:hosts) AND s.seen_at >= :from AND s.seen_at < :to"
                + (log == null ? "" : " AND s.item = :log")
                + " ORDER BY s.seen_at DESC, h.host_key, s.item, s.id"
                + " FETCH FIRST :limit ROWS ONLY")
        .param("hosts", List.copyOf(hosts))
        .param("from", from)
        .param("to", to)
        .param("log", log)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new SampleLine(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
        .list();
  }
}
