package dev.incidents.core.schema;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A lake table: its public name, its columns in order, the id column that upserts key on, and the
 * time column whose UTC month picks the physical partition folder ({@code month=YYYY-MM}).
 *
 * <p>Partition folders are physical layout only. Every reader reads a table folder recursively
 * without partition inference, so a partition folder never adds a column.
 */
public record TableSchema(
    String name,
    TableKind kind,
    List<Column> columns,
    List<String> keyColumns,
    Optional<String> partitionColumn,
    String description) {
  public TableSchema {
    requireNonNull(name, "name is null");
    requireNonNull(kind, "kind is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    keyColumns = List.copyOf(requireNonNull(keyColumns, "keyColumns is null"));
    requireNonNull(partitionColumn, "partitionColumn is null");
    requireNonNull(description, "description is null");
    Set<String> names = new HashSet<>();
    for (Column column : columns) {
      if (!names.add(column.name())) {
        throw new IllegalArgumentException(
            "Invalid table " + name + ": duplicate column " + column.name());
      }
    }
    for (String key : keyColumns) {
      if (!names.contains(key)) {
        throw new IllegalArgumentException("Invalid table " + name + ": unknown key " + key);
      }
    }
    if (partitionColumn.isPresent()) {
      String partition = partitionColumn.get();
      ColumnType type = null;
      for (Column column : columns) {
        if (column.name().equals(partition)) {
          type = column.type();
        }
      }
      if (type == null) {
        throw new IllegalArgumentException(
            "Invalid table " + name + ": unknown partition column " + partition);
      }
      if (type != ColumnType.TIMESTAMP && type != ColumnType.DATE && type != ColumnType.STRING) {
        throw new IllegalArgumentException(
            "Invalid table " + name + ": partition column " + partition + " is " + type);
      }
    }
  }

  public int indexOf(String columnName) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(columnName)) {
        return i;
      }
    }
    throw new IllegalArgumentException("Table " + name + " has no column " + columnName);
  }

  public Column column(String columnName) {
    return columns.get(indexOf(columnName));
  }

  /** Whether the table is written by ingest (canonical) or by the transform (derived). */
  public enum TableKind {
    CANONICAL,
    DERIVED
  }
}
