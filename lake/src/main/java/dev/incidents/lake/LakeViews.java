package dev.incidents.lake;

import dev.incidents.core.schema.ColumnType;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shared way every module reads the lake: a DuckDB connection with one view per lake table,
 * named as in docs/data.md. A table that was never written reads as an empty view with the right
 * columns, not as an error.
 */
public final class LakeViews {
  private LakeViews() {}

  /** An in-memory DuckDB connection in UTC with a view per table of the lake. */
  public static Connection open(Lake lake) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      // Spark's unix_seconds truncates to the whole second; epoch(ts)::BIGINT would round.
      statement.execute(
          "CREATE OR REPLACE MACRO unix_seconds(ts) AS CAST(floor(epoch_us(ts) / 1000000.0) AS BIGINT)");
    }
    register(connection, lake);
    return connection;
  }

  /** (Re)creates one view per table over the current version of each table. */
  public static void register(Connection connection, Lake lake) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (TableSchema table : LakeTables.ALL) {
        List<Path> files = lake.files(table);
        java.util.Set<String> present = new java.util.HashSet<>();
        if (!files.isEmpty()) {
          try (var result = statement.executeQuery("DESCRIBE SELECT * FROM " + source(files))) {
            while (result.next()) {
              present.add(result.getString("column_name"));
            }
          }
        }
        statement.execute(viewSql(table, files, present));
      }
    }
  }

  private static String source(List<Path> files) {
    return "read_parquet("
        + files.stream()
            .map(file -> quote(file.toString()))
            .collect(Collectors.joining(", ", "[", "]"))
        + ", hive_partitioning = false, union_by_name = true)";
  }

  /**
   * The view of one table. A column that no file has yet (added to the schema after the files were
   * written) reads as NULL, so older lakes stay readable.
   */
  static String viewSql(TableSchema table, List<Path> files, java.util.Set<String> present) {
    String columns;
    String from;
    if (files.isEmpty()) {
      columns =
          table.columns().stream()
              .map(c -> "CAST(NULL AS " + duckDbType(c.type()) + ") AS " + c.name())
              .collect(Collectors.joining(", "));
      from = "(SELECT 1) AS empty WHERE false";
    } else {
      columns =
          table.columns().stream()
              .map(
                  c ->
                      "CAST("
                          + (present.contains(c.name()) ? c.name() : "NULL")
                          + " AS "
                          + duckDbType(c.type())
                          + ") AS "
                          + c.name())
              .collect(Collectors.joining(", "));
      from = source(files);
    }
    return "CREATE OR REPLACE VIEW " + table.name() + " AS SELECT " + columns + " FROM " + from;
  }

  /** The DuckDB type of each lake column type. */
  public static String duckDbType(ColumnType type) {
    return switch (type) {
      case STRING -> "VARCHAR";
      case BIGINT -> "BIGINT";
      case INT -> "INTEGER";
      case DOUBLE -> "DOUBLE";
      case BOOLEAN -> "BOOLEAN";
      case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
      case DATE -> "DATE";
      case STRING_ARRAY -> "VARCHAR[]";
      case STRING_MAP -> "MAP(VARCHAR, VARCHAR)";
    };
  }

  static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** The DuckDB types of a view's columns, in order, as DESCRIBE reports them. */
  public static List<String> describe(Connection connection, String relation) throws SQLException {
    try (Statement statement = connection.createStatement();
        var result = statement.executeQuery("DESCRIBE " + relation)) {
      List<String> types = new java.util.ArrayList<>();
      while (result.next()) {
        types.add(result.getString("column_name") + " " + result.getString("column_type"));
      }
      return types;
    }
  }
}
