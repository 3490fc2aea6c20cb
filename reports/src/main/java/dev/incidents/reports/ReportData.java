package dev.incidents.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the report's {@link ReportQuery} files over a DuckDB connection to the lake, binding named
 * parameters. A parameter a file uses but the caller did not give is an error, never a null.
 *
 * <p>The small aggregate tables that nearly every section reads ({@link #CACHED}) are copied once
 * into temporary tables of the same name, which DuckDB resolves before the lake's views: on a large
 * lake {@code monthly_metrics} spans hundreds of Parquet files, and re-reading them for each of the
 * report's queries dominated its run time. The copy is a snapshot of the same rows.
 */
public final class ReportData {
  /** Tables copied into temporary tables of the same name for the report's many reads. */
  static final List<String> CACHED = List.of("monthly_metrics", "data_quality");

  private final Connection connection;

  public ReportData(Connection connection) {
    this.connection = connection;
    try (java.sql.Statement statement = connection.createStatement()) {
      for (String table : CACHED) {
        statement.execute(
            "CREATE OR REPLACE TEMP TABLE " + table + " AS SELECT * FROM main." + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the derived tables: " + e.getMessage(), e);
    }
  }

  /** The rows of a query, each an ordered map from column label to value. */
  public List<Map<String, Object>> rows(ReportQuery query, Map<String, Object> parameters) {
    List<String> names = query.parameters();
    try (PreparedStatement statement = connection.prepareStatement(query.statement())) {
      for (int i = 0; i < names.size(); i++) {
        if (!parameters.containsKey(names.get(i))) {
          throw new IllegalArgumentException(
              "Report query " + query.file() + " needs parameter " + names.get(i));
        }
        statement.setObject(i + 1, parameters.get(names.get(i)));
      }
      try (ResultSet result = statement.executeQuery()) {
        ResultSetMetaData meta = result.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (result.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i), result.getObject(i));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Report query " + query.file() + " failed: " + e.getMessage(), e);
    }
  }

  /** Parameters from alternating names and values. */
  public static Map<String, Object> parameters(Object... namesAndValues) {
    Map<String, Object> parameters = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return parameters;
  }

  static double number(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }

  static long count(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? 0 : ((Number) value).longValue();
  }

  static String text(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? "" : value.toString();
  }
}
