package dev.incidents.reports.sql;

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

  public static Connection open(Lake lake, String timezone) throws SQLException {
    String root;
    try {
      Files.createDirectories(lake.root());
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
