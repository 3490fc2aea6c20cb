package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every bench command line that docs/performance.md gives is a valid command of this build, with
 * the options it says. A medium or large bench takes minutes and gigabytes, so the lines are parsed
 * here, not run; {@link BenchSmokeTest} runs the same stages on the small organisation.
 */
class BenchDocsTest {
  private static final Pattern BENCH = Pattern.compile("`\\./incidents (bench --[^`]*)`");

  @Test
  void everyDocumentedBenchCommandParses() throws Exception {
    String document =
        Files.readString(
            Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("performance.md"));
    Matcher matcher = BENCH.matcher(document);
    List<String> lines = new ArrayList<>();
    while (matcher.find()) {
      lines.add(matcher.group(1));
    }
    assertThat(lines)
        .contains(
            "bench --org medium --stages ingest --runs 3 --warm-ups 3 --format json",
            "bench --org large --stages ingest --runs 1 --format json");
    for (String line : lines) {
      CommandLine commandLine =
          Main.commandLine(
              new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
      CommandLine.ParseResult parsed = commandLine.parseArgs(line.split(" "));
      CommandLine.ParseResult bench = parsed.subcommand();
      assertThat(bench.commandSpec().name()).as(line).isEqualTo("bench");
      assertThat(bench.originalArgs()).as(line).containsExactly(line.split(" "));
      assertThat(bench.matchedOptionValue("--org", "")).as(line).isIn("small", "medium", "large");
      if (line.contains("--warm-ups")) {
        assertThat(bench.<Integer>matchedOptionValue("--warm-ups", -1)).as(line).isEqualTo(3);
      }
    }
  }
}
