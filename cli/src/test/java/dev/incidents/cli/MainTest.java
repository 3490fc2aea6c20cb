package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
  record Result(int exitCode, String out, String err) {}

  static Result run(String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(arguments, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void helpListsAllTenCommands() {
    Result result = run("--help");
    assertThat(result.exitCode()).isZero();
    for (String command :
        List.of(
            "demo",
            "generate",
            "ingest",
            "transform",
            "report",
            "draft",
            "sql",
            "notebook",
            "bench",
            "cluster")) {
      assertThat(result.out()).containsPattern("(?m)^\\s+" + command + "\\s");
      assertThat(run(command, "--help").exitCode()).as(command).isZero();
    }
    assertThat(result.out()).contains("3  partial success");
  }

  @Test
  void badUsageIsOneLineAndExitTwo() {
    Result result = run("report", "monthly");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err().lines().findFirst().orElseThrow())
        .isEqualTo("incidents: Missing required option: '--month=YYYY-MM'");
    assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");

    Result asOf = run("report", "monthly", "--month", "2026-11", "--as-of", "yesterday");
    assertThat(asOf.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(asOf.err().lines().findFirst().orElseThrow())
        .isEqualTo(
            "incidents: Invalid --as-of: 'yesterday' (expected an ISO-8601 instant such as"
                + " 2026-12-01T00:00:00Z)");

    Result unknown = run("frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void aMissingConfigFileIsAUserError() {
    CommonOptions options = new CommonOptions();
    options.config = Path.of("/nonexistent/incidents.yaml");
    org.assertj.core.api.Assertions.assertThatThrownBy(options::resolve)
        .isInstanceOf(UserException.class)
        .hasMessage("Configuration file not found: /nonexistent/incidents.yaml");
  }

  @Test
  void demoRunsEveryBuiltStageIntoItsFolder(@org.junit.jupiter.api.io.TempDir Path directory)
      throws Exception {
    Result result = run("demo", "--out", directory.toString(), "--engine", "duckdb");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(directory.resolve("exports/truth.json")).exists();
    assertThat(directory.resolve("lake/incidents")).exists();
    assertThat(directory.resolve("lake/monthly_metrics")).exists();
    try (var reports = java.nio.file.Files.list(directory.resolve("reports"))) {
      Path report = reports.findFirst().orElseThrow();
      assertThat(report.resolve("report.html")).exists();
      assertThat(report.resolve("report.xlsx")).exists();
      assertThat(report.resolve("report.md")).exists();
      assertThat(report.resolve("report.pdf")).exists();
      // The demo drafts before it reports, so the drafted SEV1 links to its draft.
      assertThat(java.nio.file.Files.readString(report.resolve("report.md")))
          .contains("## Executive summary")
          .contains("](../../drafts/INC-");
    }
    assertThat(directory.resolve("notebooks/01-mttr-by-service-and-severity.html")).exists();
    try (var drafts = java.nio.file.Files.list(directory.resolve("drafts"))) {
      assertThat(java.nio.file.Files.readString(drafts.findFirst().orElseThrow()))
          .startsWith("---\nincident: INC-")
          .contains("## Timeline");
    }
    assertThat(result.out())
        .contains("incidents,")
        .contains("alerts per incident")
        .contains("definitions ");
  }

  @Test
  void launcherUsesTheSameSparkFlagsAsSurefire() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    String launcher = Files.readString(root.resolve("incidents"));
    String pom = Files.readString(root.resolve("pom.xml"));
    assertThat(launcher).contains("spark.jvm.flags").contains("SPARK_LOCAL_IP=127.0.0.1");
    assertThat(pom).contains("<argLine>${spark.jvm.flags}");
  }
}
