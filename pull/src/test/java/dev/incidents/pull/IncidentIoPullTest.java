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
