package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.cli.MainTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The command line's contract, issue by issue: exports carry every row, JSON is typed, a missing
 * lake is an error that creates nothing, every SQL error is one line, conflicting flags are named,
 * help ends with examples that parse, and -q prints only the result's path.
 */
class CliContractTest {
  @TempDir static Path directory;
  static Path exports;
  static Path lake;

  @BeforeAll
  static void smallOrganisationOnDuckDb() {
    exports = directory.resolve("exports");
    lake = directory.resolve("lake");
    assertThat(
            run("generate", "-q", "--org", "small", "--months", "2", "--out", exports.toString()))
        .satisfies(result -> assertThat(result.out()).isEqualTo(exports + "\n"));
    Result ingest = run("ingest", "-q", "--lake", lake.toString(), exports.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isIn(ExitCode.OK, ExitCode.PARTIAL);
    assertThat(ingest.out()).isEqualTo(lake.toAbsolutePath() + "\n");
    Result transform = run("transform", "--lake", lake.toString(), "--engine", "duckdb");
    assertThat(transform.exitCode()).as(transform.err()).isZero();
  }

  static Result run(String... arguments) {
    return MainTest.run(arguments);
  }

  static Result sql(String... arguments) {
    List<String> all = new ArrayList<>(List.of("sql", "--lake", lake.toString()));
    all.addAll(List.of(arguments));
    return run(all.toArray(String[]::new));
  }

  // 1. sql: every row in the machine formats; the cap is the table's only, and said.

  @Test
  void csvJsonJsonlAndMarkdownCarryEveryRow() {
    Result csv = sql("-e", "SELECT * FROM range(500)", "--format", "csv");
    assertThat(csv.exitCode()).isZero();
    assertThat(csv.out().lines().count()).isEqualTo(501);
    assertThat(csv.err()).isEmpty();
    Result json = sql("-e", "SELECT range AS n FROM range(1282)", "--format", "json");
    assertThat(Pattern.compile("\\{\"n\":").matcher(json.out()).results().count()).isEqualTo(1282);
    assertThat(json.err()).isEmpty();
    Result jsonl = sql("-e", "SELECT range AS n FROM range(1282)", "--format", "jsonl");
    assertThat(jsonl.out().lines().count()).isEqualTo(1282);
    assertThat(jsonl.out()).startsWith("{\"n\":0}\n{\"n\":1}\n");
    Result markdown = sql("-e", "SELECT range AS n FROM range(1282)", "--format", "markdown");
    assertThat(markdown.out()).contains("| 1281 |").endsWith("\n_1,282 rows._\n");
    assertThat(markdown.err()).isEmpty();
  }

  @Test
  void theTableDisplayStopsAtTheCapAndSaysSoOnStderr() {
    Result table = sql("-e", "SELECT range AS n FROM range(1282)");
    assertThat(table.exitCode()).isZero();
    assertThat(table.err())
        .isEqualTo("(showing 100 of 1,282 rows; --max-rows N, or --format csv for all)\n");
    assertThat(table.out().lines().count()).isEqualTo(102);
    Result all = sql("-e", "SELECT range AS n FROM range(1282)", "--max-rows", "0");
    assertThat(all.out()).endsWith("1281\n(1,282 rows)\n");
    assertThat(all.err()).isEmpty();
  }

  @Test
  void aNegativeCapOrACapOnAnExportIsBadUsage() {
    Result negative = sql("-e", "SELECT 1", "--max-rows", "-5");
    assertThat(negative.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(negative.err())
        .isEqualTo(
            "incidents: Invalid --max-rows: -5 (expected 0 for no limit, or a positive number)\n");
    Result export = sql("-e", "SELECT 1", "--max-rows", "10", "--format", "csv");
    assertThat(export.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(export.err()).contains("--max-rows and --format csv cannot be used together");
  }

  @Test
  void jsonIsTyped() {
    Result json =
        sql(
            "-e",
            "SELECT 1 AS i, 2.5 AS d, 2.5::DOUBLE AS f, true AS b, [1, 2] AS l,"
                + " TIMESTAMPTZ '2026-03-01 10:00:00+00' AS t, DATE '2026-03-01' AS day, NULL AS n",
            "--format",
            "json");
    assertThat(json.out())
        .isEqualTo(
            "[{\"i\":1,\"d\":2.5,\"f\":2.5,\"b\":true,\"l\":[1,2],\"t\":\"2026-03-01T10:00:00Z\","
                + "\"day\":\"2026-03-01\",\"n\":null}]\n");
    Result services =
        sql(
            "-e",
            "SELECT services, reported_at FROM incidents WHERE len(services) > 0 LIMIT 1",
            "--format",
            "jsonl");
    assertThat(services.out())
        .matches(
            "\\{\"services\":\\[\"[^\"]+\"(,\"[^\"]+\")*\\],\"reported_at\":\"[0-9T:.-]+Z\"\\}\n");
  }

  // 3. Errors: one line, exit 2, no DuckDB internals.

  @Test
  void everySqlErrorIsOneLineWithExitTwo() {
    Result unknown = sql("-e", "SELECT * FROM foo");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(unknown.err())
        .isEqualTo(
            "incidents sql: Catalog Error: Table with name foo does not exist!"
                + " (SHOW TABLES lists the lake's tables)\n");
    Result typo = sql("-e", "SELECT * FROM incidnts");
    assertThat(typo.err())
        .isEqualTo(
            "incidents sql: Catalog Error: Table with name incidnts does not exist!"
                + " (did you mean incidents?)\n");
    Result syntax = sql("-e", "SELECT 1;\nSELECT *\n  FROM incidents WHERE");
    assertThat(syntax.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(syntax.err())
        .isEqualTo("incidents sql: Syntax error at or near \"WHERE\" at line 3, column 18\n");
    assertThat(syntax.out()).isEmpty(); // nothing runs when any statement is refused or invalid
    Result first = sql("-e", "selec 1");
    assertThat(first.err())
        .isEqualTo("incidents sql: Syntax error at or near \"selec\" at line 1, column 1\n");
    Result refused = sql("-e", "COPY incidents TO 'x.csv'");
    assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(refused.err())
        .isEqualTo(
            "incidents sql: Refused (read-only): COPY is not allowed; only SELECT, WITH, DESCRIBE,"
                + " SHOW, EXPLAIN and SUMMARIZE run\n");
    for (Result result : List.of(unknown, typo, syntax, first, refused)) {
      assertThat(result.err()).doesNotContain("duckdb_").doesNotContain("pg_");
    }
  }

  // 2. Lakes.

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sql -e SELECT_1",
        "notebook run ../notebooks/01-mttr-by-service-and-severity.md",
        "report monthly --month 2026-11",
        "draft INC-1",
        "transform --engine duckdb"
      })
  void aFolderThatIsNotALakeIsAnErrorAndIsNotCreated(String command) throws IOException {
    Path typo = directory.resolve("typo-" + command.split(" ")[0]);
    Path empty = Files.createDirectories(directory.resolve("empty-" + command.split(" ")[0]));
    for (Path folder : List.of(typo, empty)) {
      List<String> arguments = new ArrayList<>();
      for (String word : command.split(" ")) {
        arguments.add(word.replace('_', ' '));
      }
      arguments.addAll(List.of("--lake", folder.toString()));
      Result result = run(arguments.toArray(String[]::new));
      assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.USAGE);
      assertThat(result.err())
          .isEqualTo(
              "incidents: No lake at "
                  + folder.toAbsolutePath()
                  + ": run incidents ingest first, or pass --lake\n");
    }
    assertThat(typo).doesNotExist();
    try (var list = Files.list(empty)) {
      assertThat(list).isEmpty();
    }
  }

  // 4. Flags.

  @Test
  void conflictingFlagsExitTwoAndNameBoth() throws IOException {
    Path file = Files.writeString(directory.resolve("q.sql"), "SELECT 1;");
    Map<List<String>, List<String>> cases =
        Map.of(
            List.of("sql", "--lake", lake.toString(), "-e", "SELECT 1", "-f", file.toString()),
            List.of("-e", "-f"),
            List.of(
                "transform",
                "--lake",
                lake.toString(),
                "--engine",
                "duckdb",
                "--master",
                "spark://127.0.0.1:7077"),
            List.of("--master", "--engine duckdb"),
            List.of("sql", "--lake", lake.toString(), "-q", "-v", "-e", "SELECT 1"),
            List.of("-q", "-v"),
            List.of("draft", "--lake", lake.toString(), "INC-19", "--resolved-since", "30d"),
            List.of("INCIDENT", "--resolved-since"));
    for (Map.Entry<List<String>, List<String>> entry : cases.entrySet()) {
      Result result = run(entry.getKey().toArray(String[]::new));
      assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.USAGE);
      String first = result.err().lines().findFirst().orElseThrow();
      assertThat(first)
          .startsWith("incidents: ")
          .contains(entry.getValue().get(0) + " and " + entry.getValue().get(1))
          .contains("cannot be used together");
    }
  }

