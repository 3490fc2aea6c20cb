package dev.incidents.reports.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.RowBuilder;
import dev.incidents.lake.Lake;
import dev.incidents.lake.TableWrite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every escape from the read-only console is refused and writes nothing; reads work. */
class SqlHardeningTest {
  @TempDir Path directory;
  Lake lake;

  @BeforeEach
  void lakeWithOneIncident() {
    lake = new Lake(directory.resolve("lake"));
    try (TableWrite write = lake.upsert(LakeTables.INCIDENTS)) {
      write.add(
          new RowBuilder(LakeTables.INCIDENTS)
              .set("incident_id", "t:incident:1")
              .set("source", "t")
              .set("external_id", "1")
              .set("title", "Checkout down")
              .set("severity", "SEV1")
              .set("mode", "real")
              .set("status", "resolved")
              .set("reported_at", Instant.parse("2026-03-01T10:00:00Z"))
              .set("source_file", "f")
              .build());
      write.commit();
    }
  }

  /** What a script wrote, and the error that stopped it (null when none). */
  record Outcome(String output, SqlError error) {
    boolean refused() {
      return error != null && error.kind() == SqlError.Kind.REFUSED;
    }

    boolean failed() {
      return error != null && error.kind() != SqlError.Kind.REFUSED;
    }

    String message() {
      return error == null ? "" : error.getMessage();
    }
  }

  Outcome run(String sql) throws Exception {
    try (Connection connection = ReadOnlyLake.open(lake, "UTC")) {
      java.io.StringWriter out = new java.io.StringWriter();
      try {
        new SqlSession(connection).run(sql, OutputFormat.CSV, 0, out, written -> {});
        return new Outcome(out.toString(), null);
      } catch (SqlError e) {
        return new Outcome(out.toString(), e);
      }
    }
  }

  @Test
  void readsWork() throws Exception {
    Outcome outcome =
        run(
            "SELECT title, severity FROM incidents; DESCRIBE incidents; SHOW TABLES; SUMMARIZE incidents; EXPLAIN SELECT 1;\n WITH x AS (SELECT 1 AS one) SELECT * FROM x");
    assertThat(outcome.refused()).isFalse();
    assertThat(outcome.failed()).as(outcome.message()).isFalse();
    assertThat(outcome.output()).startsWith("title,severity\nCheckout down,SEV1\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "COPY incidents TO 'OUT/copy.csv'",
        "COPY (SELECT * FROM incidents) TO 'OUT/copy.parquet' (FORMAT parquet)",
        "COPY incidents FROM '/etc/passwd'",
        "EXPORT DATABASE 'OUT/export'",
        "ATTACH 'OUT/other.db' AS other",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "RESET lock_configuration",
        "PRAGMA enable_profiling",
        "CREATE TABLE evil AS SELECT 1",
        "CREATE VIEW v AS SELECT 1",
        "INSERT INTO incidents SELECT * FROM incidents",
        "DELETE FROM incidents",
        "DROP VIEW incidents",
        "SELECT 1; DROP VIEW incidents",
        "SELECT 1 /* ; */ ; COPY incidents TO 'OUT/smuggled.csv'",
        "SELECT 1 -- harmless\n; CREATE TABLE t AS SELECT 1",
        "CALL pragma_version()",
        "CHECKPOINT",
        "DESCRIBE (COPY incidents TO 'OUT/x.csv')",
        "EXPLAIN COPY incidents TO 'OUT/x.csv'",
      })
  void writesAndEscapesAreRefused(String statement) throws Exception {
    Path out = directory.resolve("out");
    Files.createDirectories(out);
    Outcome outcome = run(statement.replace("OUT", lake.root().toString()));
    if (statement.contains("(COPY")) {
      // DuckDB's grammar has no COPY inside parentheses: a syntax error, so nothing runs either.
      assertThat(outcome.error().kind()).isEqualTo(SqlError.Kind.SYNTAX);
    } else {
      assertThat(outcome.refused()).as(outcome.message()).isTrue();
      assertThat(outcome.message()).startsWith("Refused (read-only): ").doesNotContain("\tat ");
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      assertThat(
              walk.filter(
                      p ->
                          p.getFileName()
                              .toString()
                              .matches("copy.*|smuggled.*|other\\.db|x\\.csv|export"))
                  .toList())
          .isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM read_parquet('/tmp/*.parquet')",
      })
  void readingOutsideTheLakeFailsWithDuckDbsOwnMessage(String statement) throws Exception {
    Outcome outcome = run(statement);
    assertThat(outcome.failed() || outcome.refused()).isTrue();
    assertThat(outcome.output()).doesNotContain("root:");
    assertThat(outcome.message()).doesNotContain("root:").doesNotContain("\n");
    if (outcome.failed()) {
      assertThat(outcome.message())
          .containsAnyOf("Permission Error", "disabled by configuration", "not allowed");
    }
  }

  @Test
  void theConfigurationIsLockedEvenIfAStatementSlipsPastTheGate() throws Exception {
    try (Connection connection = ReadOnlyLake.open(lake, "UTC");
        var statement = connection.createStatement()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> statement.execute("SET enable_external_access = true"))
          .hasMessageContaining("lock");
    }
  }
}
