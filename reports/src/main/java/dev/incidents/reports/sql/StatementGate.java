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

  /** A statement the gate refused, with the reason in one line. */
  public static final class RefusedException extends RuntimeException {
    public RefusedException(String message) {
      super(message);
    }
  }

  private final Connection connection;

  public StatementGate(Connection connection) {
    this.connection = connection;
  }

  /** Splits a script into statements and checks each; returns them in order. */
  public List<String> admit(String script) {
    List<String> statements = split(script);
    if (statements.isEmpty()) {
      throw new RefusedException("Refused: no statement");
    }
    for (String statement : statements) {
      check(statement);
    }
    return statements;
  }

  void check(String statement) {
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
      checkSelect(rest, statement);
      return;
    }
    checkSelect(trimmed, statement);
  }

  private void checkSelect(String sql, String original) {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT json_serialize_sql(?)")) {
      statement.setString(1, sql);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        JsonNode parsed = JSON.readTree(result.getString(1));
        if (parsed.path("error").asBoolean(false)) {
          String reason = parsed.path("error_message").asText("");
          if (reason.toLowerCase(Locale.ROOT).contains("syntax error")
              || reason.toLowerCase(Locale.ROOT).contains("parser error")) {
            throw new RefusedException("Refused: " + reason.lines().findFirst().orElse(reason));
          }
          throw new RefusedException(
              "Refused: only read-only statements (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN, SUMMARIZE) are allowed: "
                  + firstWord(original));
        }
        if (parsed.path("statements").size() != 1) {
          throw new RefusedException("Refused: one statement at a time");
        }
      }
    } catch (SQLException | java.io.IOException e) {
      throw new RefusedException(
          "Refused: cannot parse the statement: " + e.getMessage().lines().findFirst().orElse(""));
    }
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
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
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
        add(statements, current);
        current.setLength(0);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    add(statements, current);
    return statements;
  }

  private static void add(List<String> statements, StringBuilder current) {
    if (!stripComments(current.toString()).isBlank()) {
      statements.add(current.toString().trim());
    }
  }
}
