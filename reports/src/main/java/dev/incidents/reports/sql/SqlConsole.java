package dev.incidents.reports.sql;

import static java.util.Objects.requireNonNull;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

/**
 * The interactive SQL console on a JLine terminal, modelled on psql and the DuckDB CLI.
 *
 * <ul>
 *   <li>A statement may span lines and ends with {@code ;}; it is one history entry, indented lines
 *       included.
 *   <li>Ctrl-C cancels the running statement ({@link java.sql.Statement#cancel}) or clears the
 *       half-typed one; Ctrl-D, {@code .quit} or {@code .exit} leave.
 *   <li>Dot-commands: {@code .mode table|csv|json|jsonl|markdown|line}, {@code .maxrows N}, {@code
 *       .timer on|off}, {@code .output [FILE]}, {@code .tables}, {@code .schema NAME}, {@code
 *       .help}.
 *   <li>Tab completes keywords, dot-commands, tables and columns.
 *   <li>A table wider than the terminal goes to the {@link Pager} ({@code less -S}) when there is
 *       one, or is shown in line mode.
 * </ul>
 */
public final class SqlConsole {
  /** The dot-commands, for {@code .help} and completion. */
  public static final List<String> DOT_COMMANDS =
      List.of(
          ".help",
          ".tables",
          ".schema",
          ".mode",
          ".maxrows",
          ".timer",
          ".output",
          ".quit",
          ".exit");

  /** Shows text that is wider than the terminal; false when it cannot (then line mode is used). */
  @FunctionalInterface
  public interface Pager {
    boolean show(String text) throws IOException;

    /** No pager: wide tables are shown in line mode. */
    Pager NONE = text -> false;

    /** {@code less -S} on the terminal when it is a real one and {@code less} is installed. */
    static Pager less(Terminal terminal) {
      if (terminal.getType().startsWith(Terminal.TYPE_DUMB) || !onPath("less")) {
        return NONE;
      }
      return text -> {
        Process process =
            new ProcessBuilder("less", "-S", "-X", "-F")
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream in = process.getOutputStream()) {
          in.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          // the user quit less before reading everything
        }
        try {
          return process.waitFor() == 0;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return true;
        }
      };
    }

