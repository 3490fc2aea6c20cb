package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.cli.MainTest.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 at the command line: a file of no known format named directly exits 2; inside a folder
 * it is listed by name in the summary, quarantined, and the run exits 3; objects recognised but not
 * mapped are listed with their path; a Grafana legacy webhook forced with {@code --format grafana}
 * exits 3 with its quarantine row (it used to exit 1 with nothing in quarantine).
 */
class IngestNoSilentLossExitCodesTest {
  @TempDir Path directory;

  private static Path scenario(String name) {
    return Path.of("../ingest/src/test/resources/scenarios", name).toAbsolutePath().normalize();
  }

  @Test
  void anUnknownFileNamedDirectlyExitsTwo() {
    Path notes = scenario("FolderWithUnknownFileAndEmptyPages").resolve("meeting-notes.json");
    Result result =
        MainTest.run(
            "ingest", "-q", "--lake", directory.resolve("lake").toString(), notes.toString());
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err())
        .isEqualTo("incidents: Cannot detect the format of " + notes + " (use --format)\n");
  }

  @Test
  void anUnknownFileInAFolderIsListedQuarantinedAndExitsThree() {
    Path folder = scenario("FolderWithUnknownFileAndEmptyPages");
    Path lake = directory.resolve("lake");
    Result result = MainTest.run("ingest", "--lake", lake.toString(), folder.toString());
    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.PARTIAL);
    assertThat(result.out().lines().filter(line -> line.startsWith("  unknown format")))
        .containsExactly(
            "  unknown format, quarantined: " + folder.resolve("meeting-notes.json"),
            "  unknown format, quarantined: " + folder.resolve("operator-notes.txt"));
    assertThat(result.out().lines().filter(line -> line.contains("(recognised, not mapped)")))
        .containsExactly(
            "  pagerduty: ignored 2 object(s) at /incidents/*/log_entries (recognised, not"
                + " mapped)");
    assertThat(result.out())
        .contains(
            "  2 record(s) quarantined: see `incidents sql --lake "
                + lake.toAbsolutePath()
                + " -e \"SELECT * FROM quarantine\"`\n");
  }

  @Test
  void aForcedGrafanaLegacyWebhookExitsThreeWithItsQuarantineRow() {
    Path file = scenario("GrafanaLegacyAlertingWebhook.json");
    Path lake = directory.resolve("lake");
    Result result =
        MainTest.run(
            "ingest", "-q", "--lake", lake.toString(), "--format", "grafana", file.toString());
    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.PARTIAL);
    assertThat(result.err())
        .isEqualTo(
            "incidents ingest: 1 record(s) quarantined: see `incidents sql --lake "
                + lake.toAbsolutePath()
                + " -e \"SELECT * FROM quarantine\"`\n");
  }
}
