package dev.incidents.reports.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.lake.Lake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console driven through JLine's own dumb terminal with in-memory streams: keys go in through a
 * pipe, the screen is a byte buffer, and Ctrl-C during a statement is the terminal's INT signal.
 */
class SqlConsoleTest {
  @TempDir Path directory;
  Connection connection;
  SqlSession session;
  PipedOutputStream keys;
  ByteArrayOutputStream screen;
  Terminal terminal;
  Path history;

  @BeforeEach
  void console() throws Exception {
    Files.createDirectories(directory.resolve("lake"));
    connection = ReadOnlyLake.open(new Lake(directory.resolve("lake")), "UTC");
    session = new SqlSession(connection);
    keys = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(keys, 1 << 16);
    screen = new ByteArrayOutputStream();
    terminal = new DumbTerminal("test", "ansi", in, screen, StandardCharsets.UTF_8);
    terminal.setSize(new Size(200, 40));
    // The line discipline of a real terminal: Ctrl-C raises INT, Ctrl-D ends the input.
    Attributes attributes = terminal.getAttributes();
    attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
    attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
    attributes.setControlChar(Attributes.ControlChar.VEOF, 4);
    terminal.setAttributes(attributes);
    history = directory.resolve("history");
  }

  @AfterEach
  void close() throws Exception {
    terminal.close();
    connection.close();
  }

  /** Starts the console; returns its thread. */
  Thread start(SqlConsole.Pager pager) {
    SqlConsole console =
        new SqlConsole(session, terminal, Optional.of(history), pager, OutputFormat.TABLE, 100);
    Thread thread = new Thread(console::run, "console");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  void type(String text) throws IOException {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  String finish(Thread console) throws Exception {
    type("\u0004"); // Ctrl-D
    console.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(console.isAlive()).as("Ctrl-D ends the console").isFalse();
    return screen.toString(StandardCharsets.UTF_8);
  }

  /** Waits until the screen shows the text (bounded). */
  void awaitScreen(String text) throws InterruptedException {
    for (int i = 0; i < 300 && !screen.toString(StandardCharsets.UTF_8).contains(text); i++) {
      Thread.sleep(50);
    }
    assertThat(screen.toString(StandardCharsets.UTF_8)).contains(text);
  }

  @Test
  void aStatementAcrossLinesRunsAtItsSemicolonAndIsOneHistoryEntry() throws Exception {
    Thread console = start(SqlConsole.Pager.NONE);
    type("SELECT 1 AS one,\n  'a;b' AS text -- a ; in a comment\n  ;\n");
    String output = finish(console);
    assertThat(output).contains("one | text").contains("1   | a;b").contains("(1 row)");

    List<String> entries = new ArrayList<>();
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .variable(LineReader.HISTORY_FILE, history)
            .build();
    History loaded = new DefaultHistory();
    loaded.attach(reader);
    loaded.forEach(entry -> entries.add(entry.line()));
    assertThat(entries)
        .containsExactly("SELECT 1 AS one,\n  'a;b' AS text -- a ; in a comment\n  ;");
  }

  @Test
  void ctrlCCancelsTheRunningStatementAndTheConsoleGoesOn() throws Exception {
    Thread console = start(SqlConsole.Pager.NONE);
    type("SELECT sum(a.range) FROM range(1000000000000) a;\n");
    for (int i = 0; i < 400 && !session.busy(); i++) {
      Thread.sleep(25);
    }
    assertThat(session.busy()).as("the statement is running").isTrue();
    terminal.raise(Terminal.Signal.INT);
    awaitScreen("Cancelled");
    type("SELECT 42 AS answer;\n");
    String output = finish(console);
    assertThat(output).contains("Cancelled").contains("answer").contains("42");
  }

  @Test
  void ctrlCAtTheContinuationPromptDropsTheHalfTypedStatement() throws Exception {
    Thread console = start(SqlConsole.Pager.NONE);
    type("SELECT 1 AS first_column,\n");
    awaitScreen("...>");
    type("\u0003");
    type("SELECT 2 AS second_column;\n");
    String output = finish(console);
    assertThat(output).contains("second_column").doesNotContain("first_column | second_column");
    assertThat(output).doesNotContain("rror");
  }

  @Test
  void dotCommandsChangeModeCapTimerAndOutput() throws Exception {
    Path file = directory.resolve("out.csv");
    Thread console = start(SqlConsole.Pager.NONE);
    type(".help\n");
    type(".mode json\nSELECT 1 AS i, true AS b, NULL AS n, ['x'] AS l;\n");
    type(".mode line\nSELECT 1 AS i, 'long' AS name;\n");
    type(".mode table\n.maxrows 3\nSELECT * FROM range(10);\n");
    type(".maxrows -1\n.mode nonsense\n");
    type(".timer on\nSELECT 1 AS timed;\n.timer off\n");
    type(".output " + file + "\n.mode csv\nSELECT * FROM range(5) t(n);\n.output\n");
    type(".tables\n.schema alerts\n");
    String output = finish(console);
    assertThat(output)
        .contains(".mode MODE")
        .contains(".maxrows N")
        .contains(".timer on|off")
        .contains(".output [FILE]");
    assertThat(output).contains("[{\"i\":1,\"b\":true,\"n\":null,\"l\":[\"x\"]}]");
    assertThat(output).contains("   i = 1\nname = long\n");
    assertThat(output)
        .contains("(showing 3 of 10 rows; .maxrows N, or .mode csv with .output FILE for all)");
    assertThat(output).contains("Invalid .maxrows: -1 (expected 0 for no limit, or more)");
    assertThat(output)
        .contains("Unknown mode: nonsense (expected table, csv, json, jsonl, markdown or line)");
    assertThat(output).containsPattern("Run time: \\d+\\.\\d{3} s");
    assertThat(Files.readString(file)).isEqualTo("n\n0\n1\n2\n3\n4\n");
    assertThat(output).contains("incident_facts").contains("fired_at timestamp");
  }

  @Test
  void tabCompletesKeywordsTablesAndDotCommands() throws Exception {
    Thread console = start(SqlConsole.Pager.NONE);
    type("sel\t42 AS answer FROM range(1) WHERE 1 = 1;\n");
    type(".tim\ton\nSELECT count(*) AS n FROM incident_fa\t;\n");
    String output = finish(console);
    assertThat(output).contains("answer").contains("42");
    assertThat(output).containsPattern("Run time: \\d+\\.\\d{3} s");
    assertThat(output).doesNotContain("Unknown command").doesNotContain("rror");
  }

  @Test
  void aTableWiderThanTheTerminalGoesToThePagerOrToLineMode() throws Exception {
    terminal.setSize(new Size(40, 20));
    List<String> paged = new ArrayList<>();
    Thread console =
        start(
            text -> {
              paged.add(text);
              return true;
            });
    type("SELECT repeat('x', 30) AS first, repeat('y', 30) AS second;\nSELECT 1 AS narrow;\n");
    String output = finish(console);
    assertThat(paged).hasSize(1);
    assertThat(paged.get(0)).contains("first").contains("x".repeat(30));
    assertThat(output).contains("narrow").doesNotContain("y".repeat(30));
  }

  @Test
  void withoutAPagerAWideTableIsShownOneValuePerLine() throws Exception {
    terminal.setSize(new Size(40, 20));
    Thread console = start(SqlConsole.Pager.NONE);
    type("SELECT repeat('x', 70) AS first, 'b' AS second;\n");
    String output = finish(console);
    assertThat(output)
        .contains("(wider than the terminal: one value per line)")
        .contains(" first = " + "x".repeat(70) + "\n")
        .contains("second = b\n");
  }
}
