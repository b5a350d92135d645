package io.vigil.server.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the connection pool to drop connections of an embedded H2 database that closed itself (it
 * does when a write fails, e.g. on a disk filled to the last byte). The next connection opens the
 * database again from its files, so the server recovers once the cause is gone instead of failing
 * every query until restarted. Named in {@code
 * spring.datasource.hikari.exception-override-class-name}.
 */
public class ClosedDatabaseEviction implements SQLExceptionOverride {

  /** H2's DATABASE_IS_CLOSED and DATABASE_CALLED_AT_SHUTDOWN. */
  static final int DATABASE_IS_CLOSED = 90098;

  static final int DATABASE_CALLED_AT_SHUTDOWN = 90121;

  @java.lang.Override
  public Override adjudicate(SQLException e) {
    int code = e.getErrorCode();
    return code == DATABASE_IS_CLOSED || code == DATABASE_CALLED_AT_SHUTDOWN
        ? Override.MUST_EVICT
        : Override.CONTINUE_EVICT;
  }
}
