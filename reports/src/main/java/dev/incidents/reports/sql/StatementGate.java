package dev.incidents.reports.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Admits only read-only statements: SELECT and WITH (checked by DuckDB's own parser through {@code
 * json_serialize_sql}, which serialises nothing but SELECT statements), and DESCRIBE, SHOW, EXPLAIN
 * and SUMMARIZE of a table name or of such a SELECT. Everything else, COPY, ATTACH, INSTALL, LOAD,
 * SET, PRAGMA, DDL and DML among it, is refused, however it is split or commented.
 */
public final class StatementGate {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern WRAPPER =
      Pattern.compile(
          "^(DESCRIBE|SHOW|SUMMARIZE|EXPLAIN(?:\\s+ANALYZE)?)\\s+(.*)$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern NAME =
      Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$");

  /** The read-only statements, as every refusal names them. */
  static final String ALLOWED = "only SELECT, WITH, DESCRIBE, SHOW, EXPLAIN and SUMMARIZE run";

  private final Connection connection;

  public StatementGate(Connection connection) {
    this.connection = connection;
  }

  /** One statement of a script and where its text starts in the script. */
  public record Piece(String text, int offset) {}

  /**
   * Splits a script into statements and checks each; returns them in order.
   *
   * @throws SqlError {@link SqlError.Kind#REFUSED} for anything but a read, {@link
   *     SqlError.Kind#SYNTAX} for a statement that does not parse, with its line and column in the
   *     script
   */
  public List<String> admit(String script) {
    List<Piece> pieces = pieces(script);
    if (pieces.isEmpty()) {
      throw new SqlError(SqlError.Kind.SYNTAX, "No statement to run");
    }
    List<String> statements = new ArrayList<>();
    for (Piece piece : pieces) {
      check(piece, script);
      statements.add(piece.text());
    }
    return statements;
  }

  void check(Piece piece, String script) {
    String statement = piece.text();
    String trimmed = stripComments(statement).trim();
    Matcher wrapper = WRAPPER.matcher(trimmed);
    if (wrapper.matches()) {
      String rest = wrapper.group(2).trim();
      if (wrapper.group(1).toUpperCase(Locale.ROOT).equals("SHOW")
          && rest.equalsIgnoreCase("TABLES")) {
        return;
      }
      if (NAME.matcher(rest).matches()) {
        return;
      }
      checkSelect(rest, statement, null, script);
      return;
    }
    checkSelect(statement, statement, piece, script);
  }

  /**
   * Asks DuckDB's parser. A piece is given when sql is the piece's own text, so a syntax error's
   * offset maps back to a line and column of the script.
   */
  private void checkSelect(String sql, String original, Piece piece, String script) {
    JsonNode parsed;
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT json_serialize_sql(?)")) {
      statement.setString(1, sql);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        parsed = JSON.readTree(result.getString(1));
      }
    } catch (SQLException | java.io.IOException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new SqlError(
          SqlError.Kind.FAILED,
          "Cannot check the statement: " + message.lines().findFirst().orElse(""));
    }
    if (parsed.path("error").asBoolean(false)) {
      String reason = parsed.path("error_message").asText("");
      if (parsed.path("error_type").asText("").equals("parser")
          || reason.toLowerCase(Locale.ROOT).contains("syntax error")) {
        String first = reason.lines().findFirst().orElse(reason).trim();
        String message = Character.toUpperCase(first.charAt(0)) + first.substring(1);
        if (piece != null && parsed.has("position")) {
          int position = parsed.path("position").asInt(0);
          message += " " + where(script, piece.offset() + Math.max(0, position));
        }
        throw new SqlError(SqlError.Kind.SYNTAX, message);
      }
      throw new SqlError(
          SqlError.Kind.REFUSED,
          "Refused (read-only): " + firstWord(original) + " is not allowed; " + ALLOWED);
    }
    if (parsed.path("statements").size() != 1) {
      throw new SqlError(SqlError.Kind.REFUSED, "Refused (read-only): one statement at a time");
    }
  }

  /** "at line L, column C" of an offset in a script, both counted from 1. */
  static String where(String script, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(offset, script.length()); i++) {
      if (script.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return "at line " + line + ", column " + column;
  }

  private static String firstWord(String statement) {
    String trimmed = stripComments(statement).trim();
    int space = trimmed.indexOf(' ');
    return (space < 0 ? trimmed : trimmed.substring(0, space)).toUpperCase(Locale.ROOT);
  }

  static String stripComments(String sql) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = i + 1;
        while (end < sql.length() && sql.charAt(end) != c) {
          end++;
        }
        out.append(sql, i, Math.min(sql.length(), end + 1));
        i = end + 1;
      } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
        while (i < sql.length() && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
        out.append(' ');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Splits at semicolons outside quotes and comments; empty statements are dropped. */
  public static List<String> split(String script) {
    return pieces(script).stream().map(Piece::text).toList();
  }

  /** {@link #split}, with where each statement starts in the script. */
  public static List<Piece> pieces(String script) {
    List<Piece> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int start = 0;
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (c == '\'' || c == '"') {
        int end = i + 1;
        while (end < script.length() && script.charAt(end) != c) {
          end++;
        }
        current.append(script, i, Math.min(script.length(), end + 1));
        i = end + 1;
      } else if (c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        end = end < 0 ? script.length() : end;
        current.append(script, i, end);
        i = end;
      } else if (c == '/' && i + 1 < script.length() && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        end = end < 0 ? script.length() : end + 2;
        current.append(script, i, end);
        i = end;
      } else if (c == ';') {
        add(statements, current, start);
        current.setLength(0);
        i++;
        start = i;
      } else {
        current.append(c);
        i++;
      }
    }
    add(statements, current, start);
    return statements;
  }

  private static void add(List<Piece> statements, StringBuilder current, int start) {
    String text = current.toString();
    if (!stripComments(text).isBlank()) {
      int leading = 0;
      while (leading < text.length() && Character.isWhitespace(text.charAt(leading))) {
        leading++;
      }
      statements.add(new Piece(text.trim(), start + leading));
    }
  }
}
