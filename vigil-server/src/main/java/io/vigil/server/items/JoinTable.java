package io.vigil.server.items;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A table of links between two rows (a template and a host group, a template and a host, a host
 * group and a host), each pair at most once.
 */
public final class JoinTable {

  private final JdbcClient jdbc;
  private final String table;
  private final String left;
  private final String right;

  /**
   * @param table the table, with the columns {@code left} and {@code right}; names from code, never
   *     from input
   */
  public JoinTable(JdbcClient jdbc, String table, String left, String right) {
    this.jdbc = jdbc;
    this.table = table;
    this.left = left;
    this.right = right;
  }

  /** Links the pair; false when it was linked already. */
  public boolean link(long leftId, long rightId) {
    boolean present =
        jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + left + " = ? AND " + right + " = ?")
                .params(leftId, rightId)
                .query(Long.class)
                .single()
            > 0;
    if (present) {
      return false;
    }
    jdbc.sql("INSERT INTO " + table + " (" + left + ", " + right + ") VALUES (?, ?)")
        .params(leftId, rightId)
        .update();
    return true;
  }

  /** Unlinks the pair; false when it was not linked. */
  public boolean unlink(long leftId, long rightId) {
    return jdbc.sql("DELETE FROM " + table + " WHERE " + left + " = ? AND " + right + " = ?")
            .params(leftId, rightId)
            .update()
        > 0;
  }
}
