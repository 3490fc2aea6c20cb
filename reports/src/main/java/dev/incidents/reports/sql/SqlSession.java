package dev.incidents.reports.sql;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The line-processing core of the SQL console, independent of the terminal: multi-line statements
 * ending in {@code ;}, {@code .tables} and {@code .schema NAME}, completion candidates, and the
 * statement gate in front of every query.
 */
public final class SqlSession {
  private final Connection connection;
  private final StatementGate gate;
  private final String format;
  private final int maxRows;
  private final StringBuilder pending = new StringBuilder();

  public SqlSession(Connection connection, String format, int maxRows) {
    this.connection = connection;
    this.gate = new StatementGate(connection);
    this.format = format;
    this.maxRows = maxRows;
  }

  /** The outcome of one script: its output, and whether a statement was refused or failed. */
  public record Outcome(String output, boolean refused, boolean failed) {}

  /** Runs a whole script (several statements allowed); stops at the first refusal or error. */
  public Outcome run(String script) {
    List<String> statements;
    try {
      statements = gate.admit(script);
    } catch (StatementGate.RefusedException e) {
      return new Outcome(e.getMessage() + "\n", true, false);
    }
    StringBuilder out = new StringBuilder();
    for (String sql : statements) {
      try (Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery(sql)) {
        out.append(ResultFormatter.format(ResultFormatter.fetch(result, maxRows), format));
      } catch (SQLException e) {
        return new Outcome(out + cleanMessage(e) + "\n", false, true);
      }
    }
    return new Outcome(out.toString(), false, false);
  }

  /** DuckDB's own message, caret included, without the Java exception wrapper. */
  static String cleanMessage(SQLException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.replaceFirst("^java\\.sql\\.SQLException:\\s*", "").trim();
  }

  /**
   * Feeds one console line. Returns the output to print when a statement or a dot-command is
   * complete, or null while a statement is still being typed.
   */
  public String feed(String line) {
    String trimmed = line.trim();
    if (pending.length() == 0 && trimmed.startsWith(".")) {
      return dotCommand(trimmed);
    }
    pending.append(line).append('\n');
    if (!endsStatement(pending.toString())) {
      return null;
    }
    String script = pending.toString();
    pending.setLength(0);
    long started = System.nanoTime();
    Outcome outcome = run(script);
    return outcome.output()
        + String.format(Locale.ROOT, "Run time: %.3f s%n", (System.nanoTime() - started) / 1e9);
  }

  /** True while a statement is still open (the console shows a continuation prompt). */
  public boolean continuing() {
    return pending.length() > 0;
  }

  static boolean endsStatement(String text) {
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

  private String dotCommand(String command) {
    if (command.equals(".tables")) {
      StringBuilder out = new StringBuilder();
      for (TableSchema table : LakeTables.ALL) {
        out.append(table.name())
            .append("  ")
            .append(table.kind() == TableSchema.TableKind.DERIVED ? "(derived) " : "")
            .append(table.description())
            .append('\n');
      }
      return out.toString();
    }
    if (command.startsWith(".schema")) {
      String name = command.substring(".schema".length()).trim();
      return LakeTables.byName(name)
          .map(
              table -> {
                StringBuilder out = new StringBuilder(table.name() + "\n");
                for (Column column : table.columns()) {
                  out.append("  ")
                      .append(column.name())
                      .append(' ')
                      .append(column.type().name().toLowerCase(Locale.ROOT))
                      .append("  ")
                      .append(column.description())
                      .append('\n');
                }
                return out.toString();
              })
          .orElse("Unknown table: " + name + " (try .tables)\n");
    }
    if (command.equals(".help")) {
      return ".tables, .schema NAME, .quit; statements end with ;\n";
    }
    return "Unknown command: " + command + " (try .help)\n";
  }

  /** Table and column names that start with the word being typed. */
  public static List<String> complete(String word) {
    TreeSet<String> names = new TreeSet<>();
    for (TableSchema table : LakeTables.ALL) {
      names.add(table.name());
      for (Column column : table.columns()) {
        names.add(column.name());
      }
    }
    List<String> candidates = new ArrayList<>();
    for (String name : names) {
      if (name.startsWith(word.toLowerCase(Locale.ROOT))) {
        candidates.add(name);
      }
    }
    return candidates;
  }
}