  @Test
  void noSubcommandPrintsTheHelpAndExitsTwo() {
    for (String[] arguments :
        List.of(new String[] {}, new String[] {"report"}, new String[] {"notebook"})) {
      Result result = run(arguments);
      assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(result.out()).isEmpty();
      assertThat(result.err()).contains("needs a command").contains("Usage: incidents");
    }
  }

  @Test
  void aMistypedCommandGetsASuggestion() {
    Result result = run("reprot");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err())
        .contains("Unmatched argument")
        .contains("Did you mean")
        .contains("report");
  }

  @Test
  void generateHasNoLakeFlag() {
    Result result = run("generate", "--lake", "x");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).startsWith("incidents: Unknown options: '--lake', 'x'");
  }

  @Test
  void everyHelpEndsWithExamplesThatParse() {
    CommandLine root =
        Main.commandLine(
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(new java.io.StringWriter()));
    List<CommandLine> all = new ArrayList<>();
    collect(root, all);
    assertThat(all).hasSizeGreaterThanOrEqualTo(14);
    for (CommandLine command : all) {
      String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
      String name = command.getCommandSpec().qualifiedName();
      int examples = help.lastIndexOf("\nExamples:\n");
      assertThat(examples).as(name + " --help has an Examples section").isPositive();
      List<String> lines = help.substring(examples + 11).lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines).as(name).isNotEmpty().allMatch(line -> line.startsWith("  incidents"));
      for (String line : lines) {
        List<String> words = words(line.trim());
        words.remove(0);
        CommandLine fresh =
            Main.commandLine(
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()));
        org.assertj.core.api.Assertions.assertThatCode(
                () -> fresh.parseArgs(words.toArray(String[]::new)))
            .as(line)
            .doesNotThrowAnyException();
      }
    }
  }

  @Test
  void helpCitesOnlyFilesInTheRepository() {
    Path root = Path.of("").toAbsolutePath().getParent();
    CommandLine main =
        Main.commandLine(
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(new java.io.StringWriter()));
    List<CommandLine> all = new ArrayList<>();
    collect(main, all);
    Pattern document = Pattern.compile("[\\w./-]+\\.md\\b");
    for (CommandLine command : all) {
      Matcher matcher = document.matcher(command.getUsageMessage(CommandLine.Help.Ansi.OFF));
      while (matcher.find()) {
        String cited = matcher.group();
        // Paths under data/ are outputs (git-ignored), not documents.
        if (!cited.startsWith("data/") && (cited.contains("/") || cited.matches("[A-Z_]+\\.md"))) {
          assertThat(root.resolve(cited))
              .as(command.getCommandSpec().qualifiedName() + " cites " + cited)
              .exists();
        }
      }
    }
  }

  // 6. Progress and quiet.

  @Test
  void quietPrintsOnlyTheResultPath() {
    Result transform = run("transform", "-q", "--lake", lake.toString(), "--engine", "duckdb");
    assertThat(transform.exitCode()).isZero();
    assertThat(transform.out()).isEqualTo(lake.toAbsolutePath() + "\n");
    assertThat(transform.err()).isEmpty();
    Path out = directory.resolve("quiet-notebook");
    Result notebook =
        run(
            "notebook",
            "run",
            "-q",
            "--lake",
            lake.toString(),
            "--out",
            out.toString(),
            "../notebooks/01-mttr-by-service-and-severity.md");
    assertThat(notebook.exitCode()).as(notebook.err()).isZero();
    assertThat(notebook.out())
        .isEqualTo(
            out.resolve("01-mttr-by-service-and-severity.md")
                + "\n"
                + out.resolve("01-mttr-by-service-and-severity.html")
                + "\n");
    assertThat(notebook.err()).isEmpty();
  }

  @Test
  void onANonTerminalEachStageIsOneLineWithItsTime() {
    Result transform = run("transform", "--lake", lake.toString(), "--engine", "duckdb");
    assertThat(transform.exitCode()).isZero();
    List<String> lines = transform.err().lines().toList();
    assertThat(lines.get(0)).matches("transform \\(duckdb\\): DuckDB \\d+\\.\\d s");
    assertThat(lines).hasSize(dev.incidents.transform.SqlPipeline.STEPS.size() + 1);
    assertThat(lines).allMatch(line -> line.matches("transform \\(duckdb\\): \\S+ \\d+\\.\\d s"));
  }

  // 8. Output locations.

  @Test
  void notebooksAreWrittenReadableWithFoldersCreated() throws IOException {
    Path out = directory.resolve("fresh/notebooks/here");
    Result notebook =
        run(
            "notebook",
            "run",
            "--lake",
            lake.toString(),
            "--out",
            out.toString(),
            "../notebooks/01-mttr-by-service-and-severity.md");
    assertThat(notebook.exitCode()).as(notebook.err()).isZero();
    for (Path folder : List.of(directory.resolve("fresh"), out.getParent(), out)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
          .isEqualTo("rwxr-xr-x");
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("01-mttr-by-service-and-severity.md"))))
        .isEqualTo("rw-r--r--");
    CommandLine.Model.OptionSpec option =
        Main.commandLine(
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()))
            .getSubcommands()
            .get("notebook")
            .getSubcommands()
            .get("run")
            .getCommandSpec()
            .findOption("--out");
    assertThat(option.description()[0]).contains("default: data/notebooks");
  }

  static void collect(CommandLine command, List<CommandLine> all) {
    all.add(command);
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      if (sub.getKey().equals(sub.getValue().getCommandName())) {
        collect(sub.getValue(), all);
      }
    }
  }

  /** Splits an example like a shell: words, and "double-quoted" words. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    Matcher matcher = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
    while (matcher.find()) {
      words.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }
    return words;
  }
}
