package dev.incidents.cli;

import dev.incidents.core.config.Config;
import dev.incidents.reports.sql.OutputFormat;
import dev.incidents.reports.sql.ReadOnlyLake;
import dev.incidents.reports.sql.ResultFormatter;
import dev.incidents.reports.sql.SqlConsole;
import dev.incidents.reports.sql.SqlError;
import dev.incidents.reports.sql.SqlSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code incidents sql}: read-only SQL over the lake. With {@code -e} or {@code -f} the result goes
 * to stdout; csv, json, jsonl and markdown carry every row, and only the table display stops at
 * {@code --max-rows}, saying so on stderr. Any error is one line, {@code incidents sql: ...}, and
 * exit 2. With neither, the {@link SqlConsole}.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Read-only SQL over the lake (DuckDB), one view per table. With no query, an interactive"
          + " console (multi-line statements ending in ;, history, completion, .help).",
      "Only SELECT, WITH, DESCRIBE, SHOW, EXPLAIN and SUMMARIZE run; anything else is refused"
          + " (exit 2). csv, json, jsonl and markdown carry every row; --max-rows caps the table only."
    })
final class SqlCommand implements Callable<Integer> {
  /** The table display's default row cap. */
  static final int DEFAULT_MAX_ROWS = 100;

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "-e",
      paramLabel = "QUERY",
      description = "Run one query (or several, separated by ;).")
  String query;

  @Option(names = "-f", paramLabel = "FILE", description = "Run the statements of a file.")
  Path file;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table, csv, json, jsonl, markdown or line (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      description =
          "Rows the table display shows (default: "
              + DEFAULT_MAX_ROWS
              + "; 0: no limit). Other formats write every row.")
  Integer maxRows;

  @Option(
      names = "--timezone",
      defaultValue = "UTC",
      description = "Session timezone (default: ${DEFAULT-VALUE}).")
  String timezone;

  @Override
  public Integer call() throws IOException {
    OutputFormat output =
        OutputFormat.parse(format)
            .orElseThrow(
                () ->
                    new UserException(
                        "Unknown --format: "
                            + format
                            + " (expected "
                            + OutputFormat.choices()
                            + ")"));
    long cap = maxRows == null ? DEFAULT_MAX_ROWS : maxRows;
    if (cap < 0) {
      throw new UserException(
          "Invalid --max-rows: " + maxRows + " (expected 0 for no limit, or a positive number)");
    }
    if (maxRows != null && !output.display()) {
      throw new UserException(
          "--max-rows and --format "
              + output.label()
              + " cannot be used together: "
              + output.label()
              + " carries every row (use LIMIT in the query for fewer)");
    }
    String script = query != null ? query : file != null ? read(file) : null;
    Config config = common.resolve();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Connection connection = ReadOnlyLake.open(common.lake(config), timezone)) {
      SqlSession session = new SqlSession(connection);
      if (script == null) {
        return console(session, output, cap);
      }
      try {
        session.run(
            script,
            output,
            cap,
            out,
            written -> {
              if (written.capped()) {
                err.println(ResultFormatter.capNotice(written, "--max-rows N", "--format csv"));
              }
            });
      } catch (SqlError e) {
        out.flush();
        err.println("incidents sql: " + e.getMessage());
        return ExitCode.USAGE;
      }
      out.flush();
      return ExitCode.OK;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open the lake: " + e.getMessage(), e);
    }
  }

  private static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UserException("SQL file not found: " + file);
    }
    return Files.readString(file);
  }

  private int console(SqlSession session, OutputFormat mode, long cap) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      new SqlConsole(
              session,
              terminal,
              Optional.of(Path.of(System.getProperty("user.home"), ".incidents_history")),
              SqlConsole.Pager.less(terminal),
              mode,
              cap)
          .run();
      return ExitCode.OK;
    }
  }
}
