package dev.incidents.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.config.ConfigResolver;
import dev.incidents.ingest.input.ArchiveLimits;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One fixture per edge case, named for its scenario. */
class ScenarioFixturesTest {
  @TempDir Path directory;

  static Path scenario(String name) {
    try {
      return Path.of(ScenarioFixturesTest.class.getResource("/scenarios/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void alertmanagerResolvedRedeliveryUpdatesResolvedAtAndIdenticalRedeliveriesCountOnce() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary =
        lake.ingest(scenario("AlertmanagerResolvedRedeliveryUpdatesResolvedAt.jsonl"));
    assertThat(summary.quarantined()).isZero();
    // Two firings (a re-fire after resolve is a new alert); the late firing re-delivery never
    // un-resolves the first one.
    assertThat(
            lake.rows(
                "SELECT strftime(fired_at, '%H:%M:%S.%f'), strftime(resolved_at, '%H:%M:%S') FROM alerts ORDER BY fired_at"))
        .containsExactly(
            List.of("10:00:00.123456", "10:20:00"),
            java.util.Arrays.asList("11:30:00.000000", null));
    assertThat(summary.sources().get("alertmanager").duplicates()).isEqualTo(3);
  }

  @Test
  void alertmanagerLegacyPayloadGetsAPrometheusFingerprint() {
    LakeFixture lake = new LakeFixture(directory);
    lake.ingest(scenario("AlertmanagerLegacyPayloadWithoutFingerprint.json"));
    String expected =
        dev.incidents.core.model.AlertFingerprint.of(
            Map.of("alertname", "DiskFull", "job", "storage", "instance", "db-1:9100"));
    assertThat(lake.row("SELECT fingerprint, service, rule FROM alerts"))
        .containsExactly(expected, "storage", "DiskFull");
  }

  @Test
  void pagerDutyIncidentResolvedWithoutAckHasNoAcknowledgement() {
    LakeFixture lake = new LakeFixture(directory);
    lake.ingest(scenario("PagerDutyIncidentResolvedWithoutAck.json"));
    // Newest-first entries, New York offsets; the resolve is never taken as an acknowledgement.
    assertThat(
            lake.row(
                "SELECT responder, channel, strftime(paged_at, '%Y-%m-%dT%H:%M:%S'), acknowledged_at IS NULL FROM pages"))
        .containsExactly("ada@example.com", "phone", "2026-03-02T09:10:05", "true");
    assertThat(lake.count("SELECT count(*) FROM timeline_events WHERE kind = 'acknowledged'"))
        .isZero();
    assertThat(lake.rows("SELECT kind FROM timeline_events ORDER BY occurred_at"))
        .containsExactly(List.of("paged"), List.of("resolved"));
  }

  @Test
  void incidentIoTimestampNamesMatchCaseInsensitivelyWithOrWithoutAt() {
    LakeFixture lake = new LakeFixture(directory);
    lake.ingest(scenario("IncidentIoIncidentNamedByTimestampsWithTrailingAt.json"));
    assertThat(
            lake.row(
                "SELECT severity, status, strftime(reported_at, '%H:%M:%S.%g'), strftime(impact_started_at, '%H:%M'), strftime(identified_at, '%H:%M'), mitigated_at IS NULL, strftime(resolved_at, '%H:%M'), services FROM incidents"))
        .containsExactly(
            "SEV1",
            "closed",
            "23:59:30.500",
            "23:50",
            "00:20",
            "true",
            "01:00",
            "[checkout, payments]");
  }

  @Test
  void slackIncCommandsBecomeTypedEventsAndLinkByChannel() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary =
        lake.ingest(
            scenario("IncidentIoIncidentNamedByTimestampsWithTrailingAt.json"),
            scenario("SlackIncidentChannelWithIncCommands"));
    assertThat(summary.quarantined()).isZero();
    assertThat(
            lake.count(
                "SELECT count(*) FROM chat_messages WHERE incident_id = 'slack:channel:' || channel_id"))
        .isEqualTo(8);
    // Slack's own key for the channel; the link to INC-42 is the transform's (incident_links).
    assertThat(
            lake.count(
                "SELECT count(DISTINCT incident_id) FROM timeline_events WHERE source = 'slack'"))
        .isEqualTo(1);
    assertThat(
            lake.rows(
                "SELECT kind, attributes['role'], attributes['assignee'], attributes['severity'], attributes['status'] FROM timeline_events WHERE source = 'slack' AND kind <> 'command' ORDER BY occurred_at"))
        .containsExactly(
            java.util.Arrays.asList("responder_joined", null, null, null, null),
            java.util.Arrays.asList("role_assigned", "lead", "ben@example.com", null, null),
            java.util.Arrays.asList("role_assigned", "comms", "ada@example.com", null, null),
            java.util.Arrays.asList("severity_changed", null, null, "SEV1", null),
            java.util.Arrays.asList("status_changed", null, null, null, "identified"),
            java.util.Arrays.asList("status_update", null, null, null, null),
            java.util.Arrays.asList("resolved", null, null, null, null));
    assertThat(
            lake.value(
                "SELECT strftime(occurred_at, '%Y-%m-%dT%H:%M:%S.%f') FROM timeline_events WHERE kind = 'role_assigned' AND attributes['role'] = 'lead' AND source = 'slack'"))
        .isEqualTo("2026-03-02T00:01:00.123456");
    assertThat(lake.value("SELECT text FROM timeline_events WHERE kind = 'status_update'"))
        .isEqualTo("rollback in progress, db password=[REDACTED:password]");
    assertThat(
            lake.row("SELECT thread_id, reply_count FROM chat_messages WHERE text = 'thanks all'"))
        .containsExactly("1772411000.000001", null);
    assertThat(
            lake.row(
                "SELECT timezone, email FROM people WHERE name = 'Ben Silva' AND source = 'slack'"))
        .containsExactly("America/New_York", "ben@example.com");
  }

  @Test
  void jiraCsvWithRepeatedLabelsMultilineCellsAndAConfiguredDateFormat() {
    LakeFixture lake = new LakeFixture(directory);
    lake.ingest(scenario("IncidentIoIncidentNamedByTimestampsWithTrailingAt.json"));
    var config =
        ConfigResolver.builder()
            .environment(Map.of())
            .fileValues(Map.of(ConfigKeys.SOURCE_TIMEZONE.name(), "Europe/Berlin"))
            .resolve();
    IngestSummary summary =
        new IngestJob(lake.lake, config, Optional.empty(), ArchiveLimits.DEFAULT)
            .run(
                List.of(scenario("JiraCsvWithRepeatedLabelsAndMultilineSummary.csv")), bytes -> {});
    assertThat(summary.quarantined()).isZero();
    assertThat(
            lake.rows(
                "SELECT tracker_key, status, owner, CAST(due_date AS VARCHAR), strftime(created_at, '%Y-%m-%dT%H:%M'), incident_id FROM action_items ORDER BY tracker_key"))
        .containsExactly(
            List.of("OPS-7", "done", "Ada Okafor", "2026-03-10", "2026-03-02T08:15", "jira:ref:42"),
            java.util.Arrays.asList(
                "OPS-8", "wont_do", null, null, "2026-03-02T08:20", "jira:ref:42"),
            List.of("OPS-9", "open", "Ben Silva", "2026-03-20", "2026-03-02T08:25", "jira:ref:42"));
    assertThat(lake.value("SELECT title FROM action_items WHERE tracker_key = 'OPS-7'"))
        .isEqualTo("Add alert on checkout\nsaturation");
  }

  @Test
  void postmortemFrontMatterKeepsItsOwnReferenceKey() {
    LakeFixture lake = new LakeFixture(directory);
    lake.ingest(
        scenario("IncidentIoIncidentNamedByTimestampsWithTrailingAt.json"),
        scenario("PostmortemPublishedLinksByNumber.md"));
    assertThat(
            lake.row(
                "SELECT incident_id, kind, attributes['name'], strftime(occurred_at, '%Y-%m-%dT%H:%M') FROM timeline_events WHERE source = 'postmortems'"))
        .containsExactly(
            "postmortems:ref:42", "milestone", "postmortem_published", "2026-03-03T12:00");
  }

  @Test
  void pagerDutyRestIncidentWithAlertAndZonelessAnalyticsRecord() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary =
        lake.ingest(scenario("PagerDutyRestIncidentWithAlertAndAnalyticsRecord"));
    assertThat(summary.quarantined()).isZero();
    // The priority summary P2 gives the severity; service and teams are references' summaries.
    assertThat(
            lake.row(
                "SELECT incident_number, severity, original_severity, status, services[1], teams[1], strftime(reported_at, '%Y-%m-%dT%H:%M:%S'), strftime(resolved_at, '%Y-%m-%dT%H:%M:%S') FROM incidents WHERE external_id = 'PQ7ZX1A'"))
        .containsExactly(
            "512",
            "SEV2",
            "P2",
            "resolved",
            "checkout",
            "Payments",
            "2026-02-10T08:15:30",
            "2026-02-10T09:02:11");
    // Analytics raw timestamps carry no zone: read as UTC by default.
    assertThat(
            lake.row(
                "SELECT strftime(reported_at, '%Y-%m-%dT%H:%M:%S'), strftime(resolved_at, '%Y-%m-%dT%H:%M:%S'), services[1] FROM incidents WHERE external_id = 'PAN0513'"))
        .containsExactly("2026-02-11T10:05:00", "2026-02-11T10:15:00", "search");
    // The alert names its incident explicitly; the alert_key is its fingerprint.
    assertThat(
            lake.row(
                "SELECT fingerprint, severity, service, strftime(fired_at, '%Y-%m-%dT%H:%M:%S'), incident_id FROM alerts"))
        .containsExactly(
            "checkout-latency-20260210",
            "critical",
            "checkout",
            "2026-02-10T08:14:02",
            "pagerduty:incident:PQ7ZX1A");
  }

  @Test
  void opsgenieAlertListedOpenAndClosedKeepsTheClosedOneWithItsCloseTime() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(scenario("OpsgenieAlertListedOpenAndClosed.json"));
    assertThat(summary.quarantined()).isZero();
    // resolved_at = createdAt + report.closeTime (1,800,500 ms).
    assertThat(
            lake.rows(
                "SELECT status, strftime(fired_at, '%Y-%m-%dT%H:%M:%S.%g'), strftime(resolved_at, '%Y-%m-%dT%H:%M:%S.%g') FROM alerts WHERE alert_id = 'opsgenie:alert:4f1c2d3e-0b6a-4c1e-9d7f-2a5b8c9e0f11'"))
        .containsExactly(List.of("closed", "2026-01-20T06:40:10.250", "2026-01-20T07:10:10.750"));
  }

