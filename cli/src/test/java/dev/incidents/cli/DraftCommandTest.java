package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code incidents draft} on a generated organisation: flags, configuration, catch-up. */
class DraftCommandTest {
  @TempDir static Path directory;
  static Path lake;

  @BeforeAll
  static void generatedLake() {
    Path exports = directory.resolve("exports");
    lake = directory.resolve("lake");
    assertThat(
            MainTest.run(
                    "generate",
                    "--org",
                    "small",
                    "--months",
                    "1",
                    "--seed",
                    "3",
                    "--out",
                    exports.toString(),
                    "--start",
                    "2026-03")
                .exitCode())
        .isZero();
    MainTest.Result ingest =
        MainTest.run("ingest", "-q", "--lake", lake.toString(), exports.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isIn(0, 3);
    MainTest.Result transform =
        MainTest.run("transform", "-q", "--lake", lake.toString(), "--engine", "duckdb");
    assertThat(transform.exitCode()).as(transform.err()).isZero();
  }

  @Test
  void anIncidentAndResolvedSinceExcludeEachOther() {
    MainTest.Result result =
        MainTest.run("draft", "INC-19", "--resolved-since", "30d", "--lake", lake.toString());
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err().lines().findFirst().orElseThrow())
        .isEqualTo(
            "incidents: INCIDENT and --resolved-since cannot be used together: give one incident, or draft every one resolved since then");
  }

  @Test
  void quietPrintsOnlyTheDraftsPathAndTheDraftIsReadableByOthers() throws Exception {
    Path out = directory.resolve("drafts/nested/INC-1.md");
    MainTest.Result result =
        MainTest.run("draft", "INC-1", "-q", "--out", out.toString(), "--lake", lake.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().strip()).isEqualTo(out.toString());
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-r--r--");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(out.getParent())))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void aMissingLlmConfigurationExitsTwoNamingTheKeys() {
    MainTest.Result result =
        MainTest.run("draft", "INC-1", "--llm", "openai", "--lake", lake.toString());
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("llm.base-url").contains("llm.api-key").contains("llm.model");
    assertThat(result.err()).contains("no request was sent");
  }

  @Test
  void catchUpPrintsOrWritesTheFile() throws Exception {
    MainTest.Result printed =
        MainTest.run("draft", "INC-1", "--catch-up", "--lake", lake.toString());
    assertThat(printed.exitCode()).as(printed.err()).isZero();
    assertThat(printed.out()).startsWith("# Catch-up: ").contains("## Latest");
    // As on a real stdout: a buffered writer that nobody flushes after the command.
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintWriter buffered =
        new java.io.PrintWriter(
            new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(bytes, java.nio.charset.StandardCharsets.UTF_8)),
            false);
    int code =
        Main.run(
            new String[] {"draft", "INC-1", "--catch-up", "--lake", lake.toString()},
            buffered,
            new java.io.PrintWriter(new java.io.StringWriter(), true));
    assertThat(code).isZero();
    assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("# Catch-up: ");
    Path out = directory.resolve("catch-up/INC-1.md");
    MainTest.Result written =
        MainTest.run(
            "draft", "INC-1", "--catch-up", "--out", out.toString(), "--lake", lake.toString());
    assertThat(written.exitCode()).isZero();
    assertThat(Files.readString(out)).startsWith("# Catch-up: ");
  }

  @Test
  void anUnknownTemplateIsAUserError() {
    MainTest.Result result =
        MainTest.run("draft", "INC-1", "--template", "nasa", "--lake", lake.toString());
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err())
        .contains(
            "Unknown template: 'nasa' (expected google, pagerduty, atlassian or a FILE.md with {{placeholders}})");
  }

  @Test
  void everyTemplateDrafts() throws Exception {
    for (String template : new String[] {"google", "pagerduty", "atlassian"}) {
      Path out = directory.resolve("drafts/" + template + ".md");
      MainTest.Result result =
          MainTest.run(
              "draft",
              "INC-1",
              "--template",
              template,
              "--out",
              out.toString(),
              "--lake",
              lake.toString());
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(Files.readString(out)).contains("template: " + template);
    }
  }

  @Test
  void everyCommandOfTheDraftsDocumentRuns() throws Exception {
    String doc =
        Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/drafts.md"));
    String block = doc.substring(doc.indexOf("```bash\n") + 8);
    block = block.substring(0, block.indexOf("```"));
    Path drafts = directory.resolve("docs-drafts");
    int commands = 0;
    for (String line : block.lines().toList()) {
      assertThat(line).startsWith("incidents draft ");
      String[] words =
          line.substring("incidents ".length())
              .replace("data/drafts", drafts.toString())
              .split(" ");
      java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of(words));
      arguments.addAll(java.util.List.of("--lake", lake.toString()));
      if (!arguments.contains("--out-dir")) {
        // the default folder is relative to the working directory: keep it in the test's folder
        arguments.addAll(java.util.List.of("--out-dir", drafts.toString()));
      }
      MainTest.Result result = MainTest.run(arguments.toArray(String[]::new));
      assertThat(result.exitCode()).as(line + ": " + result.err()).isZero();
      commands++;
    }
    assertThat(commands).isEqualTo(6);
    assertThat(drafts.resolve("INC-1.md")).exists();
    assertThat(drafts.resolve("INC-1-atlassian.md"))
        .content()
        .contains("## Appendix: chat\n\nEvery chat message");
  }
}
