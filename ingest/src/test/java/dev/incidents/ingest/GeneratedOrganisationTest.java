package dev.incidents.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.generator.Generator;
import dev.incidents.generator.OrgSize;
import dev.incidents.ingest.json.JsonRecords;
import dev.incidents.lake.CommitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator round trip: a generated organisation is read by the same code paths as the real
 * samples, with zero quarantine, every cross-tool link resolved, and a second ingest changing
 * nothing.
 */
class GeneratedOrganisationTest {
  @TempDir static Path directory;
  static Path exports;
  static LakeFixture lake;
  static IngestSummary first;
  static JsonNode truth;

  @BeforeAll
  static void generateAndIngest() throws Exception {
    exports = directory.resolve("exports");
    Generator.generate(
        new Generator.Options(OrgSize.SMALL, 3, 11, exports, YearMonth.of(2026, 2)), tool -> {});
    lake = new LakeFixture(directory);
    first = lake.ingest(exports);
    truth = JsonRecords.MAPPER.readTree(exports.resolve("truth.json").toFile()).get("incidents");
  }

  @Test
  void everyGeneratedFileIsReadWithoutQuarantine() {
    assertThat(first.quarantined()).isZero();
    assertThat(first.skipped()).containsExactly(exports.resolve("truth.json").toString());
    assertThat(first.sources().keySet())
        .contains(
            "incidentio",
            "pagerduty",
            "alertmanager",
            "slack",
            "jira",
            "postmortems",
            "statuspage");
  }

  @Test
  void incidentsMatchTheTruthAndEveryToolKeepsItsOwnIncidents() {
    assertThat(lake.count("SELECT count(*) FROM incidents WHERE source = 'incidentio'"))
        .isEqualTo(truth.size());
    long paged = 0;
    for (JsonNode incident : truth) {
      if (!incident.get("pagerduty_id").isNull()) {
        paged++;
      }
    }
    // PagerDuty's incidents are PagerDuty's rows: the transform links them (incident_links).
    assertThat(
            lake.count(
                "SELECT count(*) FROM incidents WHERE source = 'pagerduty' AND incident_id LIKE 'pagerduty:incident:%'"))
        .isEqualTo(paged);
    Map<String, List<String>> byReference = new HashMap<>();
    for (List<String> row :
        lake.rows(
            "SELECT reference, strftime(reported_at, '%Y-%m-%dT%H:%M:%S.%gZ'), mode, severity FROM incidents WHERE source = 'incidentio'")) {
      byReference.put(row.get(0), row);
    }
    for (JsonNode incident : truth) {
      List<String> row = byReference.get(incident.get("reference").asText());
      assertThat(row).as(incident.get("reference").asText()).isNotNull();
      assertThat(Instant.parse(row.get(1)))
          .isEqualTo(Instant.parse(incident.get("milestones").get("reported_at").asText()));
      assertThat(row.get(2)).isEqualTo(incident.get("mode").asText());
      assertThat(row.get(3)).isEqualTo(incident.get("severity").asText());
    }
  }

  @Test
  void everySourceCarriesOnlyItsOwnIncidentKeys() {
    long paged = 0;
    for (JsonNode incident : truth) {
      if (!incident.get("pagerduty_id").isNull()) {
        paged++;
      }
    }
    assertThat(
            lake.count(
                "SELECT count(DISTINCT incident_id) FROM pages WHERE incident_id LIKE 'pagerduty:incident:%'"))
        .isEqualTo(paged);
    assertThat(
            lake.count(
                "SELECT count(*) FROM pages WHERE incident_id IS NULL OR incident_id NOT LIKE 'pagerduty:incident:%'"))
        .isZero();
    assertThat(
            lake.count(
                "SELECT count(*) FROM alerts WHERE source = 'pagerduty' AND incident_id NOT LIKE 'pagerduty:incident:%'"))
        .isZero();
    assertThat(
            lake.count(
                "SELECT count(*) FROM chat_messages WHERE incident_id IS DISTINCT FROM 'slack:channel:' || channel_id"))
        .isZero();
    assertThat(
            lake.count(
                "SELECT count(*) FROM action_items WHERE source = 'jira' AND incident_id NOT LIKE 'jira:ref:%'"))
        .isZero();
    assertThat(
            lake.count(
                "SELECT count(*) FROM timeline_events WHERE split_part(incident_id, ':', 1) <> source"))
        .isZero();
    // A follow-up that points to a Jira issue keeps its own row; the transform joins the two.
    assertThat(
            lake.count(
                "SELECT count(*) FROM action_items WHERE source = 'incidentio' AND action_item_id NOT LIKE 'incidentio:follow_up:%'"))
        .isZero();
    assertThat(
            lake.count(
                "SELECT count(*) FROM action_items f JOIN action_items j ON j.source = 'jira' AND j.tracker_key = f.tracker_key WHERE f.source = 'incidentio'"))
        .isPositive();
  }

