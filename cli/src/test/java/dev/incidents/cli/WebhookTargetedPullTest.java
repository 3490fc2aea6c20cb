package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.lake.Lake;
import dev.incidents.pull.fake.FakePagerDuty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: {@code incidents ingest SPOOL_DIR} stores the webhook events, then pulls exactly the
 * incidents they name from the API (the fake PagerDuty on 127.0.0.1), so the incident row and its
 * log entries come from the API; an event that arrives out of order does not regress it. The
 * command is the one of docs/receive.md's targeted-pull block.
 */
class WebhookTargetedPullTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir Path directory;

  /** The {@code ```sh} block of docs/receive.md (the targeted pull). */
  static String documentedCommand() throws Exception {
    Path docs = Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("receive.md");
    String text = Files.readString(docs);
    int start = text.indexOf("```sh\n");
    assertThat(start).as("a ```sh block in docs/receive.md").isNotNegative();
    String block = text.substring(start + 6, text.indexOf("\n```", start + 6));
    List<String> lines = block.lines().filter(l -> l.startsWith("./incidents ")).toList();
    assertThat(lines).hasSize(1);
    return lines.get(0).substring("./incidents ".length());
  }

  /** A PagerDuty Webhooks v3 event as the receiver spools it. */
  static String spoolLine(String eventId, String type, String incident, Instant occurred)
      throws Exception {
    ObjectNode event = MAPPER.createObjectNode();
    ObjectNode inner = event.putObject("event");
    inner.put("id", eventId).put("event_type", type).put("resource_type", "incident");
    inner.put("occurred_at", occurred.toString());
    inner.putObject("agent").put("summary", "Earline Greenholt").put("type", "user_reference");
    inner
        .putObject("data")
        .put("id", incident)
        .put("type", "incident")
        .put("status", type.substring("incident.".length()))
        .put("title", "Webhook title that must not win");
    ObjectNode line = MAPPER.createObjectNode();
    line.put("spool", 1).put("endpoint", "pagerduty");
    line.put("received_at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    line.put("delivery_id", eventId + "-delivery");
    line.put("body", MAPPER.writeValueAsString(event));
    return MAPPER.writeValueAsString(line) + "\n";
  }

  @Test
  void aResolvedEventTriggersAPullOfThatIncidentAndALateEventDoesNotRegressIt() throws Exception {
    String command = documentedCommand();
    Path spool = Files.createDirectories(directory.resolve("data/spool"));
    try (FakePagerDuty pagerDuty = new FakePagerDuty()) {
      Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(60));
      pagerDuty.sampleIncidents(5, start, Duration.ofHours(6), 2);
      String id = pagerDuty.incidents().get(2).path("id").asText();
      Instant resolved = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
      pagerDuty.setStatus(id, "resolved", resolved);
      Files.writeString(
          spool.resolve("segment-1.jsonl"),
          spoolLine("01RESOLVED", "incident.resolved", id, resolved));
      Map<String, String> environment =
          Map.of(
              "INCIDENTS_SOURCES_PAGERDUTY_BASE_URL",
              pagerDuty.baseUrl().toString(),
              "INCIDENTS_SOURCES_PAGERDUTY_TOKEN",
              FakePagerDuty.TOKEN);

      ChildProcess.Result first = run(command, environment);
      assertThat(first.exitCode()).as(first.output()).isZero();
      assertThat(first.output())
          .contains("incidents ingest: targeted pull of 1 incident(s) named by webhook events")
          .doesNotContain(FakePagerDuty.TOKEN);
      assertThat(pagerDuty.requests())
          .contains("/incidents/" + id, "/incidents/" + id + "/notes")
          .anyMatch(r -> r.startsWith("/incidents/" + id + "/log_entries?"))
          .noneMatch(r -> r.startsWith("/incidents?"))
          .allMatch(r -> r.startsWith("/incidents/" + id));
      Lake lake = new Lake(directory.resolve("data/lake"));
      assertIncident(lake, id, "resolved", resolved);
      // the API's log entries (2 + the resolve) and the webhook's event, all on the incident
      assertThat(events(lake, id, "pagerduty:log_entry:")).hasSize(3);
      assertThat(events(lake, id, "pagerduty:webhook_event:")).hasSize(1);

      // re-ingesting the same closed segment pulls nothing again
      pagerDuty.clearRequests();
      ChildProcess.Result again = run(command, environment);
      assertThat(again.exitCode()).as(again.output()).isZero();
      assertThat(pagerDuty.requests()).isEmpty();

      // an acknowledged event delivered late, after the resolve: stored, and the pull it
      // triggers asks the API, which still says resolved
      Files.writeString(
          spool.resolve("segment-2.jsonl"),
          spoolLine("01ACKED", "incident.acknowledged", id, resolved.minusSeconds(600)));
      ChildProcess.Result late = run(command, environment);
      assertThat(late.exitCode()).as(late.output()).isZero();
      assertThat(pagerDuty.requests()).contains("/incidents/" + id);
      assertIncident(lake, id, "resolved", resolved);
      assertThat(events(lake, id, "pagerduty:webhook_event:")).hasSize(2);
    }
  }

  @Test
  void withoutPullConfiguredOneLineSaysTheEventsWereStoredAndNoPullRan() throws Exception {
    Path spool = Files.createDirectories(directory.resolve("data/spool"));
    Files.writeString(
        spool.resolve("segment-1.jsonl"),
        spoolLine("01RESOLVED", "incident.resolved", "Q000003", Instant.now().minusSeconds(60)));
    ChildProcess.Result result = run(documentedCommand(), Map.of());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains(
            "incidents ingest: pagerduty: 1 incident(s) named by webhook events were stored as"
                + " timeline events; no targeted pull ran because sources.pagerduty is not"
                + " configured (set INCIDENTS_SOURCES_PAGERDUTY_TOKEN)");
    Lake lake = new Lake(directory.resolve("data/lake"));
    assertThat(events(lake, "Q000003", "pagerduty:webhook_event:")).hasSize(1);
    assertThat(lake.exists(LakeTables.INCIDENTS)).isFalse();
  }

  static void assertIncident(Lake lake, String id, String status, Instant resolvedAt) {
    int external = LakeTables.INCIDENTS.indexOf("external_id");
    int statusColumn = LakeTables.INCIDENTS.indexOf("status");
    int resolved = LakeTables.INCIDENTS.indexOf("resolved_at");
    int title = LakeTables.INCIDENTS.indexOf("title");
    List<Object[]> rows =
        lake.readAll(LakeTables.INCIDENTS).stream()
            .filter(row -> id.equals(row[external]))
            .toList();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)[statusColumn]).isEqualTo(status);
    assertThat(rows.get(0)[resolved]).isEqualTo(resolvedAt);
    assertThat(rows.get(0)[title]).isEqualTo("Sample incident " + id);
  }

  static List<Object[]> events(Lake lake, String incident, String prefix) {
    int eventId = LakeTables.TIMELINE_EVENTS.indexOf("event_id");
    int incidentId = LakeTables.TIMELINE_EVENTS.indexOf("incident_id");
    return lake.readAll(LakeTables.TIMELINE_EVENTS).stream()
        .filter(row -> ("pagerduty:incident:" + incident).equals(row[incidentId]))
        .filter(row -> ((String) row[eventId]).startsWith(prefix))
        .toList();
  }

  private ChildProcess.Result run(String command, Map<String, String> environment)
      throws Exception {
    return ChildProcess.run(directory, command, environment);
  }
}
