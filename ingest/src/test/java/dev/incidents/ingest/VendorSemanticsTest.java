package dev.incidents.ingest;

import static dev.incidents.ingest.ScenarioFixturesTest.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.model.AlertFingerprint;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: vendor semantics that real exports carry, one scenario fixture each, written from the
 * vendor's documentation (cited per test).
 */
class VendorSemanticsTest {
  @TempDir Path directory;

  /**
   * Alertmanager's webhook payload
   * (prometheus.io/docs/alerting/latest/configuration/#webhook_config) carries a per-alert {@code
   * status} ("resolved" or "firing"); it decides. An unset endsAt is Go's zero time. The second
   * alert's resolve time is the payload's own evidence: the latest endsAt of its resolved alerts
   * (10:20).
   */
  @Test
  void alertmanagerPerAlertStatusDecidesAndAZeroEndsAtResolvesAtThePayloadsEvidence() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(scenario("AlertmanagerResolvedAlertWithZeroEndsAt.json"));
    assertThat(summary.quarantined()).isZero();
    assertThat(
            lake.rows(
                "SELECT labels['instance'], status, strftime(resolved_at, '%H:%M:%S'),"
                    + " labels['ingest.resolved_source'] FROM alerts ORDER BY fired_at"))
        .containsExactly(
            Arrays.asList("checkout-1:8080", "resolved", "10:20:00", null),
            Arrays.asList("checkout-2:8080", "resolved", "10:20:00", "payload_latest_ends_at"));
  }

  /**
   * Without any status (per alert or "resolved" for the group), Alertmanager's own rule decides
   * (types.Alert.Resolved / ResolvedAt in prometheus/alertmanager): an endsAt that is set and not
   * after the reference time has ended then. With no receipt time the reference is the latest
   * startsAt (10:00), a lower bound of when the payload was sent: 09:30 has passed, 10:05 may not.
   */
  @Test
  void alertmanagerWithoutStatusAnEndsAtInThePastMeansEndedThen() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary =
        lake.ingest(scenario("AlertmanagerPayloadWithoutStatusEndsAtInThePast.json"));
    assertThat(summary.quarantined()).isZero();
    assertThat(
            lake.rows(
                "SELECT labels['queue'], status, strftime(resolved_at, '%H:%M:%S'),"
                    + " labels['ingest.resolved_source'] FROM alerts ORDER BY fired_at"))
        .containsExactly(
            Arrays.asList("payments", "resolved", "09:30:00", "ends_at_past"),
            Arrays.asList("refunds", "firing", null, null));
  }

  /**
   * A fingerprint is a hash of the labels (Alertmanager's webhook docs: "fingerprint: a hash of the
   * alert's labels"), so one fingerprint with two label sets in one payload is two alerts; they are
   * kept apart by the Prometheus fingerprint of their own labels and counted in the summary.
   */
  @Test
  void alertmanagerSameFingerprintWithDifferentLabelsIsTwoAlertsAndCounted() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary =
        lake.ingest(scenario("AlertmanagerSameFingerprintDifferentLabels.json"));
    assertThat(summary.quarantined()).isZero();
    String db1 =
        AlertFingerprint.of(
            Map.of("alertname", "DiskFull", "job", "storage", "instance", "db-1:9100"));
    String db2 =
        AlertFingerprint.of(
            Map.of("alertname", "DiskFull", "job", "storage", "instance", "db-2:9100"));
    assertThat(
            lake.rows(
                "SELECT alert_id, fingerprint, labels['instance'] FROM alerts ORDER BY alert_id"))
        .containsExactlyInAnyOrder(
            List.of(
                "alertmanager:alert:0f0f0f0f0f0f0f0f+" + db1 + "@2026-04-04T08:00:00Z",
                "0f0f0f0f0f0f0f0f",
                "db-1:9100"),
            List.of(
                "alertmanager:alert:0f0f0f0f0f0f0f0f+" + db2 + "@2026-04-04T08:00:00Z",
                "0f0f0f0f0f0f0f0f",
                "db-2:9100"));
    SourceStats stats = summary.sources().get("alertmanager");
    assertThat(stats.observations())
        .containsExactly(
            Map.entry(
                dev.incidents.ingest.alertmanager.AlertmanagerReader.FINGERPRINT_COLLISION, 2L));
    assertThat(List.of(stats.read(), stats.written())).containsExactly(1L, 1L);
  }

  /**
   * PagerDuty REST API v2, "Incidents": older responses have no {@code resolved_at}; a resolved
   * incident then resolves at its last {@code resolve_log_entry} ("List log entries for an
   * incident") in the same file, else at {@code last_status_change_at} ("the time the status of the
   * incident last changed"); the attribute {@code resolved_source} says which.
   */
  @Test
  void pagerDutyResolvedIncidentWithoutResolvedAtResolvesAtItsLastResolveEntryElseItsLastChange() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary =
        lake.ingest(scenario("PagerDutyResolvedIncidentsWithoutResolvedAt.json"));
    assertThat(summary.quarantined()).isZero();
    assertThat(
            lake.rows(
                "SELECT external_id, status, strftime(resolved_at, '%H:%M:%S') FROM incidents"
                    + " ORDER BY external_id"))
        .containsExactly(
            List.of("POLD001", "resolved", "10:45:00"), List.of("POLD002", "resolved", "12:30:00"));
    assertThat(
            lake.rows(
                "SELECT event_id, strftime(occurred_at, '%H:%M:%S'), attributes['resolved_source']"
                    + " FROM timeline_events WHERE kind = 'resolved' ORDER BY event_id"))
        .containsExactly(
            Arrays.asList(
                "pagerduty:incident_resolved:POLD002", "12:30:00", "last_status_change_at"),
            Arrays.asList("pagerduty:log_entry:RLOG2", "10:30:00", null),
            Arrays.asList("pagerduty:log_entry:RLOG3", "10:45:00", "resolve_log_entry"));
    SourceStats stats = summary.sources().get("pagerduty");
    assertThat(List.of(stats.read(), stats.written(), stats.ignored())).containsExactly(5L, 5L, 0L);
  }

  /**
   * PagerDuty REST API v2 single-object GET responses: "Get an incident" ({@code
   * {"incident":{…}}}), "Get an alert" ({@code {"alert":{…}}}), "Get a log entry" ({@code
   * {"log_entry":{…}}}) and the analytics raw data of one incident ({@code {"data":{…}}}, times
   * without a zone, read in the source zone, UTC here).
   */
  @Test
  void pagerDutySingleObjectGetResponsesAreExports() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(scenario("PagerDutySingleObjectGetResponses"));
    assertThat(summary.quarantined()).isZero();
    assertThat(summary.unknown()).isEmpty();
    assertThat(
            lake.rows(
                "SELECT external_id, incident_number, title, severity, status,"
                    + " strftime(resolved_at, '%Y-%m-%dT%H:%M:%S') FROM incidents ORDER BY external_id"))
        .containsExactly(
            List.of(
                "PSNG001", "701", "Payments timeouts", "SEV1", "resolved", "2026-04-06T08:40:00"),
            List.of(
                "PSNG002",
                "702",
                "Queue consumers stalled",
                "SEV3",
                "resolved",
                "2026-04-07T09:50:00"));
    assertThat(
            lake.row(
                "SELECT alert_id, fingerprint, rule, incident_id, strftime(resolved_at, '%H:%M:%S')"
                    + " FROM alerts"))
        .containsExactly(
            "pagerduty:alert:PALT001",
            "payments-p99-latency",
            "PaymentsLatency",
            "pagerduty:incident:PSNG001",
            "08:39:00");
    assertThat(
            lake.row(
                "SELECT event_id, kind, actor, incident_id, strftime(occurred_at, '%H:%M:%S')"
                    + " FROM timeline_events"))
        .containsExactly(
            "pagerduty:log_entry:RSNG001",
            "acknowledged",
            "Ben Ito",
            "pagerduty:incident:PSNG001",
            "08:05:00");
    SourceStats stats = summary.sources().get("pagerduty");
    assertThat(List.of(stats.files(), stats.read(), stats.written())).containsExactly(4L, 4L, 4L);
  }

  /**
   * incident.io API reference, Incidents V2 "Show" ({@code GET /v2/incidents/{id}}; the OpenAPI
   * spec in incident-io/singer-tap client/openapi3.json) returns {@code {"incident":{…}}}.
   */
  @Test
  void incidentIoShowIncidentResponseIsAnExport() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(scenario("IncidentIoV2GetIncidentResponse.json"));
    assertThat(summary.quarantined()).isZero();
    assertThat(
            lake.row(
                "SELECT incident_id, reference, incident_number, severity, original_severity,"
                    + " status, original_status, chat_channel_id,"
                    + " strftime(reported_at, '%H:%M'), strftime(impact_started_at, '%H:%M')"
                    + " FROM incidents"))
        .containsExactly(
            "incidentio:incident:01JQ2V0INCIDENTGET0000000001",
            "INC-77",
            "77",
            "SEV1",
            "Critical",
            "active",
            "Monitoring",
            "C07PAYMENTS",
            "14:00",
            "13:52");
  }

  /**
   * incident.io API reference, Incidents V1 "List" ({@code GET /v1/incidents}): {@code status} is a
   * string (triage, investigating, fixing, monitoring, resolved, closed, declined, …). It is the
   * status, and the original value is kept.
   */
  @Test
  void incidentIoV1StatusStringIsTheStatusAndTheOriginal() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(scenario("IncidentIoV1IncidentsWithStatusStrings.json"));
    assertThat(summary.quarantined()).isZero();
    assertThat(
            lake.rows(
                "SELECT reference, status, original_status FROM incidents ORDER BY reference"))
        .containsExactly(
            List.of("INC-81", "triage", "triage"),
            List.of("INC-82", "active", "fixing"),
            List.of("INC-83", "resolved", "resolved"),
            List.of("INC-84", "closed", "closed"),
            List.of("INC-85", "declined", "declined"),
            List.of("INC-86", "active", "active"),
            List.of("INC-87", "active", "paused"),
            List.of("INC-88", "merged", "merged"));
  }

  /**
   * Opsgenie's Webhook integration (support.atlassian.com/opsgenie, "Webhook integration"): each
   * alert action posts {@code action} and the alert's state. Create and Close carry the alert;
   * AddNote carries {@code alert.note}; Acknowledge, Escalate ({@code escalationName}),
   * AssignOwnership ({@code alert.owner}) and TakeOwnership are actions on the same alert. The
   * priority is P1…P5 (Alert API); a bare 3 is P3. The AddNote payload has no createdAt: its time
   * is the alert's updatedAt (nanoseconds, like the real sample's).
   */
  @Test
  void opsgenieWebhookActionsUpdateOneAlertAndBecomeTimelineEvents() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(scenario("OpsgenieWebhookActionsOnOneAlert"));
    assertThat(summary.quarantined()).isZero();
    assertThat(summary.unknown()).isEmpty();
    assertThat(
            lake.rows(
                "SELECT alert_id, severity, status, strftime(fired_at, '%H:%M:%S'),"
                    + " strftime(resolved_at, '%H:%M:%S') FROM alerts"))
        .containsExactly(
            List.of(
                "opsgenie:alert:7d1b9e0c-3f7a-4c52-9a51-0c8f5e2a1b01",
                "P3",
                "closed",
                "10:00:00",
                "10:15:00"));
    assertThat(
            lake.rows(
                "SELECT kind, actor, strftime(occurred_at, '%H:%M:%S'), text,"
                    + " attributes['escalation'], attributes['role'], attributes['assignee']"
                    + " FROM timeline_events ORDER BY occurred_at"))
        .containsExactly(
            Arrays.asList(
                "acknowledged",
                "ada@example.com",
                "10:03:00",
                "Checkout 5xx above 5%",
                null,
                null,
                null),
            Arrays.asList(
                "note",
                "ada@example.com",
                "10:05:00",
                "Rolled back deploy 2026.04.01-3",
                null,
                null,
                null),
            Arrays.asList(
                "escalated",
                "System",
                "10:07:00",
                "Checkout 5xx above 5%",
                "Checkout escalation",
                null,
                null),
            Arrays.asList(
                "role_assigned",
                "ada@example.com",
                "10:08:00",
                "Checkout 5xx above 5%",
                null,
                "owner",
                "ben@example.com"),
            Arrays.asList(
                "role_assigned",
                "cleo@example.com",
                "10:09:00",
                "Checkout 5xx above 5%",
                null,
                "owner",
                "cleo@example.com"));
    // Close only re-stages the alert's key (a later version, kept by its resolve): a duplicate in
    // the run's accounting; every other payload adds an event.
    SourceStats stats = summary.sources().get("opsgenie");
    assertThat(List.of(stats.files(), stats.read(), stats.written(), stats.duplicates()))
        .containsExactly(7L, 7L, 6L, 1L);
  }

  /**
   * Jira Cloud REST v3 "Search for issues using JQL (enhanced search)" ({@code GET
   * /rest/api/3/search/jql}) pages by {@code nextPageToken} and {@code isLast}, without {@code
   * startAt}/{@code maxResults}. {@code resolutiondate} is the date the issue got its resolution,
   * whichever resolution (here Won't Do and Done). The browse link is {@code
   * https://SITE/browse/KEY}.
   */
  @Test
  void jiraSearchJqlPageIsJiraAndEveryResolutionCompletesAtItsResolutionDate() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(scenario("JiraCloudSearchJqlPageWithWontDo.json"));
    assertThat(summary.quarantined()).isZero();
    assertThat(summary.sources().keySet()).containsExactly("jira");
    assertThat(
            lake.rows(
                "SELECT tracker_key, status, original_status,"
                    + " strftime(completed_at, '%Y-%m-%dT%H:%M:%S'), tracker_url, incident_id"
                    + " FROM action_items ORDER BY tracker_key"))
        .containsExactly(
            List.of(
                "OPS-42",
                "wont_do",
                "Won't Do",
                "2026-04-20T09:00:00",
                "https://example.atlassian.net/browse/OPS-42",
                "jira:ref:77"),
            List.of(
                "OPS-43",
                "done",
                "Done",
                "2026-04-15T12:30:00",
                "https://example.atlassian.net/browse/OPS-43",
                "jira:ref:77"));
  }

  /**
   * The Jira Software (Agile) REST API's "Get issues for sprint" ({@code GET
   * /rest/agile/1.0/sprint/{id}/issue}) gives each issue a {@code self} of {@code
   * /rest/agile/1.0/issue/ID}; the browse link keeps the site's context path.
   */
  @Test
  void jiraAgileSelfBecomesTheBrowseLink() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(scenario("JiraAgileSprintIssuesWithAgileSelf.json"));
    assertThat(summary.quarantined()).isZero();
    assertThat(
            lake.row(
                "SELECT tracker_key, status, completed_at IS NULL, tracker_url, CAST(due_date AS"
                    + " VARCHAR) FROM action_items"))
        .containsExactly(
            "SRE-7", "open", "true", "https://jira.example.com/jira/browse/SRE-7", "2026-04-30");
  }

  /**
   * Mattermost bulk export format (docs.mattermost.com, "Bulk loading data"): {@code user} lines
   * carry {@code username}, {@code first_name}, {@code last_name}, {@code nickname}; posts and
   * replies name their author by username. The author's name is the user's display name: first and
   * last name, else the nickname, else the username.
   */
  @Test
  void mattermostAuthorsCarryTheDisplayNamesOfTheExportsUsers() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary =
        lake.ingest(scenario("MattermostBulkExportAuthorsWithDisplayNames.jsonl"));
    assertThat(summary.quarantined()).isZero();
    assertThat(
            lake.rows("SELECT author_id, author_name, text FROM chat_messages ORDER BY posted_at"))
        .containsExactly(
            List.of("ada", "Ada Okafor", "Rolling back deploy 2026.04.01-3"),
            List.of("bob", "Bobby", "Seeing errors drop"),
            List.of("cy", "cy", "Customer comms sent"));
    assertThat(lake.rows("SELECT person_id, name, email FROM people ORDER BY person_id"))
        .containsExactly(
            List.of("mattermost:user:ada", "Ada Okafor", "ada@example.com"),
            List.of("mattermost:user:bob", "Bobby", "bob@example.com"),
            List.of("mattermost:user:cy", "cy", "cy@example.com"));
  }

  /**
   * Microsoft Graph {@code chatMessage} (v1.0 resource): a channel post has a {@code subject}, kept
   * in front of the body; {@code from.user.displayName} may be null. Graph {@code user} ({@code GET
   * /users}: id, displayName, mail, userPrincipalName) in the export gives the people their display
   * names.
   */
  @Test
  void teamsChannelPostKeepsItsSubjectAndTheExportsUsersAreNamed() {
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary summary = lake.ingest(scenario("TeamsChannelPostWithSubjectAndExportUsers"));
    assertThat(summary.quarantined()).isZero();
    assertThat(summary.unknown()).isEmpty();
    assertThat(
            lake.rows("SELECT author_id, author_name, text FROM chat_messages ORDER BY posted_at"))
        .containsExactly(
            List.of(
                "8ea0e38b-efb3-4757-924a-5f94061cf8c2",
                "Ada Okafor",
                "INC-77 card payments declined\n\nBridge is open, rolling back."),
            // The reply has no subject (null): its text is its body alone. Its author's
            // from.user.displayName is null; the export's users list (users.json, read after
            // messages.json) names him.
            List.of("4b7d9f10-2c3e-4a5b-8c6d-7e8f9a0b1c2d", "Ben Ito", "Errors dropping."));
    assertThat(lake.rows("SELECT person_id, name, email FROM people ORDER BY person_id"))
        .containsExactly(
            List.of(
                "teams:user:4b7d9f10-2c3e-4a5b-8c6d-7e8f9a0b1c2d", "Ben Ito", "ben@example.com"),
            List.of(
                "teams:user:8ea0e38b-efb3-4757-924a-5f94061cf8c2",
                "Ada Okafor",
                "ada@example.com"));
  }

  /**
   * A Teams export in the layout of Zulip's Teams importer fixtures (research/input-formats.md:
   * {@code teams/<teamId>/messages_<teamId>.json}, {@code users/<userId>/messages_<userId>.json}
   * for chats, {@code users/usersList.json}), PascalCase Graph: {@code chatMessage} ({@code
   * From.User.Id}, {@code From.User.DisplayName}, {@code Subject}, {@code ReplyToId}, {@code
   * ChannelIdentity.ChannelId}, {@code ChatId}) and {@code user} ({@code Id}, {@code DisplayName},
   * {@code Mail}, {@code UserPrincipalName}). Every message file sorts before the users list, so
   * the names come from a first pass, not from the order. The users list names an author whose
   * {@code DisplayName} is null (Cara, in the channel and in her chat) and one whose message
   * carries an older name ("Dan R."); an author the list does not hold keeps a null name, and the
   * real export's empty {@code Subject} ("") adds nothing to a reply's text.
   */
  @Test
  void teamsExportNamesEveryAuthorFromItsUsersListWhateverTheFileOrder() throws Exception {
    Path export = scenario("TeamsExportWithUsersListAndAuthorsWithoutDisplayName");
    List<List<String>> messages =
        Arrays.asList(
            Arrays.asList(
                "19:search-incidents@thread.tacv2",
                "a51f2c07-6d3b-4e8a-9f10-2b3c4d5e6f70",
                "Cara Lind",
                "INC-78 search latency\n\nSearch p99 above 2 s since the 09:55 deploy.",
                null),
            Arrays.asList(
                "19:search-incidents@thread.tacv2",
                "d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f71",
                "Dan Reyes",
                "Rolling back.",
                "teams:message:19:search-incidents@thread.tacv2:1775124000000"),
            Arrays.asList(
                "19:search-incidents@thread.tacv2",
                "0f9e8d7c-6b5a-4948-8372-615049382716",
                null,
                "Latency back under 300 ms.",
                "teams:message:19:search-incidents@thread.tacv2:1775124000000"),
            Arrays.asList(
                "19:a51f2c07-6d3b-4e8a-9f10-2b3c4d5e6f70_d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f71"
                    + "@unq.gbl.spaces",
                "a51f2c07-6d3b-4e8a-9f10-2b3c4d5e6f70",
                "Cara Lind",
                "Can you write the timeline?",
                null));
    List<List<String>> people =
        List.of(
            List.of(
                "teams:user:a51f2c07-6d3b-4e8a-9f10-2b3c4d5e6f70",
                "Cara Lind",
                "cara@example.onmicrosoft.com"),
            List.of(
                "teams:user:d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f71",
                "Dan Reyes",
                "dan@example.onmicrosoft.com"));
    String messagesSql =
        "SELECT channel_id, author_id, author_name, text, thread_id FROM chat_messages"
            + " ORDER BY posted_at";
    String peopleSql = "SELECT person_id, name, email FROM people ORDER BY person_id";

    LakeFixture folder = new LakeFixture(directory.resolve("folder"));
    IngestSummary summary = folder.ingest(export);
    assertThat(summary.quarantined()).isZero();
    assertThat(summary.unknown()).isEmpty();
    assertThat(folder.rows(messagesSql)).containsExactlyElementsOf(messages);
    assertThat(folder.rows(peopleSql)).containsExactlyElementsOf(people);
    SourceStats stats = summary.sources().get("teams");
    assertThat(List.of(stats.files(), stats.read(), stats.written(), stats.duplicates()))
        .containsExactly(3L, 6L, 6L, 0L);

    // The same export as a zip: its entries are read the same way.
    Path zip = directory.resolve("teams-export.zip");
    try (java.util.zip.ZipOutputStream out =
            new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(zip));
        java.util.stream.Stream<Path> files = java.nio.file.Files.walk(export)) {
      for (Path file : files.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(
            new java.util.zip.ZipEntry(export.relativize(file).toString().replace('\\', '/')));
        out.write(java.nio.file.Files.readAllBytes(file));
        out.closeEntry();
      }
    }
    LakeFixture zipped = new LakeFixture(directory.resolve("zip"));
    assertThat(zipped.ingest(zip).quarantined()).isZero();
    assertThat(zipped.rows(messagesSql)).containsExactlyElementsOf(messages);
    assertThat(zipped.rows(peopleSql)).containsExactlyElementsOf(people);

    // A message file read without the users list keeps Graph's null name: nothing is guessed.
    LakeFixture alone = new LakeFixture(directory.resolve("alone"));
    alone.ingest(
        export.resolve(
            "users/a51f2c07-6d3b-4e8a-9f10-2b3c4d5e6f70"
                + "/messages_a51f2c07-6d3b-4e8a-9f10-2b3c4d5e6f70.json"));
    assertThat(alone.rows("SELECT author_id, author_name FROM chat_messages"))
        .containsExactly(Arrays.asList("a51f2c07-6d3b-4e8a-9f10-2b3c4d5e6f70", null));
  }

  /**
   * Grafana's legacy alerting webhook (grafana.com/docs/grafana/v7.5/alerting/notifications,
   * "Webhook": dashboardId, evalMatches, orgId, panelId, ruleId, ruleName, ruleUrl, state, tags,
   * title) has no times: recognised, and refused with a quarantine row that names the version,
   * detected or forced with {@code --format grafana} (which used to fail the run with nothing in
   * quarantine).
   */
  @Test
  void grafanaLegacyWebhookIsRefusedWithAQuarantineRowNamingTheVersion() {
    Path file = scenario("GrafanaLegacyAlertingWebhook.json");
    String message =
        "Unsupported Grafana legacy alerting webhook (Grafana before 8, rule 'Checkout error"
            + " rate', state 'alerting'): it carries no alert times; send Grafana 8+ unified"
            + " alerting webhooks";
    LakeFixture lake = new LakeFixture(directory);
    IngestSummary detected = lake.ingest(file);
    assertThat(detected.quarantined()).isEqualTo(1);
    assertThat(lake.rows("SELECT source, position, error_code, message FROM quarantine"))
        .containsExactly(List.of("grafana", "/", "UNSUPPORTED_FORMAT", message));
    IngestSummary forced =
        new IngestJob(
                lake.lake,
                dev.incidents.core.config.Config.defaults(),
                java.util.Optional.of(Format.GRAFANA),
                dev.incidents.ingest.input.ArchiveLimits.DEFAULT)
            .run(List.of(file), bytes -> {});
    assertThat(forced.quarantined()).isEqualTo(1);
    assertThat(lake.count("SELECT count(*) FROM alerts")).isZero();
  }
}
