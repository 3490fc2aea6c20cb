package dev.incidents.ingest;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import java.util.Optional;
import java.util.Set;

/** Which canonical table a file's columns name: all required columns present, none unknown. */
final class CanonicalTables {
  private CanonicalTables() {}

  static Optional<TableSchema> match(Set<String> columns) {
    for (TableSchema table : LakeTables.ALL) {
      if (table.kind() != TableSchema.TableKind.CANONICAL
          || table == LakeTables.QUARANTINE
          || table == LakeTables.INGEST_RUNS) {
        continue;
      }
      boolean allRequired =
          table.columns().stream()
              .filter(Column::required)
              .allMatch(c -> columns.contains(c.name()));
      boolean noUnknown =
          columns.stream()
              .allMatch(name -> table.columns().stream().anyMatch(c -> c.name().equals(name)));
      if (allRequired && noUnknown) {
        return Optional.of(table);
      }
    }
    return Optional.empty();
  }
}
