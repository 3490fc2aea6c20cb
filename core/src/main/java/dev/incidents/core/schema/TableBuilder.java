package dev.incidents.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Fluent construction of a {@link TableSchema}; used only by {@link LakeTables}. */
final class TableBuilder {
  private final String name;
  private final TableSchema.TableKind kind;
  private final String description;
  private final List<Column> columns = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();
  private Optional<String> partition = Optional.empty();

  TableBuilder(String name, TableSchema.TableKind kind, String description) {
    this.name = name;
    this.kind = kind;
    this.description = description;
  }

  TableBuilder key(String... columnNames) {
    keys.addAll(List.of(columnNames));
    return this;
  }

  TableBuilder partitionBy(String columnName) {
    partition = Optional.of(columnName);
    return this;
  }

  TableBuilder required(String columnName, ColumnType type, String columnDescription) {
    columns.add(Column.required(columnName, type, columnDescription));
    return this;
  }

  TableBuilder optional(String columnName, ColumnType type, String columnDescription) {
    columns.add(Column.optional(columnName, type, columnDescription));
    return this;
  }

  TableSchema build() {
    return new TableSchema(name, kind, columns, keys, partition, description);
  }
}
