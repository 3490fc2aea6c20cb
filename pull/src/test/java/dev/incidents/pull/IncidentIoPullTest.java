package dev.incidents.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.schema.LakeTables;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentIoPullTest {
  @TempDir Path directory;

  static Instant daysAgo(int days) {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(days));
  }

  @Test
  void everyModeIsAskedForSoTestAndTutorialIncidentsArriveAcrossCursorPages() {
    try (PullFixture fixture = new PullFixture(directory)) {
      fixture.incidentIo.sampleIncidents(400, daysAgo(60), "standard");
      fixture.incidentIo.sampleIncidents(30, daysAgo(50), "test");
      fixture.incidentIo.sampleIncidents(5, daysAgo(40), "tutorial");
      PullSummary summary = fixture.pull(PullSource.INCIDENTIO);

      assertThat(summary.failures()).isEmpty();
      assertThat(summary.ingest().orElseThrow().quarantined()).isZero();
      assertThat(fixture.count(LakeTables.INCIDENTS, "incidentio")).isEqualTo(435);
      int mode = LakeTables.INCIDENTS.indexOf("mode");
      assertThat(
              fixture.lake.readAll(LakeTables.INCIDENTS).stream()
                  .filter(r -> "test".equals(r[mode])))
          .hasSize(30);
      assertThat(fixture.count(LakeTables.ACTION_ITEMS, "incidentio")).isEqualTo(435);
      assertThat(fixture.incidentIo.requests())
          .filteredOn(r -> r.startsWith("/v2/incidents?"))
          .hasSize(2)
          .allMatch(
              r -> r.contains("mode%5Bone_of%5D=test") && r.contains("mode%5Bone_of%5D=tutorial"))
          .allMatch(r -> r.contains("page_size=250"));
      assertThat(fixture.incidentIo.requests())
          .filteredOn(r -> r.startsWith("/v2/incident_alerts?"))
          .allMatch(r -> r.contains("page_size=50"));
    }
  }

  @Test
  void alertAttributionsBecomeAlertsLinkedToTheirIncident() {
    try (PullFixture fixture = new PullFixture(directory)) {
      fixture.incidentIo.sampleIncidents(3, daysAgo(20), "standard");
      String incident = fixture.incidentIo.incidents().get(1).path("id").asText();
      for (int i = 0; i < 60; i++) {
        fixture.incidentIo.attributeAlert(incident, "01ALERT" + i, daysAgo(20).plusSeconds(i));
      }
      PullSummary summary = fixture.pull(PullSource.INCIDENTIO);

      assertThat(summary.failures()).isEmpty();
      assertThat(summary.ingest().orElseThrow().quarantined()).isZero();
      assertThat(summary.ingest().orElseThrow().sources().get("incidentio").ignored()).isZero();
      int alert = LakeTables.ALERTS.indexOf("alert_id");
      int linked = LakeTables.ALERTS.indexOf("incident_id");
      int service = LakeTables.ALERTS.indexOf("service");
      // 60 attributions at 50 a page: two pages, both in the run folder, every alert linked
      assertThat(
              fixture.lake.readAll(LakeTables.ALERTS).stream()
                  .filter(row -> ((String) row[alert]).startsWith("incidentio:alert:01ALERT")))
          .hasSize(60)
          .allMatch(row -> ("incidentio:incident:" + incident).equals(row[linked]))
          .allMatch(row -> "api-gateway".equals(row[service]));
      assertThat(
              fixture.incidentIo.requests().stream()
                  .filter(r -> r.startsWith("/v2/incident_alerts?incident_id=" + incident)))
          .hasSize(2);
    }
  }

  @Test
  void anOpenIncidentOlderThanTheLookbackIsFetchedByIdUntilItResolves() {
    try (PullFixture fixture = new PullFixture(directory)) {
      fixture.incidentIo.sampleIncidents(10, daysAgo(40), "standard");
      String open = fixture.incidentIo.incidents().get(2).path("id").asText();
      Instant updated = daysAgo(39);
      fixture.incidentIo.setCategory(open, "live", updated);
      fixture.pull(PullSource.INCIDENTIO);
      assertThat(fixture.state(PullSource.INCIDENTIO).orElseThrow().pendingIds())
          .containsExactly(open);

      // resolved, and the API's updated_at did not move into the incremental window
      fixture.incidentIo.setCategory(open, "closed", updated);
      fixture.incidentIo.clearRequests();
      PullSummary second = fixture.pull(PullSource.INCIDENTIO);

      assertThat(second.failures()).isEmpty();
      assertThat(fixture.incidentIo.requests())
          .contains("/v2/incidents/" + open)
          .anyMatch(r -> r.startsWith("/v2/incident_updates?incident_id=" + open));
      assertThat(fixture.incidentStatuses(open)).containsExactly("closed");
      assertThat(fixture.state(PullSource.INCIDENTIO).orElseThrow().pendingIds()).isEmpty();
    }
  }

  @Test
  void aRepeatingCursorIsAnErrorNeverTheEndOfTheData() {
    try (PullFixture fixture = new PullFixture(directory)) {
      fixture.incidentIo.sampleIncidents(600, daysAgo(60), "standard");
      fixture.incidentIo.repeatCursor(true);
      PullSummary summary = fixture.pull(PullSource.INCIDENTIO);

      assertThat(summary.failures().get(PullSource.INCIDENTIO).code())
          .isEqualTo(PullErrorCode.REPEATED_CURSOR);
      assertThat(fixture.state(PullSource.INCIDENTIO)).isEmpty();
      assertThat(fixture.rows(LakeTables.INCIDENTS)).isZero();
    }
  }

  @Test
  void aSecondPullBringsExactlyTheNewTestIncidentAndTheNewUpdate() {
    try (PullFixture fixture = new PullFixture(directory)) {
      fixture.incidentIo.sampleIncidents(20, daysAgo(30), "standard");
      fixture.pull(PullSource.INCIDENTIO);
      long events = fixture.rows(LakeTables.TIMELINE_EVENTS);
      String old = fixture.incidentIo.incidents().get(0).path("id").asText();

      fixture.incidentIo.clearRequests();
      fixture.incidentIo.addUpdate(old, "Monitoring the fix", Instant.now().minusSeconds(120));
      fixture.incidentIo.sampleIncidents(1, Instant.now().minusSeconds(3 * 3600), "test");
      PullSummary second = fixture.pull(PullSource.INCIDENTIO);

      assertThat(second.failures()).isEmpty();
      assertThat(fixture.count(LakeTables.INCIDENTS, "incidentio")).isEqualTo(21);
      // only the two changed incidents are listed again (updated since the watermark minus a day)
      assertThat(fixture.state(PullSource.INCIDENTIO).orElseThrow().records()).isEqualTo(2);
      assertThat(fixture.rows(LakeTables.TIMELINE_EVENTS)).isGreaterThan(events);
      assertThat(fixture.incidentIo.requests())
          .filteredOn(r -> r.startsWith("/v2/incident_updates?"))
          .hasSize(2);
    }
  }
}