  @Test
  void statuspageBackfilledIncidentUsesDisplayAtAndTurnsHtmlIntoText() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary =
        lake.ingest(scenario("StatuspageBackfilledIncidentWithHtmlUpdates.json"));
    assertThat(summary.quarantined()).isZero();
    assertThat(
            lake.row(
                "SELECT severity, status, services[1], strftime(reported_at, '%Y-%m-%dT%H:%M:%S'), strftime(resolved_at, '%Y-%m-%dT%H:%M:%S') FROM incidents WHERE external_id = 'bf2019backfill'"))
        .containsExactly(
            "SEV2", "resolved", "Webhooks", "2019-02-20T18:00:00", "2019-02-20T19:30:00");
    // Updates written in 2025 for a 2019 incident: their time is display_at (with its -06:00
    // offset), never created_at; they are ordered by it, newest-first input notwithstanding.
    assertThat(
            lake.rows(
                "SELECT strftime(occurred_at, '%Y-%m-%dT%H:%M:%S.%g'), attributes['status'], text FROM timeline_events WHERE incident_id = 'statuspage:incident:bf2019backfill' ORDER BY occurred_at"))
        .containsExactly(
            List.of(
                "2019-02-20T18:00:19.418",
                "investigating",
                "We are investigating delayed webhook deliveries & retries.\nWebhooks"),
            List.of(
                "2019-02-20T19:30:00.000",
                "resolved",
                "Deliveries are back to normal; the backlog is drained."));
  }

  @Test
  void slackExportWithAThreadAcrossDaysAndATombstoneRoot() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(scenario("SlackExportWithThreadAcrossDaysAndTombstone"));
    assertThat(summary.quarantined()).isZero();
    // Replies sit in the next day's file; their thread is the root's ts, kept as a string.
    assertThat(
            lake.rows(
                "SELECT text, subtype, thread_id, strftime(posted_at, '%Y-%m-%dT%H:%M:%S') FROM chat_messages ORDER BY posted_at"))
        .containsExactly(
            java.util.Arrays.asList("db-1 disk at 91%, looking", null, null, "2026-01-10T23:58:00"),
            java.util.Arrays.asList(
                "This message was deleted.", "tombstone", null, "2026-01-10T23:58:20"),
            java.util.Arrays.asList(
                "rotated the logs, 64% now", null, "1768089480.000100", "2026-01-11T00:03:00"),
            java.util.Arrays.asList(
                "db-1 is fine again, thanks",
                "thread_broadcast",
                "1768089480.000100",
                "2026-01-11T00:04:00"),
            java.util.Arrays.asList(
                "reply under a deleted message", null, "1768089500.000200", "2026-01-11T00:05:00"));
  }
}
