package dev.incidents.reports.sql;

import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The hardened DuckDB connection behind {@code incidents sql} and the notebooks: no external access
 * beyond the lake's folder, no extension installs or loads, then the configuration is locked so no
 * statement can loosen it. {@link StatementGate} refuses everything but reads (because {@code COPY
 * ... TO} would still write inside the allowed folder).
 */
public final class ReadOnlyLake {
  private ReadOnlyLake() {}

  /**
   * True when the folder holds a lake: at least one table was written there. An empty or missing
   * folder is not a lake, so a typo in {@code --lake} is not read as an empty history.
   */
  public static boolean isLake(Lake lake) {
    if (!Files.isDirectory(lake.root())) {
      return false;
    }
    for (TableSchema table : LakeTables.ALL) {
      if (lake.exists(table)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Opens the lake read-only. Creates nothing: the folder must exist.
   *
   * @throws IllegalArgumentException when the folder does not exist
   */
  public static Connection open(Lake lake, String timezone) throws SQLException {
    if (!Files.isDirectory(lake.root())) {
      throw new IllegalArgumentException("No lake at " + lake.root());
    }
    String root;
    try {
      root = lake.root().toRealPath().toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the lake at " + lake.root(), e);
    }
    Connection connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET autoinstall_known_extensions = false");
      statement.execute("SET autoload_known_extensions = false");
      statement.execute("SET allowed_directories = ['" + root.replace("'", "''") + "/']");
      statement.execute("SET enable_external_access = false");
      statement.execute("SET TimeZone = '" + timezone.replace("'", "''") + "'");
    }
    LakeViews.register(connection, lake);
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE OR REPLACE MACRO unix_seconds(ts) AS CAST(floor(epoch_us(ts) / 1000000.0) AS BIGINT)");
      statement.execute("SET lock_configuration = true");
    }
    return connection;
  }
}
