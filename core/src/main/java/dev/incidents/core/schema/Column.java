package dev.incidents.core.schema;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One column of a lake table.
 *
 * @param required true when every row must carry a value
 * @param description the contract of the column, shown in generated documentation
 */
public record Column(String name, ColumnType type, boolean required, String description) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public Column {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(description, "description is null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Invalid column name: '" + name + "'");
    }
  }

  public static Column required(String name, ColumnType type, String description) {
    return new Column(name, type, true, description);
  }

  public static Column optional(String name, ColumnType type, String description) {
    return new Column(name, type, false, description);
  }
}
