package dev.incidents.ingest;

import static dev.incidents.ingest.ScenarioFixturesTest.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.core.config.Config;
import dev.incidents.ingest.input.ArchiveLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "no silent loss": a file of no known format, an empty page, objects a reader recognises
 * but does not map, and the accounting over every scenario fixture.
 */
class NoSilentLossTest {
  @TempDir Path directory;

  @Test
  void unknownFilesInAFolderAreQuarantinedByNameAndEmptyPagesAreRecognised() {
    Path folder = scenario("FolderWithUnknownFileAndEmptyPages");
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(folder);
    String notes = folder.resolve("meeting-notes.json").toString();
    String text = folder.resolve("operator-notes.txt").toString();
    assertThat(summary.unknown()).containsExactly(notes, text);
    assertThat(summary.skipped()).isEmpty();
    // quarantined > 0: the command exits 3 (ExitCode.PARTIAL).
    assertThat(summary.quarantined()).isEqualTo(2);
    assertThat(
            lake.rows(
                "SELECT source, source_file, position, error_code, message FROM quarantine"
                    + " ORDER BY source_file"))
        .containsExactly(
            List.of(
                "unknown",
                notes,
                "/",
                "UNKNOWN_FORMAT",
                "Cannot detect the format of "
                    + notes
                    + ": its content matches no source (read it alone with --format)"),
            List.of(
                "unknown",
                text,
                "/",
                "UNKNOWN_FORMAT",
                "Cannot detect the format of "
                    + text
                    + ": its content matches no source (read it alone with --format)"));
    SourceStats unknown = summary.sources().get("unknown");
    assertThat(List.of(unknown.files(), unknown.read(), unknown.quarantined()))
        .containsExactly(2L, 2L, 2L);
    // {"follow_ups": []} (incident.io API v2 GET /v2/follow_ups) and a PagerDuty GET /incidents
    // page past the end ({"incidents": [], "limit", "offset", "more": false}, the REST API's
    // classic pagination) are recognised: read, with nothing in them.
    SourceStats incidentIo = summary.sources().get("incidentio");
    assertThat(List.of(incidentIo.files(), incidentIo.read())).containsExactly(1L, 0L);
    SourceStats pagerDuty = summary.sources().get("pagerduty");
    assertThat(
            List.of(
                pagerDuty.files(),
                pagerDuty.read(),
                pagerDuty.written(),
                pagerDuty.ignored(),
                pagerDuty.quarantined()))
        .containsExactly(2L, 3L, 1L, 2L, 0L);
    assertThat(pagerDuty.ignoredPaths()).containsExactly(Map.entry("/incidents/*/log_entries", 2L));
    assertThat(lake.count("SELECT count(*) FROM timeline_events")).isZero();
    assertThat(lake.value("SELECT incident_id FROM incidents"))
        .isEqualTo("pagerduty:incident:PNEST01");
  }

  @Test
  void anUnknownFileGivenDirectlyIsAnErrorOfItsOwn() {
    Path notes = scenario("FolderWithUnknownFileAndEmptyPages").resolve("meeting-notes.json");
    LakeFixture lake = new LakeFixture(directory);
    // The command turns this exception into exit 2 (a usage error).
    assertThatThrownBy(() -> lake.ingest(notes))
        .isInstanceOf(IngestJob.UndetectedFormatException.class)
        .hasMessage("Cannot detect the format of " + notes + " (use --format)");
  }

  @Test
  void theMissingArrayMessageNamesTheExpectedFieldsInAlphabeticalOrder() throws Exception {
    Path file = directory.resolve("not-pagerduty.json");
    Files.writeString(file, "{\"meeting\": \"weekly\"}");
    IngestSummary summary =
        new IngestJob(
                new dev.incidents.lake.Lake(directory.resolve("lake")),
                Config.defaults(),
                Optional.of(Format.PAGERDUTY),
                ArchiveLimits.DEFAULT)
            .run(List.of(file), bytes -> {});
    assertThat(summary.quarantined()).isEqualTo(1);
    LakeFixture lake = new LakeFixture(directory);
    assertThat(lake.row("SELECT position, error_code, message FROM quarantine"))
        .containsExactly(
            "/",
            "MISSING_FIELD",
            "Cannot parse "
                + file
                + ": no array [alerts, data, incidents, log_entries, notes] or object [alert,"
                + " data, incident, log_entry] at the top level");
  }

  @Test
  void everyRecordOfEveryFixtureAndSampleIsWrittenDuplicateQuarantinedOrIgnored() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(scenario(""), LakeFixture.samples());
    assertThat(summary.sources()).isNotEmpty();
    // What the corpus holds that no reader reads is named, never skipped: this folder's unknown
    // files, the webhook bodies that only come through the spool, the samples' SOURCES.md, Jira's
    // issue link types, and a pretty-printed Mattermost line (the bulk format is one per line).
    Path samples = LakeFixture.samples();
    Path scenarios = scenario("");
    assertThat(summary.unknown())
        .containsExactlyInAnyOrder(
            scenarios.resolve("FolderWithUnknownFileAndEmptyPages/meeting-notes.json").toString(),
            scenarios.resolve("FolderWithUnknownFileAndEmptyPages/operator-notes.txt").toString(),
            scenarios.resolve("IncidentIoIncidentStatusUpdatedV2.json").toString(),
            scenarios.resolve("PagerDutyV3IncidentResolved.json").toString(),
            samples.resolve("SOURCES.md").toString(),
            samples.resolve("jira/go-jira__all_issuelinktypes.json").toString(),
            samples.resolve("mattermost/zulip__v11.1.0_post_with_replies.json").toString());
    assertThat(summary.sources().get("unknown").quarantined()).isEqualTo(7);
    for (Map.Entry<String, SourceStats> entry : summary.sources().entrySet()) {
      SourceStats stats = entry.getValue();
      assertThat(stats.read())
          .as(entry.getKey())
          .isEqualTo(stats.written() + stats.duplicates() + stats.quarantined() + stats.ignored());
    }
    // Every source with a fixture or a sample is in the sum, the issue 14 scenarios included.
    assertThat(summary.sources().keySet())
        .containsExactlyInAnyOrder(
            "alertmanager",
            "grafana",
            "incidentio",
            "jira",
            "mattermost",
            "opsgenie",
            "pagerduty",
            "postmortems",
            "slack",
            "statuspage",
            "teams",
            "unknown");
    // The Teams export's authors are named from its users list in the corpus run too: Cara's
    // channel post and her chat message, both with a null From.User.DisplayName.
    assertThat(
            lake.rows(
                "SELECT author_name, count(*) FROM chat_messages"
                    + " WHERE author_id = 'a51f2c07-6d3b-4e8a-9f10-2b3c4d5e6f70' GROUP BY 1"))
        .containsExactly(List.of("Cara Lind", "2"));
  }
}
