package io.vigil.storage.questdb;

import io.questdb.cairo.sql.RecordCursorFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled queries waiting for their next use, by SQL text, least recently used first out.
 * Compiling was two thirds of a dashboard's small range query (JFR, scale benchmark); QuestDB's own
 * PostgreSQL endpoint keeps compiled queries the same way. A factory serves one query at a time: it
 * is taken out while its cursor is open and given back afterwards, so concurrent queries of the
 * same text compile their own.
 */
final class CompiledQueries implements AutoCloseable {

  private final int capacity;
  private final Map<String, Deque<RecordCursorFactory>> idle = new LinkedHashMap<>(64, 0.75f, true);
  private int size;
  private boolean closed;

  /** At most {@code capacity} idle factories (each holds native memory once it ran). */
  CompiledQueries(int capacity) {
    this.capacity = capacity;
  }

  /** An idle factory compiled from {@code sql}, or null. */
  synchronized RecordCursorFactory take(String sql) {
    Deque<RecordCursorFactory> factories = idle.get(sql);
    if (factories == null) {
      return null;
    }
    RecordCursorFactory factory = factories.poll();
    if (factories.isEmpty()) {
      idle.remove(sql);
    }
    if (factory != null) {
      size--;
    }
    return factory;
  }

  /** Keeps a factory whose last cursor closed normally; frees the eldest beyond the capacity. */
  void give(String sql, RecordCursorFactory factory) {
    RecordCursorFactory evicted = null;
    synchronized (this) {
      if (closed) {
        evicted = factory;
      } else {
        idle.computeIfAbsent(sql, s -> new ArrayDeque<>()).push(factory);
        if (++size > capacity) {
          evicted = takeEldest();
        }
      }
    }
    if (evicted != null) {
      evicted.close();
    }
  }

  /** Frees every idle factory, e.g. after a schema change. */
  void clear() {
    Deque<RecordCursorFactory> freed = new ArrayDeque<>();
    synchronized (this) {
      idle.values().forEach(freed::addAll);
      idle.clear();
      size = 0;
    }
    freed.forEach(RecordCursorFactory::close);
  }

  synchronized int size() {
    return size;
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    clear();
  }

  private RecordCursorFactory takeEldest() {
    Iterator<Map.Entry<String, Deque<RecordCursorFactory>>> eldest = idle.entrySet().iterator();
    Map.Entry<String, Deque<RecordCursorFactory>> entry = eldest.next();
    RecordCursorFactory factory = entry.getValue().pollLast();
    if (entry.getValue().isEmpty()) {
      eldest.remove();
    }
    size--;
    return factory;
  }
}
