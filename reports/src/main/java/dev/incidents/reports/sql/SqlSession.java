package dev.incidents.reports.sql;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs scripts over a read-only lake connection, independent of any terminal: every statement
 * passes the {@link StatementGate}, results are written as they come, and an error is one {@link
 * SqlError} line. A running statement can be cancelled from another thread.
 */
public final class SqlSession {
  /** Words the console completes besides table and column names. */
  public static final List<String> KEYWORDS =
      List.of(
          "SELECT",
          "FROM",
          "WHERE",
          "GROUP BY",
          "ORDER BY",
          "HAVING",
          "LIMIT",
          "OFFSET",
          "WITH",
          "AS",
          "AND",
          "OR",
          "NOT",
          "IN",
          "IS NULL",
          "IS NOT NULL",
          "BETWEEN",
          "LIKE",
          "ILIKE",
          "JOIN",
          "LEFT JOIN",
          "INNER JOIN",
          "ON",
          "USING",
          "UNION ALL",
          "DISTINCT",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "COUNT",
          "SUM",
          "AVG",
          "MIN",
          "MAX",
          "MEDIAN",
          "QUANTILE_CONT",
          "DATE_TRUNC",
          "UNNEST",
          "DESC",
          "ASC",
          "DESCRIBE",
          "SHOW TABLES",
          "SUMMARIZE",
          "EXPLAIN",
          "QUALIFY",
          "OVER",
          "PARTITION BY");

  private static final Pattern SUGGESTION = Pattern.compile("Did you mean \"([^\"]+)\"\\?");

  private final Connection connection;
  private final StatementGate gate;
  private volatile Statement running;

  public SqlSession(Connection connection) {
    this.connection = connection;
    this.gate = new StatementGate(connection);
  }

  /** What to do with each statement's result; returns what it wrote. */
  @FunctionalInterface
  public interface ResultHandler {
    ResultFormatter.Written handle(ResultSet result) throws SQLException, IOException;
  }

  /**
   * Runs a whole script, writing each statement's result to out in the format; stops at the first
   * statement that is refused or fails. After each statement, done receives what was written.
   *
   * @throws SqlError the one-line reason the script stopped
   */
  public List<ResultFormatter.Written> run(
      String script,
      OutputFormat format,
      long maxRows,
      Writer out,
      Consumer<ResultFormatter.Written> done) {
    return run(
        script,
        result -> {
          ResultFormatter.Written written = ResultFormatter.write(result, format, maxRows, out);
          out.flush();
          done.accept(written);
          return written;
        });
  }

  /**
   * Runs a whole script, handing each statement's result to the handler; stops at the first
   * statement that is refused or fails.
   *
   * @throws SqlError the one-line reason the script stopped
   */
  public List<ResultFormatter.Written> run(String script, ResultHandler handler) {
    List<String> statements = gate.admit(script);
    List<ResultFormatter.Written> written = new ArrayList<>();
    for (String sql : statements) {
      try (Statement statement = connection.createStatement()) {
        running = statement;
        try (ResultSet result = statement.executeQuery(sql)) {
          written.add(handler.handle(result));
        }
      } catch (SQLException e) {
        throw error(e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        running = null;
      }
    }
    return written;
  }

  /** True while a statement runs. */
  public boolean busy() {
    return running != null;
  }

  /** Cancels the running statement, if any ({@link Statement#cancel}); safe from any thread. */
  public boolean cancel() {
    Statement statement = running;
    if (statement == null) {
      return false;
    }
    try {
      statement.cancel();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * DuckDB's error as one line: its first line, without the Java wrapper, the caret picture or a
   * suggestion of DuckDB's own catalog tables; a suggestion of a lake table or column is kept.
   */
  static SqlError error(SQLException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    message = message.replaceFirst("^java\\.sql\\.SQLException:\\s*", "").trim();
    if (message.startsWith("INTERRUPT Error")) {
      return new SqlError(SqlError.Kind.CANCELLED, "Cancelled");
    }
    String first = message.lines().findFirst().orElse(message).trim();
    Matcher suggestion = SUGGESTION.matcher(message);
    String hint = "";
    String unknown = unknownName(first);
    if (suggestion.find()
        && names().contains(suggestion.group(1))
        && (unknown == null || close(unknown, suggestion.group(1)))) {
      hint = " (did you mean " + suggestion.group(1) + "?)";
    } else if (first.contains("Table with name") && first.contains("does not exist")) {
      hint = " (SHOW TABLES lists the lake's tables)";
    }
    return new SqlError(SqlError.Kind.FAILED, first + hint);
  }

  private static final Pattern UNKNOWN =
      Pattern.compile("(?:Table with name|Referenced column) \"?([A-Za-z0-9_]+)\"?");

  private static String unknownName(String message) {
    Matcher matcher = UNKNOWN.matcher(message);
    return matcher.find() ? matcher.group(1) : null;
  }

  /**
   * True when a suggestion is near the name typed (DuckDB suggests its closest catalog entry
   * however far it is): at most a third of the name's letters differ, and at least two may.
   */
  static boolean close(String typed, String suggested) {
    int[] previous = new int[suggested.length() + 1];
    int[] current = new int[suggested.length() + 1];
    for (int j = 0; j <= suggested.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= typed.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= suggested.length(); j++) {
        int substitution =
            previous[j - 1]
                + (Character.toLowerCase(typed.charAt(i - 1)) == suggested.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[suggested.length()] <= Math.max(2, typed.length() / 3);
  }

  /** Every lake table and column name, sorted. */
  public static TreeSet<String> names() {
    TreeSet<String> names = new TreeSet<>();
    for (TableSchema table : LakeTables.ALL) {
      names.add(table.name());
      for (Column column : table.columns()) {
        names.add(column.name());
      }
    }
    return names;
  }

  /** Table and column names that start with the word being typed. */
  public static List<String> complete(String word) {
    List<String> candidates = new ArrayList<>();
    for (String name : names()) {
      if (name.startsWith(word.toLowerCase(Locale.ROOT))) {
        candidates.add(name);
      }
    }
    return candidates;
  }

  /** True when text holds a complete statement: it ends in ; outside quotes and comments. */
  public static boolean endsStatement(String text) {
    String withoutComments = StatementGate.stripComments(text).trim();
    if (!withoutComments.endsWith(";")) {
      return false;
    }
    boolean quoted = false;
    char quote = 0;
    for (char c : withoutComments.toCharArray()) {
      if (quoted && c == quote) {
        quoted = false;
      } else if (!quoted && (c == '\'' || c == '"')) {
        quoted = true;
        quote = c;
      }
    }
    return !quoted;
  }
}
