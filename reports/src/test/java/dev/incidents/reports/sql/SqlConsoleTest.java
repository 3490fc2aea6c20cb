package dev.incidents.reports.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.lake.Lake;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's line-processing core: multi-line statements, dot-commands and completion. */
class SqlConsoleTest {
  @TempDir Path directory;

  @Test
  void aStatementRunsWhenItsSemicolonArrivesEvenAcrossLines() throws Exception {
    try (Connection connection = ReadOnlyLake.open(new Lake(directory.resolve("lake")), "UTC")) {
      SqlSession session = new SqlSession(connection, "table", 10);
      assertThat(session.feed("SELECT 1 AS one,")).isNull();
      assertThat(session.continuing()).isTrue();
      assertThat(session.feed("  'a;b' AS text -- a ; in a comment")).isNull();
      String output = session.feed("  ;");
      assertThat(output)
          .contains("one | text")
          .contains("1   | a;b")
          .contains("(1 row)")
          .contains("Run time:");
      assertThat(session.continuing()).isFalse();
      assertThat(session.feed(".tables")).contains("incident_facts").contains("monthly_metrics");
      assertThat(session.feed(".schema alerts")).contains("fired_at timestamp");
      assertThat(session.feed("SELECT count(*) AS n FROM incidents;")).contains("n").contains("0");
      assertThat(session.feed("DROP VIEW incidents;")).startsWith("Refused: ");
    }
  }

  @Test
  void tableAndColumnNamesComplete() {
    assertThat(SqlSession.complete("incident_f")).containsExactly("incident_facts");
    assertThat(SqlSession.complete("time_to_re")).containsExactly("time_to_resolve_s");
    assertThat(SqlSession.complete("p50_time_to_res")).contains("p50_time_to_resolve_s");
  }

  @Test
  void aLongResultIsCappedWithACount() throws Exception {
    try (Connection connection = ReadOnlyLake.open(new Lake(directory.resolve("lake")), "UTC")) {
      String output =
          new SqlSession(connection, "table", 5).run("SELECT * FROM range(12)").output();
      assertThat(output).contains("(7 more rows; 12 in all)");
    }
  }
}