  @Test
  void pinsAndReactionsOfTheSlackExportAreKept() {
    // The generator pins each incident's root-cause thread and reacts to key messages.
    assertThat(lake.count("SELECT count(*) FROM chat_messages WHERE pinned")).isPositive();
    assertThat(
            lake.count(
                "SELECT count(*) FROM chat_messages WHERE list_contains(reactions, 'pushpin') OR list_contains(reactions, 'eyes')"))
        .isPositive();
    assertThat(lake.count("SELECT count(*) FROM chat_messages WHERE pinned IS NULL")).isZero();
  }

  @Test
  void chatCommandsBecomeTypedEventsAtTheirExactInstant() {
    for (JsonNode incident : truth) {
      if (!incident.get("recorded").get("assembled_at").asBoolean()) {
        continue;
      }
      String assembled = incident.get("milestones").get("assembled_at").asText();
      String reference = incident.get("reference").asText();
      String first =
          lake.value(
              "SELECT strftime(min(e.occurred_at), '%Y-%m-%dT%H:%M:%S.%gZ') FROM timeline_events e"
                  + " JOIN incidents i ON e.incident_id IN (i.incident_id, 'slack:channel:' || i.chat_channel_id)"
                  + " WHERE i.reference = '"
                  + reference
                  + "' AND e.kind = 'role_assigned' AND e.attributes['role'] = 'lead' AND e.attributes['current'] IS NULL");
      assertThat(Instant.parse(first)).as(reference).isEqualTo(Instant.parse(assembled));
    }
  }

  @Test
  void plantedSecretsNeverReachTheLake() {
    assertThat(first.redactions()).isNotEmpty();
    for (String secret :
        List.of(
            "xoxb-2041234567890",
            "ghp_R8x2Kq9LmN4p",
            "AKIAIOSFODNN7EXAMPLE",
            "Hunter2-prod-db",
            "u+Kz7yVq3nWx9TbR1sLm")) {
      assertThat(
              lake.count("SELECT count(*) FROM chat_messages WHERE text LIKE '%" + secret + "%'"))
          .as(secret)
          .isZero();
    }
    assertThat(lake.count("SELECT count(*) FROM chat_messages WHERE text LIKE '%[REDACTED:%'"))
        .isPositive();
  }

  @Test
  void ingestingTheSameExportsAgainChangesNothing() throws Exception {
    Map<String, String> before = tableDigests();
    IngestSummary again = lake.ingest(exports);
    assertThat(again.quarantined()).isZero();
    for (Map.Entry<String, CommitResult> table : again.tables().entrySet()) {
      if (!table.getKey().equals("ingest_runs")) {
        assertThat(table.getValue().committed()).as(table.getKey()).isFalse();
        assertThat(table.getValue().inserted()).as(table.getKey()).isZero();
      }
    }
    Map<String, String> after = tableDigests();
    after.remove("ingest_runs");
    before.remove("ingest_runs");
    assertThat(after).isEqualTo(before);
  }

  private static Map<String, String> tableDigests() {
    Map<String, String> digests = new HashMap<>();
    for (String table :
        List.of(
            "incidents",
            "timeline_events",
            "alerts",
            "pages",
            "chat_messages",
            "action_items",
            "people",
            "quarantine",
            "ingest_runs")) {
      digests.put(
          table,
          lake.value(
              "SELECT count(*) || ':' || coalesce(sum(hash(" + table + ")), 0) FROM " + table));
    }
    return digests;
  }

  @Test
  void theSlackZipAndFolderAreTheSameMessages() throws Exception {
    assertThat(Files.exists(exports.resolve("slack-export.zip"))).isTrue();
    // Every record of the second copy is a duplicate of the first.
    SourceStats slack = first.sources().get("slack");
    assertThat(slack.duplicates()).isEqualTo(slack.written());
    assertThat(slack.read())
        .isEqualTo(slack.written() + slack.duplicates() + slack.quarantined() + slack.ignored());
  }
}
