package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.schema.LakeTables;
import dev.incidents.lake.Lake;
import dev.incidents.pull.fake.FakeIncidentIo;
import dev.incidents.pull.fake.FakePagerDuty;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code ./incidents} command line of docs/pull.md, in order, as a separate process
 * whose environment points the sources at the loopback fakes (tokens can only come from there).
 */
class PullDocsTest {
  @TempDir Path directory;

  static List<String> commandLines() throws Exception {
    Path docs = Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("pull.md");
    List<String> lines = new ArrayList<>();
    boolean inBlock = false;
    for (String line : Files.readAllLines(docs)) {
      if (line.startsWith("```")) {
        inBlock = !inBlock && line.equals("```bash");
        continue;
      }
      if (inBlock && line.startsWith("./incidents ")) {
        lines.add(line.substring("./incidents ".length()).trim());
      }
    }
    return lines;
  }

  @Test
  void everyCommandLineOfTheDocsRunsAgainstTheFakes() throws Exception {
    List<String> commands = commandLines();
    assertThat(commands).hasSizeGreaterThanOrEqualTo(5).anyMatch(c -> c.startsWith("pull all"));
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(40));
    try (FakePagerDuty pagerDuty = new FakePagerDuty();
        FakeIncidentIo incidentIo = new FakeIncidentIo()) {
      pagerDuty.sampleIncidents(120, start, Duration.ofHours(6), 1);
      incidentIo.sampleIncidents(60, start, "standard");
      incidentIo.sampleIncidents(3, start.plus(Duration.ofDays(1)), "test");
      Map<String, String> environment =
          Map.of(
              "INCIDENTS_LAKE_PATH", directory.resolve("data/lake").toString(),
              "INCIDENTS_SOURCES_PAGERDUTY_BASE_URL", pagerDuty.baseUrl().toString(),
              "INCIDENTS_SOURCES_PAGERDUTY_TOKEN", FakePagerDuty.TOKEN,
              "INCIDENTS_SOURCES_INCIDENTIO_BASE_URL", incidentIo.baseUrl().toString(),
              "INCIDENTS_SOURCES_INCIDENTIO_TOKEN", FakeIncidentIo.TOKEN);
      for (String command : commands) {
        ChildProcess.Result result = runProcess(command, environment);
        assertThat(result.exitCode()).as(command + "\n" + result.output()).isZero();
        assertThat(result.output())
            .doesNotContain(FakePagerDuty.TOKEN)
            .doesNotContain(FakeIncidentIo.TOKEN);
        if (command.contains("--dry-run")) {
          assertThat(result.output())
              .contains("pagerduty: would fetch")
              .contains("incidentio: would fetch");
        }
      }
      Lake lake = new Lake(directory.resolve("data/lake"));
      assertThat(lake.readAll(LakeTables.INCIDENTS)).hasSize(120 + 63);
      assertThat(lake.readAll(LakeTables.PULL_STATE)).hasSize(2);
      assertThat(lake.exists(LakeTables.INCIDENT_FACTS)).isTrue();
    }
  }

  private ChildProcess.Result runProcess(String command, Map<String, String> environment)
      throws Exception {
    return ChildProcess.run(directory, command, environment);
  }

  @Test
  void aFailingSourceExitsOneInOneLineAndKeepsItsWatermark() throws Exception {
    try (FakeIncidentIo incidentIo = new FakeIncidentIo()) {
      incidentIo.sampleIncidents(300, Instant.now().minus(Duration.ofDays(5)), "standard");
      incidentIo.repeatCursor(true);
      Map<String, String> environment =
          Map.of(
              "INCIDENTS_LAKE_PATH", directory.resolve("data/lake").toString(),
              "INCIDENTS_SOURCES_INCIDENTIO_BASE_URL", incidentIo.baseUrl().toString(),
              "INCIDENTS_SOURCES_INCIDENTIO_TOKEN", FakeIncidentIo.TOKEN);
      ChildProcess.Result result = runProcess("pull incidentio", environment);
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.output())
          .contains(
              "incidentio: failed, watermark unchanged: The API returned the cursor '"
                  + incidentIo.incidents().get(0).path("id").asText()
                  + "' twice while listing incidents")
          .doesNotContain(FakeIncidentIo.TOKEN);
      assertThat(new Lake(directory.resolve("data/lake")).exists(LakeTables.PULL_STATE)).isFalse();
    }
  }

  static MainTest.Result run(String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(arguments, new PrintWriter(out, true), new PrintWriter(err, true));
    return new MainTest.Result(code, out.toString(), err.toString());
  }

  @Test
  void unknownSourcesAndMissingSettingsAreOneLineErrorsWithExitTwo() {
    String lake = directory.resolve("lake").toString();
    MainTest.Result unknown = run("pull", "--lake", lake, "servicenow");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .isEqualTo(
            "incidents: Unknown source 'servicenow': use incidentio, pagerduty, opsgenie, slack,"
                + " jira, statuspage or all"
                + System.lineSeparator());
    MainTest.Result jira = run("pull", "--lake", lake, "jira");
    assertThat(jira.exitCode()).isEqualTo(2);
    assertThat(jira.out())
        .contains(
            "jira: Set sources.jira.base-url (environment INCIDENTS_SOURCES_JIRA_BASE_URL):"
                + " jira has no public default URL");
    MainTest.Result opsgenie = run("pull", "--lake", lake, "opsgenie");
    assertThat(opsgenie.exitCode()).isEqualTo(2);
    assertThat(opsgenie.out())
        .contains(
            "opsgenie: failed, watermark unchanged: No token for opsgenie: set"
                + " INCIDENTS_SOURCES_OPSGENIE_TOKEN");
    MainTest.Result since = run("pull", "--lake", lake, "pagerduty", "--since", "yesterday");
    assertThat(since.exitCode()).isEqualTo(2);
    assertThat(since.err())
        .startsWith(
            "incidents: Invalid --since: 'yesterday' is not a date (2025-01-31), an instant");
  }
}
