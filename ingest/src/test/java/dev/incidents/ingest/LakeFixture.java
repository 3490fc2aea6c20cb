package dev.incidents.ingest;

import dev.incidents.core.config.Config;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Ingests into a real temporary lake and queries it through the shared DuckDB views. */
final class LakeFixture {
  final Lake lake;

  LakeFixture(Path directory) {
    this.lake = new Lake(directory.resolve("lake"));
  }

  IngestSummary ingest(Path... paths) {
    return ingest(ArchiveLimits.DEFAULT, paths);
  }

  IngestSummary ingest(ArchiveLimits limits, Path... paths) {
    return new IngestJob(lake, Config.defaults(), Optional.empty(), limits)
        .run(List.of(paths), bytes -> {});
  }

  /** The first row of a query, as strings. */
  List<String> row(String sql) {
    List<List<String>> rows = rows(sql);
    if (rows.isEmpty()) {
      throw new AssertionError("No row for " + sql);
    }
    return rows.get(0);
  }

  String value(String sql) {
    return row(sql).get(0);
  }

  long count(String sql) {
    return Long.parseLong(value(sql));
  }

  List<List<String>> rows(String sql) {
    try (Connection connection = LakeViews.open(lake);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      List<List<String>> rows = new ArrayList<>();
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getString(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (Exception e) {
      throw new AssertionError("Query failed: " + sql, e);
    }
  }

  /**
   * The real public samples in the repository's {@code testdata/samples} (provenance and licences
   * in its {@code SOURCES.md}), passed by the build as {@code incidents.samples.dir}.
   */
  static Path samples() {
    String configured = System.getProperty("incidents.samples.dir");
    Path samples =
        (configured != null ? Path.of(configured) : Path.of("../testdata/samples"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(samples)) {
      throw new IllegalStateException("The real samples are missing: " + samples);
    }
    return samples;
  }
}
