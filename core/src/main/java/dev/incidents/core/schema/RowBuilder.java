package dev.incidents.core.schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds one lake row ({@code Object[]} in column order) by column name, checking the Java type of
 * each value against the column type. This is the only place where {@link Optional} becomes null.
 */
public final class RowBuilder {
  // Keyed by table name: hashing a whole TableSchema record on every row was on the ingest hot
  // path.
  private static final Map<String, Map<String, Integer>> INDEXES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final TableSchema table;
  private final Map<String, Integer> index;
  private final Object[] values;

  public RowBuilder(TableSchema table) {
    this.table = table;
    this.index = INDEXES.computeIfAbsent(table.name(), name -> indexOf(table));
    this.values = new Object[table.columns().size()];
  }

  private static Map<String, Integer> indexOf(TableSchema table) {
    Map<String, Integer> result = new HashMap<>();
    for (int i = 0; i < table.columns().size(); i++) {
      result.put(table.columns().get(i).name(), i);
    }
    return Map.copyOf(result);
  }

  public RowBuilder set(String column, Object value) {
    Integer position = index.get(column);
    if (position == null) {
      throw new IllegalArgumentException("Table " + table.name() + " has no column " + column);
    }
    Object unwrapped = value instanceof Optional<?> optional ? optional.orElse(null) : value;
    if (unwrapped != null) {
      checkType(table.columns().get(position), unwrapped);
    }
    values[position] = unwrapped;
    return this;
  }

  public Object[] build() {
    for (int i = 0; i < values.length; i++) {
      Column column = table.columns().get(i);
      if (column.required() && values[i] == null) {
        throw new IllegalArgumentException(
            "Invalid row for " + table.name() + ": required column " + column.name() + " is null");
      }
    }
    return values.clone();
  }

  static void checkType(Column column, Object value) {
    boolean matches =
        switch (column.type()) {
          case STRING -> value instanceof String;
          case BIGINT -> value instanceof Long;
          case INT -> value instanceof Integer;
          case DOUBLE -> value instanceof Double;
          case BOOLEAN -> value instanceof Boolean;
          case TIMESTAMP -> value instanceof Instant;
          case DATE -> value instanceof LocalDate;
          case STRING_ARRAY -> value instanceof List<?>;
          case STRING_MAP -> value instanceof Map<?, ?>;
        };
    if (!matches) {
      throw new IllegalArgumentException(
          "Invalid value for column "
              + column.name()
              + " ("
              + column.type()
              + "): "
              + value.getClass().getSimpleName());
    }
  }
}
