package dev.incidents.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sample set in {@code testdata/samples} ingests into the expected tables. Expected values
 * were picked by hand from the JSON. Vendor examples without a licence that fits the project
 * (PagerDuty, Opsgenie's docs, GitHub's status page, slackdump's AGPL fixtures; see
 * testdata/samples/SOURCES.md) are not in the repository: {@link ScenarioFixturesTest} covers their
 * traps with hand-written fixtures.
 */
class RealSamplesTest {
  @TempDir Path directory;

  @Test
  void incidentIoDemoOrganisation() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary =
        lake.ingest(LakeFixture.samples().resolve("incidentio/singer-tap_testdata_sync"));
    assertThat(summary.quarantined()).isZero();
    assertThat(
            lake.row(
                "SELECT incident_id, reference, incident_number, title, severity, original_severity, status, original_status, mode, chat_channel_id, strftime(reported_at, '%Y-%m-%dT%H:%M:%S.%g') FROM incidents"))
        .containsExactly(
            "incidentio:incident:01HDH3SMWK0C2D8TN41PVW61TA",
            "INC-1",
            "1",
            "teal-ostrich",
            "SEV3",
            "Minor",
            "active",
            "Investigating",
            "real",
            "C0624NMCSQ7",
            "2023-10-24T15:10:35.411");
    assertThat(
            lake.row(
                "SELECT kind, attributes['status'], attributes['canonical_status'] FROM timeline_events WHERE kind = 'status_changed'"))
        .containsExactly("status_changed", "investigating", "active");
    assertThat(
            lake.row(
                "SELECT action_item_id, status, original_status, owner IS NULL, title FROM action_items"))
        .containsExactly(
            "incidentio:follow_up:01HDH3V6Z5XWT7CTHP13BKNHFE",
            "open",
            "outstanding",
            "true",
            "This is a follow up");
    assertThat(lake.count("SELECT count(*) FROM alerts WHERE source = 'incidentio'")).isEqualTo(2);
    assertThat(
            lake.row("SELECT service, severity, fingerprint FROM alerts ORDER BY fired_at LIMIT 1"))
        .containsExactly("api-gateway", "critical", "api-gateway-outage-20230215");
    // Current roles are kept, flagged as carrying no time.
    assertThat(
            lake.row(
                "SELECT attributes['role'], attributes['assignee'], attributes['current'] FROM timeline_events WHERE kind = 'role_assigned'"))
        .containsExactly("lead", "rob@incident.io", "true");
    // The configuration lists and the action of the singer-tap sync are read and counted as
    // ignored, each under its kind (issue 14: no file of the export is skipped silently).
    assertThat(summary.unknown()).isEmpty();
    assertThat(summary.sources().get("incidentio").ignoredPaths())
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(
                java.util.Map.of(
                    "/* (actions)", 1L,
                    "/* (alert_attributes)", 2L,
                    "/* (alert_sources)", 3L,
                    "/* (custom_field_options)", 12L,
                    "/* (custom_fields)", 2L,
                    "/* (incident_roles)", 2L,
                    "/* (incident_statuses)", 11L,
                    "/* (incident_timestamps)", 12L,
                    "/* (incident_types)", 1L,
                    "/* (severities)", 3L)));
  }

  @Test
  void alertmanagerWebhooksOldAndNew() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(LakeFixture.samples().resolve("alertmanager"));
    assertThat(summary.quarantined()).isZero();
    assertThat(
            lake.row(
                "SELECT rule, fingerprint, strftime(fired_at, '%Y-%m-%dT%H:%M:%S.%f'), resolved_at IS NULL FROM alerts WHERE fingerprint = (SELECT min(fingerprint) FROM alerts WHERE source = 'alertmanager' AND fired_at < TIMESTAMPTZ '2020-02-07 00:00:00+00' AND fired_at > TIMESTAMPTZ '2020-02-05 00:00:00+00')"))
        .element(3)
        .isEqualTo("true");
    // 2 modern + 1 + 19 + 12 old alerts; the old payloads overlap, so identical firings count once.
    long alerts = lake.count("SELECT count(*) FROM alerts");
    assertThat(alerts).isBetween(20L, 34L);
    assertThat(
            lake.count(
                "SELECT count(DISTINCT fingerprint) FROM alerts WHERE length(fingerprint) = 16"))
        .isEqualTo(alerts - lake.count("SELECT count(*) - count(DISTINCT alert_id) FROM alerts"));
    // An offset timestamp with nanoseconds is normalised to UTC, truncated to microseconds.
    assertThat(lake.value("SELECT strftime(min(fired_at), '%Y-%m-%dT%H:%M:%S.%f') FROM alerts"))
        .isEqualTo("2018-03-07T11:33:21.873077");
  }

  @Test
  void grafanaMixedPayloadResolvesTwoAlerts() {
    LakeFixture lake = new LakeFixture(directory);
    assertThat(lake.ingest(LakeFixture.samples().resolve("grafana")).quarantined()).isZero();
    assertThat(lake.row("SELECT count(*), count(resolved_at), min(source) FROM alerts"))
        .containsExactly("3", "2", "grafana");
  }

  @Test
  void slackOfficialExportFrom2016() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary =
        lake.ingest(LakeFixture.samples().resolve("slack/hfaran_testarchive/extracted"));
    assertThat(summary.quarantined()).isZero();
    assertThat(lake.count("SELECT count(*) FROM chat_messages")).isEqualTo(158);
    assertThat(lake.count("SELECT count(*) FROM people")).isEqualTo(4);
    assertThat(lake.count("SELECT count(*) FROM chat_messages WHERE subtype = 'bot_message'"))
        .isEqualTo(94);
    assertThat(lake.count("SELECT count(*) FROM chat_messages WHERE is_bot"))
        .isGreaterThanOrEqualTo(94);
    // The time comes from ts, never from the day file: many messages sit on another UTC date.
    assertThat(lake.count("SELECT count(DISTINCT channel_name) FROM chat_messages")).isEqualTo(2);
  }

  @Test
  void jiraSearchWithChangelogAndColonlessOffsets() {
    LakeFixture lake = new LakeFixture(directory);
    assertThat(
            lake.ingest(
                    LakeFixture.samples()
                        .resolve("jira/go-jira__issues_in_sprint_with_changelog.json"))
                .quarantined())
        .isZero();
    assertThat(
            lake.row(
                "SELECT action_item_id, tracker_key, strftime(created_at, '%Y-%m-%dT%H:%M:%S'), incident_id IS NULL FROM action_items"))
        .containsExactly("jira:issue:AR-86", "AR-86", "2015-12-02T15:39:15", "true");
  }

  @Test
  void opsgenieWebhookWithMillisecondsAndNanoseconds() {
    LakeFixture lake = new LakeFixture(directory);
    assertThat(lake.ingest(LakeFixture.samples().resolve("opsgenie")).quarantined()).isZero();
    // Webhook: createdAt in ms (1420452191104), updatedAt in ns (1420452374669001603).
    assertThat(
            lake.row(
                "SELECT strftime(fired_at, '%Y-%m-%dT%H:%M:%S.%g'), strftime(resolved_at, '%Y-%m-%dT%H:%M:%S.%f') FROM alerts WHERE alert_id LIKE '%052652ac%'"))
        .containsExactly("2015-01-05T10:03:11.104", "2015-01-05T10:06:14.669001");
  }

  @Test
  void mattermostBulkExportWithNullAndUnorderedReplies() {
    LakeFixture lake = new LakeFixture(directory);
    assertThat(
            lake.ingest(
                    LakeFixture.samples()
                        .resolve("mattermost/zulip__mattermost_fixtures_export.jsonl"))
                .quarantined())
        .isZero();
    assertThat(lake.count("SELECT count(*) FROM chat_messages WHERE source = 'mattermost'"))
        .isPositive();
    assertThat(
            lake.row(
                "SELECT strftime(posted_at, '%Y-%m-%dT%H:%M:%S.%g'), author_name, subtype FROM chat_messages WHERE text = 'harry joined the channel.'"))
        // The author's display name from the export's user line (first_name, last_name).
        .containsExactly("2019-03-21T11:10:57.086", "Harry Potter", "channel_join");
    assertThat(lake.count("SELECT count(*) FROM chat_messages WHERE thread_id IS NOT NULL"))
        .isPositive();
  }

  @Test
  void teamsPascalCaseExportWithHtmlBodiesAndSystemEvents() {
    LakeFixture lake = new LakeFixture(directory);
    assertThat(lake.ingest(LakeFixture.samples().resolve("teams")).quarantined()).isZero();
    assertThat(lake.count("SELECT count(*) FROM chat_messages WHERE source = 'teams'"))
        .isEqualTo(7);
    assertThat(
            lake.row(
                "SELECT text, author_name, thread_id IS NOT NULL FROM chat_messages WHERE message_id LIKE '%1755192369203'"))
        .containsExactly("Good question! I dunno", "Alya Abbott", "true");
    assertThat(lake.count("SELECT count(*) FROM chat_messages WHERE text LIKE '%<%'")).isZero();
  }
}