    private static boolean onPath(String program) {
      String path = System.getenv("PATH");
      if (path == null) {
        return false;
      }
      for (String directory : path.split(java.io.File.pathSeparator)) {
        if (Files.isExecutable(Path.of(directory, program))) {
          return true;
        }
      }
      return false;
    }
  }

  private final SqlSession session;
  private final Terminal terminal;
  private final Optional<Path> historyFile;
  private final Pager pager;
  private OutputFormat mode = OutputFormat.TABLE;
  private long maxRows;
  private boolean timer;
  private Path output;

  public SqlConsole(
      SqlSession session,
      Terminal terminal,
      Optional<Path> historyFile,
      Pager pager,
      OutputFormat mode,
      long maxRows) {
    this.session = requireNonNull(session, "session is null");
    this.terminal = requireNonNull(terminal, "terminal is null");
    this.historyFile = requireNonNull(historyFile, "historyFile is null");
    this.pager = requireNonNull(pager, "pager is null");
    this.mode = requireNonNull(mode, "mode is null");
    if (maxRows < 0) {
      throw new IllegalArgumentException("maxRows is 0 (no limit) or more: " + maxRows);
    }
    this.maxRows = maxRows;
  }

  /** Reads and runs statements until Ctrl-D or {@code .quit}. */
  public void run() {
    LineReaderBuilder builder =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("incidents sql")
            .parser(new StatementParser())
            .completer(new SqlCompleter())
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, "   ...> ")
            .variable(LineReader.INDENTATION, 0)
            .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
            .option(LineReader.Option.CASE_INSENSITIVE, true)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
    historyFile.ifPresent(file -> builder.variable(LineReader.HISTORY_FILE, file));
    LineReader reader = builder.build();
    PrintWriter screen = terminal.writer();
    screen.println(
        "incidents sql: read-only DuckDB over the lake. End statements with ;  .help for help,"
            + " Ctrl-C cancels, Ctrl-D leaves.");
    screen.flush();
    while (true) {
      String text;
      try {
        text = reader.readLine("incidents> ");
      } catch (UserInterruptException e) {
        continue; // the half-typed statement is dropped
      } catch (EndOfFileException e) {
        break;
      }
      String trimmed = text.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.startsWith(".")) {
        if (trimmed.equals(".quit") || trimmed.equals(".exit")) {
          break;
        }
        screen.print(dotCommand(trimmed));
        screen.flush();
        continue;
      }
      execute(text);
    }
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      screen.println("Cannot save the history: " + e.getMessage());
    }
    screen.flush();
  }

  private void execute(String script) {
    PrintWriter screen = terminal.writer();
    Terminal.SignalHandler previous =
        terminal.handle(Terminal.Signal.INT, signal -> session.cancel());
    long started = System.nanoTime();
    try (Writer out = output == null ? new NonClosing(screen) : append(output)) {
      session.run(script, result -> show(result, out));
    } catch (SqlError e) {
      screen.println(e.getMessage());
    } catch (IOException e) {
      screen.println("Cannot write " + output + ": " + e.getMessage());
    } catch (UncheckedIOException e) {
      screen.println("Cannot write the result: " + e.getCause().getMessage());
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
    }
    if (timer) {
      screen.printf(Locale.ROOT, "Run time: %.3f s%n", (System.nanoTime() - started) / 1e9);
    }
    screen.flush();
  }

  private ResultFormatter.Written show(java.sql.ResultSet result, Writer out)
      throws java.sql.SQLException, IOException {
    PrintWriter screen = terminal.writer();
    if (mode != OutputFormat.TABLE || output != null) {
      ResultFormatter.Written written = ResultFormatter.write(result, mode, maxRows, out);
      out.flush();
      notice(written);
      return written;
    }
    ResultFormatter.Result fetched = ResultFormatter.fetch(result, maxRows);
    String table = ResultFormatter.format(fetched, OutputFormat.TABLE);
    int width = terminal.getWidth();
    boolean wide = width > 0 && ResultFormatter.tableWidth(fetched) > width;
    if (!wide || !pager.show(table)) {
      if (wide) {
        screen.println("(wider than the terminal: one value per line)");
        out.write(ResultFormatter.format(fetched, OutputFormat.LINE));
      } else {
        out.write(table);
      }
    }
    out.flush();
    ResultFormatter.Written written =
        new ResultFormatter.Written(fetched.total(), fetched.rows().size());
    notice(written);
    return written;
  }

  private void notice(ResultFormatter.Written written) {
    if (written.capped()) {
      terminal
          .writer()
          .println(ResultFormatter.capNotice(written, ".maxrows N", ".mode csv with .output FILE"));
    }
  }

  private static Writer append(Path file) throws IOException {
    return Files.newBufferedWriter(
        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The settings as {@code .mode} and friends left them (for tests and the prompt). */
  public OutputFormat mode() {
    return mode;
  }

  String dotCommand(String line) {
    String[] words = line.split("\\s+", 2);
    String argument = words.length > 1 ? words[1].trim() : "";
    return switch (words[0]) {
      case ".help" -> help(mode);
      case ".tables" -> tables();
      case ".schema" -> schema(argument);
      case ".mode" -> {
        if (argument.isEmpty()) {
          yield "mode " + mode.label() + "\n";
        }
        Optional<OutputFormat> parsed = OutputFormat.parse(argument);
        if (parsed.isEmpty()) {
          yield "Unknown mode: " + argument + " (expected " + OutputFormat.choices() + ")\n";
        }
        mode = parsed.get();
        yield "";
      }
      case ".maxrows" -> {
        if (argument.isEmpty()) {
          yield "maxrows " + maxRows + (maxRows == 0 ? " (no limit)\n" : "\n");
        }
        try {
          long value = Long.parseLong(argument);
          if (value < 0) {
            yield "Invalid .maxrows: " + argument + " (expected 0 for no limit, or more)\n";
          }
          maxRows = value;
          yield "";
        } catch (NumberFormatException e) {
          yield "Invalid .maxrows: " + argument + " (expected 0 for no limit, or more)\n";
        }
      }
      case ".timer" -> {
        switch (argument) {
          case "on" -> timer = true;
          case "off" -> timer = false;
          default -> {
            yield "Usage: .timer on|off\n";
          }
        }
        yield "";
      }
      case ".output" -> {
        if (argument.isEmpty()) {
          output = null;
          yield "";
        }
        Path file = Path.of(argument);
        try {
          Files.writeString(file, "");
          if (Files.getFileStore(file.toAbsolutePath().getParent())
              .supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(
                file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
          }
        } catch (IOException | RuntimeException e) {
          yield "Cannot write " + argument + ": " + e.getMessage() + "\n";
        }
        output = file;
        yield "Results go to " + file + " (.output alone: back to the screen)\n";
      }
      default -> "Unknown command: " + words[0] + " (try .help)\n";
    };
  }

  static String help(OutputFormat mode) {
    return String.join(
        "\n",
        "Statements end with ; and may span lines. Only reads run: SELECT, WITH, DESCRIBE, SHOW,",
        "EXPLAIN, SUMMARIZE. Ctrl-C cancels a running statement or clears the one being typed;",
        "Ctrl-D leaves. Tab completes keywords, tables, columns and dot-commands.",
        "  .tables                 the lake's tables",
        "  .schema NAME            a table's columns",
        "  .mode MODE              " + OutputFormat.choices() + " (now: " + mode.label() + ")",
        "  .maxrows N              rows shown in table and line mode; 0 for no limit",
        "  .timer on|off           print each statement's run time",
        "  .output [FILE]          send results to FILE (every row); alone: back to the screen",
        "  .help                   this text",
        "  .quit, .exit            leave",
        "");
  }

  private static String tables() {
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

  private static String schema(String name) {
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

  /** Accepts a line when it is a dot-command, blank, or ends a statement with ;. */
  static final class StatementParser extends DefaultParser {
    StatementParser() {
      escapeChars(new char[0]);
      quoteChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE) {
        String trimmed = line.trim();
        if (!trimmed.isEmpty() && !trimmed.startsWith(".") && !SqlSession.endsStatement(line)) {
          throw new EOFError(-1, -1, "The statement continues until ;", ";");
        }
      }
      return super.parse(line, cursor, context);
    }
  }

  /** Keywords, tables and columns anywhere; dot-commands at the start of a line. */
  static final class SqlCompleter implements Completer {
    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
      String before = line.line().substring(0, Math.min(line.cursor(), line.line().length()));
      if (line.wordIndex() == 0 && before.trim().startsWith(".")) {
        for (String command : DOT_COMMANDS) {
          candidates.add(new Candidate(command));
        }
        return;
      }
      if (line.wordIndex() == 0 && before.isBlank()) {
        for (String command : DOT_COMMANDS) {
          candidates.add(new Candidate(command));
        }
      }
      for (String keyword : SqlSession.KEYWORDS) {
        candidates.add(new Candidate(keyword, keyword, "keyword", null, null, null, true));
      }
      for (String name : SqlSession.names()) {
        candidates.add(new Candidate(name));
      }
    }
  }

  /** The screen as a Writer that the per-statement try-with-resources must not close. */
  private static final class NonClosing extends Writer {
    private final PrintWriter screen;

    NonClosing(PrintWriter screen) {
      this.screen = screen;
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
      screen.write(buffer, offset, length);
    }

    @Override
    public void flush() {
      screen.flush();
    }

    @Override
    public void close() {
      screen.flush();
    }
  }
}
