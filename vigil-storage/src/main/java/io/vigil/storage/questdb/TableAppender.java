package io.vigil.storage.questdb;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.sql.TableRecordMetadata;
import io.questdb.cairo.wal.WalWriter;
import io.vigil.model.Point;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends points of one measurement through a WAL writer kept open between batches (opening one
 * costs file handles and mappings). Column indexes are resolved once per schema version so the hot
 * path does hash lookups only. Used by the single writer thread only.
 */
final class TableAppender implements AutoCloseable {

  private record Column(int index, boolean isFloat) {}

  private final TableSchema schema;
  private final WalWriter writer;
  private final int hostColumn;
  private final Map<String, Integer> tagColumns = new HashMap<>();
  private final Map<String, Column> fieldColumns = new HashMap<>();

  TableAppender(CairoEngine engine, TableToken token, TableSchema schema) {
    this.schema = schema;
    this.writer = engine.getWalWriter(token);
    try {
      TableRecordMetadata metadata = writer.getMetadata();
      hostColumn = metadata.getColumnIndex(Point.HOST_TAG);
      for (String tag : schema.tags()) {
        tagColumns.put(tag, metadata.getColumnIndex(tag));
      }
      schema
          .fields()
          .forEach(
              (field, type) ->
                  fieldColumns.put(
                      field, new Column(metadata.getColumnIndex(field), type == FieldType.FLOAT)));
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  TableSchema schema() {
    return schema;
  }

  /** Appends without committing; the caller has checked that the schema covers every point. */
  void append(List<Point> points) {
    for (Point point : points) {
      TableWriter.Row row = writer.newRow(point.timestamp() * 1000L);
      try {
        for (Map.Entry<String, String> tag : point.tags().entrySet()) {
          if (Point.HOST_TAG.equals(tag.getKey())) {
            row.putSym(hostColumn, tag.getValue());
          } else {
            row.putSym(tagColumns.get(tag.getKey()), tag.getValue());
          }
        }
        for (Map.Entry<String, Double> field : point.fields().entrySet()) {
          Column column = fieldColumns.get(field.getKey());
          double value = field.getValue();
          if (column.isFloat()) {
            row.putFloat(column.index(), (float) value);
          } else {
            row.putDouble(column.index(), value);
          }
        }
        row.append();
      } catch (RuntimeException e) {
        row.cancel();
        throw e;
      }
    }
  }

  /** Commits the appended rows to the WAL: after the return they survive a crash of the process. */
  void commit() {
    writer.commit();
  }

  void rollback() {
    writer.rollback();
  }

  boolean isDistressed() {
    return writer.isDistressed();
  }

  @Override
  public void close() {
    writer.close();
  }
}
