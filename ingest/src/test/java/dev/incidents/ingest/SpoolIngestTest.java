package dev.incidents.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closed segments of the receiver's spool, read by the existing readers into a real lake. */
class SpoolIngestTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  static String spoolLine(String endpoint, String receivedAt, String deliveryId, String body) {
    ObjectNode line = JSON.createObjectNode();
    line.put("spool", 1);
    line.put("endpoint", endpoint);
    line.put("received_at", receivedAt);
    if (deliveryId != null) {
      line.put("delivery_id", deliveryId);
    }
    line.put("body", body);
    return line.toString() + "\n";
  }

  static String scenario(String name) throws Exception {
    try (InputStream in = SpoolIngestTest.class.getResourceAsStream("/scenarios/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void spoolSegmentsFeedAlertsAndWebhookEventsAndDuplicatesCollapse() throws Exception {
    Path spool = Files.createDirectories(temp.resolve("spool"));
    String alertmanager =
        Files.readString(LakeFixture.samples().resolve("alertmanager/zulip__alert.json"));
    String grafana =
        Files.readString(LakeFixture.samples().resolve("grafana/zulip__alert-9-mixed.json"));
    // The same Alertmanager notification twice (HA peers), in two segments.
    Files.writeString(
        spool.resolve("segment-0000000000.jsonl"),
        spoolLine("alertmanager", "2026-11-20T10:00:00Z", null, alertmanager)
            + spoolLine("grafana", "2026-11-20T10:00:01Z", null, grafana)
            + spoolLine(
                "pagerduty",
                "2026-11-20T10:00:02Z",
                "delivery-1",
                scenario("PagerDutyV3IncidentResolved.json")));
    Files.writeString(
        spool.resolve("segment-0000000001.jsonl"),
        spoolLine("alertmanager", "2026-11-20T10:00:03Z", null, alertmanager)
            + spoolLine(
                "incidentio",
                "2026-11-20T10:00:04Z",
                "msg_2pQ8incidentio",
                scenario("IncidentIoIncidentStatusUpdatedV2.json")));
    // The segment being written and torn bytes are dot files: never read.
    Files.writeString(
        spool.resolve(".open-segment-0000000002.jsonl"),
        spoolLine(
            "alertmanager",
            "2026-11-20T10:00:05Z",
            null,
            alertmanager.replace("a1bc48475b20e73d", "ffffffffffffffff")));
    Files.writeString(spool.resolve(".torn-segment-0000000001-1.jsonl"), "{\"spool\":1,\"endp");
    LakeFixture lake = new LakeFixture(temp);

    IngestSummary first = lake.ingest(spool);
    IngestSummary second = lake.ingest(spool);

    assertThat(first.quarantined()).isZero();
    assertThat(first.skipped()).isEmpty();
    assertThat(first.sources().get("spool").files()).isEqualTo(2);
    assertThat(first.sources().get("spool").read()).isEqualTo(5);
    // 2 distinct Alertmanager firings (delivered twice) and 3 Grafana alerts.
    assertThat(lake.count("SELECT count(*) FROM alerts WHERE source = 'alertmanager'"))
        .isEqualTo(2);
    assertThat(lake.count("SELECT count(*) FROM alerts WHERE source = 'grafana'")).isEqualTo(3);
    assertThat(lake.count("SELECT count(*) FROM alerts WHERE fingerprint = 'ffffffffffffffff'"))
        .isZero();
    assertThat(
            lake.rows(
                "SELECT event_id, incident_id, kind, occurred_at, source FROM timeline_events"
                    + " ORDER BY event_id"))
        .containsExactly(
            List.of(
                "incidentio:webhook_event:msg_2pQ8incidentio",
                "incidentio:incident:01JD7XK3Q2M5V8R9T0W1Y2Z3A4",
                "status_changed",
                "2026-11-20T09:45:12.300Z",
                "incidentio"),
            List.of(
                "pagerduty:webhook_event:01DEN5W3GHPQ8KQSRHAJEH2UYE",
                "pagerduty:incident:Q1PDINC42",
                "resolved",
                "2026-11-20T09:41:07.512Z",
                "pagerduty"));
    assertThat(
            lake.value(
                "SELECT attributes['status'] FROM timeline_events WHERE source = 'incidentio'"))
        .isEqualTo("Closed");
    // Re-ingesting the same segments changes nothing (only the run itself is recorded).
    assertThat(second.tables().get("alerts").committed()).isFalse();
    assertThat(second.tables().get("timeline_events").committed()).isFalse();
    assertThat(second.tables().get("alerts").duplicatesInBatch()).isEqualTo(2);
  }

  @Test
  void spoolLineWithAnUnknownEndpointIsQuarantinedWithItsLine() throws Exception {
    Path spool = Files.createDirectories(temp.resolve("spool"));
    Files.writeString(
        spool.resolve("segment-0000000000.jsonl"),
        spoolLine(
                "alertmanager", "2026-11-20T10:00:00Z", null, "{\"version\":\"4\",\"alerts\":[{}]}")
            + spoolLine("opsgenie", "2026-11-20T10:00:01Z", null, "{}"));
    LakeFixture lake = new LakeFixture(temp);

    IngestSummary summary = lake.ingest(spool);

    assertThat(summary.quarantined()).isEqualTo(2);
    assertThat(lake.rows("SELECT position, error_code, message FROM quarantine ORDER BY position"))
        .containsExactly(
            List.of("line 1/alerts/0", "MISSING_FIELD", "Missing required field labels"),
            List.of("line 2", "UNKNOWN_VALUE", "Invalid spool line: unknown endpoint 'opsgenie'"));
  }
}
