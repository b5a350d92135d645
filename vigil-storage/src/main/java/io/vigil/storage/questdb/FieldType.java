package io.vigil.storage.questdb;

/**
 * Storage type of a field column, chosen once when the column is created. QuestDB stores columns
 * uncompressed, so the type decides the bytes per sample: percentages and ratios carry no more than
 * 7 significant digits of meaning and go to 4-byte FLOAT; everything else (byte counters, rates,
 * durations, counts) keeps full 8-byte DOUBLE precision.
 */
enum FieldType {
  FLOAT("FLOAT"),
  DOUBLE("DOUBLE");

  private final String sql;

  FieldType(String sql) {
    this.sql = sql;
  }

  String sql() {
    return sql;
  }

  /** The rule: names ending in {@code _pct} or {@code _ratio} are FLOAT, all others DOUBLE. */
  static FieldType forNewField(String fieldName) {
    return fieldName.endsWith("_pct") || fieldName.endsWith("_ratio") ? FLOAT : DOUBLE;
  }

  /** Maps a column type name as reported by {@code table_columns()}; null when not a field type. */
  static FieldType fromSqlType(String typeName) {
    return switch (typeName) {
      case "FLOAT" -> FLOAT;
      case "DOUBLE" -> DOUBLE;
      default -> null;
    };
  }
}
