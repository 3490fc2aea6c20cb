package dev.incidents.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers over a DuckDB connection: rows as ordered maps, parameters bound. */
final class Query {
  private final Connection connection;

  Query(Connection connection) {
    this.connection = connection;
  }

  List<Map<String, Object>> rows(String sql, Object... parameters) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
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
      throw new IllegalStateException("Report query failed: " + e.getMessage() + "\n" + sql, e);
    }
  }

  Map<String, Object> one(String sql, Object... parameters) {
    List<Map<String, Object>> rows = rows(sql, parameters);
    return rows.isEmpty() ? Map.of() : rows.get(0);
  }

  double[] doubles(String sql, Object... parameters) {
    List<Map<String, Object>> rows = rows(sql, parameters);
    double[] values = new double[rows.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ((Number) rows.get(i).values().iterator().next()).doubleValue();
    }
    return values;
  }

  static double number(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }

  static long count(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? 0 : ((Number) value).longValue();
  }
}
