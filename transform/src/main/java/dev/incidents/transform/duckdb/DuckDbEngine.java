package dev.incidents.transform.duckdb;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.TableSchema;
import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import dev.incidents.transform.Engine;
import dev.incidents.transform.RowConverter;
import dev.incidents.transform.TransformParameters;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pipeline on DuckDB, in process: lake tables are the shared views; each step becomes a temp
 * table. A few macros fill the gaps to Spark's function names ({@code unix_seconds} is defined with
 * the views; {@code month_of}, {@code local_hour}, {@code local_isodow}, {@code first_of} here).
 */
public final class DuckDbEngine implements Engine {
  private final Connection connection;

  public DuckDbEngine(Lake lake, TransformParameters parameters) {
    try {
      this.connection = LakeViews.open(lake);
      String zone = parameters.reportZone().getId().replace("'", "''");
      try (Statement statement = connection.createStatement()) {
        for (String macro :
            List.of(
                "CREATE OR REPLACE MACRO month_of(ts) AS strftime(timezone('"
                    + zone
                    + "', ts), '%Y-%m')",
                "CREATE OR REPLACE MACRO local_hour(ts, tz) AS hour(timezone(tz, ts))",
                "CREATE OR REPLACE MACRO local_isodow(ts, tz) AS isodow(timezone(tz, ts))",
                "CREATE OR REPLACE MACRO first_of(list) AS list[1]",
                "CREATE OR REPLACE MACRO as_of_date() AS CAST('"
                    + parameters.values().get("as_of_date")
                    + "' AS DATE)")) {
          statement.execute(macro);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open DuckDB over the lake: " + e.getMessage(), e);
    }
  }

  @Override
  public String dialect() {
    return "duckdb";
  }

  @Override
  public void materialize(String view, String sql) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE OR REPLACE TEMP TABLE " + view + " AS " + sql);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed on step " + view + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void collect(String view, TableSchema table, Consumer<Object[]> sink) {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT * FROM " + view)) {
      List<Column> columns = table.columns();
      int[] positions = new int[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        positions[i] = result.findColumn(columns.get(i).name());
      }
      while (result.next()) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = RowConverter.convert(columns.get(i), result.getObject(positions[i]));
        }
        sink.accept(row);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed reading " + view + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // an in-memory database: nothing to lose
    }
  }
}
