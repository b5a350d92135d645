package io.vigil.storage.questdb;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.CairoException;
import io.questdb.cairo.ColumnType;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.BindVariableService;
import io.questdb.cairo.sql.Record;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.cairo.sql.RecordMetadata;
import io.questdb.cairo.sql.TableReferenceOutOfDateException;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.functions.bind.BindVariableServiceImpl;
import io.questdb.std.FlyweightMessageContainer;

/**
 * Runs SQL against the engine. Each call gets its own execution context and bind variables, so
 * queries may run on any thread concurrently with the writer; engine failures surface as {@link
 * IllegalStateException} with QuestDB's message (inputs were validated before reaching SQL).
 * Compiled queries are kept by SQL text for reuse ({@link CompiledQueries}); a statement or a
 * changed table makes them compile afresh.
 */
final class SqlRunner {

  @FunctionalInterface
  interface Binder {
    void bind(BindVariableService binds) throws SqlException;
  }

  @FunctionalInterface
  interface RowConsumer {
    void accept(Record record, RecordMetadata metadata);
  }

  private static final int MAX_ATTEMPTS = 5;
  private static final int COMPILED_QUERIES = 256;

  private final CairoEngine engine;
  private final CompiledQueries compiled;

  SqlRunner(CairoEngine engine) {
    this.engine = engine;
    this.compiled = new CompiledQueries(COMPILED_QUERIES);
  }

  void execute(String sql) {
    try (SqlExecutionContextImpl ctx = context()) {
      engine.execute(sql, ctx);
    } catch (SqlException | CairoException e) {
      throw failure(sql, e);
    } finally {
      // Statements change tables and views (create, drop, convert): queries compile afresh.
      compiled.clear();
    }
  }

  void select(String sql, Binder binder, RowConsumer rows) {
    long[] consumed = {0};
    RowConsumer counting =
        (record, metadata) -> {
          consumed[0]++;
          rows.accept(record, metadata);
        };
    for (int attempt = 1; ; attempt++) {
      try {
        selectOnce(sql, binder, counting);
        return;
      } catch (TableReferenceOutOfDateException e) {
        // A writer added a column between compiling and opening the cursor: QuestDB's own
        // clients compile again, and so do we, unless rows were already handed on.
        if (attempt == MAX_ATTEMPTS || consumed[0] > 0) {
          throw failure(sql, e);
        }
        compiled.clear(); // the other compiled queries of that table are as old
      }
    }
  }

  private void selectOnce(String sql, Binder binder, RowConsumer rows) {
    RecordCursorFactory factory = compiled.take(sql);
    boolean reusable = false;
    try (SqlExecutionContextImpl ctx = context()) {
      binder.bind(ctx.getBindVariableService());
      if (factory == null) {
        factory = engine.select(sql, ctx);
      }
      try (RecordCursor cursor = factory.getCursor(ctx)) {
        RecordMetadata metadata = factory.getMetadata();
        Record record = cursor.getRecord();
        while (cursor.hasNext()) {
          rows.accept(record, metadata);
        }
      }
      reusable = true;
    } catch (TableReferenceOutOfDateException e) {
      throw e;
    } catch (SqlException | CairoException e) {
      throw failure(sql, e);
    } finally {
      if (factory != null) {
        if (reusable) {
          compiled.give(sql, factory);
        } else {
          factory.close(); // it may refer to a table or view as it was: compile afresh
        }
      }
    }
  }

  /** How many compiled queries wait for reuse (for tests). */
  int compiledQueries() {
    return compiled.size();
  }

  /** Frees the compiled queries kept for reuse; the runner still works (it compiles again). */
  void close() {
    compiled.close();
  }

  /** A numeric column as double, NaN for null (QuestDB's FLOAT/DOUBLE null is NaN). */
  static double number(Record record, RecordMetadata metadata, int column) {
    return switch (ColumnType.tagOf(metadata.getColumnType(column))) {
      case ColumnType.FLOAT -> record.getFloat(column);
      case ColumnType.DOUBLE -> record.getDouble(column);
      case ColumnType.LONG -> nullableLong(record.getLong(column));
      case ColumnType.INT -> nullableInt(record.getInt(column));
      default ->
          throw new IllegalStateException(
              "column "
                  + metadata.getColumnName(column)
                  + " is not numeric: "
                  + ColumnType.nameOf(metadata.getColumnType(column)));
    };
  }

  static String symbol(Record record, int column) {
    CharSequence value = record.getSymA(column);
    return value == null ? null : value.toString();
  }

  private static double nullableLong(long v) {
    return v == Long.MIN_VALUE ? Double.NaN : v;
  }

  private static double nullableInt(int v) {
    return v == Integer.MIN_VALUE ? Double.NaN : v;
  }

  private SqlExecutionContextImpl context() {
    return new SqlExecutionContextImpl(engine, 1)
        .with(
            AllowAllSecurityContext.INSTANCE,
            new BindVariableServiceImpl(engine.getConfiguration()));
  }

  private static IllegalStateException failure(String sql, FlyweightMessageContainer e) {
    CharSequence message = e.getFlyweightMessage();
    return new IllegalStateException("QuestDB: " + message + " [sql=" + sql + "]", (Throwable) e);
  }
}
