package dev.incidents.reports.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gate's messages, exactly, as parser tests should be: a syntax error says where (line and
 * column of the whole script, counted from 1), a refusal says "Refused (read-only)" and what runs.
 */
class StatementGateMessagesTest {
  Connection connection;
  StatementGate gate;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    gate = new StatementGate(connection);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          selec 1                              | Syntax error at or near "selec" at line 1, column 1
          SELECT 1 FROM                        | Syntax error at or near "FROM" at line 1, column 10
          SELECT 1;\\nSELECT ((2               | Syntax error at or near "2" at line 2, column 10
          SELECT 1;\\n\\n  SELECT * FRM x      | Syntax error at or near "x" at line 3, column 16
          """)
  void aSyntaxErrorNamesItsLineAndColumn(String script, String message) {
    assertThatThrownBy(() -> gate.admit(script.replace("\\n", "\n")))
        .isInstanceOfSatisfying(
            SqlError.class, error -> assertThat(error.kind()).isEqualTo(SqlError.Kind.SYNTAX))
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          COPY incidents TO 'x.csv'         | COPY
          attach 'other.db' AS other        | ATTACH
          SELECT 1; DROP VIEW incidents     | DROP
          /* hidden */ INSTALL httpfs       | INSTALL
          """)
  void aRefusalSaysReadOnlyAndWhatRuns(String script, String word) {
    assertThatThrownBy(() -> gate.admit(script))
        .isInstanceOfSatisfying(
            SqlError.class, error -> assertThat(error.kind()).isEqualTo(SqlError.Kind.REFUSED))
        .hasMessage(
            "Refused (read-only): "
                + word
                + " is not allowed; only SELECT, WITH, DESCRIBE, SHOW, EXPLAIN and SUMMARIZE run");
  }

  @Test
  void anEmptyScriptIsNotAStatement() {
    assertThatThrownBy(() -> gate.admit(" -- only a comment\n ;"))
        .isInstanceOf(SqlError.class)
        .hasMessage("No statement to run");
  }
}
