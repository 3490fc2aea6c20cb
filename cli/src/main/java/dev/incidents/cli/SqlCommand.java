package dev.incidents.cli;

import dev.incidents.core.config.Config;
import dev.incidents.reports.sql.ReadOnlyLake;
import dev.incidents.reports.sql.SqlSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Read-only SQL over the lake (DuckDB), one view per table. With no query, an interactive"
          + " console (history, multi-line statements ending in ;, tab completion, .tables, .schema NAME).",
      "Only SELECT, WITH, DESCRIBE, SHOW, EXPLAIN and SUMMARIZE run; anything else is refused (exit 2)."
    })
final class SqlCommand implements Callable<Integer> {
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
      description = "table, csv, json or markdown (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--max-rows",
      defaultValue = "100",
      description = "Row cap (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Option(
      names = "--timezone",
      defaultValue = "UTC",
      description = "Session timezone (default: ${DEFAULT-VALUE}).")
  String timezone;

  @Override
  public Integer call() throws IOException {
    if (!List.of("table", "csv", "json", "markdown").contains(format)) {
      throw new UserException(
          "Unknown --format: " + format + " (expected table, csv, json or markdown)");
    }
    Config config = common.resolve();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Connection connection = ReadOnlyLake.open(common.lake(config), timezone)) {
      SqlSession session = new SqlSession(connection, format, maxRows);
      String script = query != null ? query : file != null ? read(file) : null;
      if (script == null) {
        return console(session, out);
      }
      SqlSession.Outcome outcome = session.run(script);
      if (outcome.refused()) {
        err.print(outcome.output());
        err.flush();
        return ExitCode.USAGE;
      }
      if (outcome.failed()) {
        err.print(outcome.output());
        err.flush();
        return ExitCode.FAILURE;
      }
      out.print(outcome.output());
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

  private int console(SqlSession session, PrintWriter out) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .completer(new StringsCompleter(SqlSession.complete("")))
              .variable(
                  LineReader.HISTORY_FILE,
                  Path.of(System.getProperty("user.home"), ".incidents_history"))
              .build();
      terminal
          .writer()
          .println(
              "incidents sql: read-only DuckDB over the lake. .tables, .schema NAME, .quit; end statements with ;");
      while (true) {
        String line;
        try {
          line = reader.readLine(session.continuing() ? "   ...> " : "incidents> ");
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          return ExitCode.OK;
        }
        if (!session.continuing() && (line.trim().equals(".quit") || line.trim().equals(".exit"))) {
          return ExitCode.OK;
        }
        String output = session.feed(line);
        if (output != null) {
          terminal.writer().print(output);
          terminal.writer().flush();
        }
      }
    }
  }
}
