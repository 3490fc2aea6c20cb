package dev.incidents.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.schema.LakeTables;
import dev.incidents.pull.opsgenie.OpsgenieCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsgeniePullTest {
  @TempDir Path directory;

  @Test
  void theCreatedAtWindowMovesBeforeTheOffsetCapSoEveryAlertArrivesOnce() {
    try (PullFixture fixture = new PullFixture(directory)) {
      fixture.opsgenie.offsetCap(300);
      Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(10));
      fixture.opsgenie.sampleAlerts(730, start, 60_000);
      fixture.opsgenie.faults(4, 0.2);
      PullJob job =
          fixture
              .job()
              .withCollector(
                  PullSource.OPSGENIE,
                  new OpsgenieCollector(
                      SourceSettings.from(fixture.config(), PullSource.OPSGENIE), 300));
      PullSummary summary =
          job.run(
              List.of(PullSource.OPSGENIE),
              new PullOptions(Optional.empty(), Optional.empty(), false, false));

      assertThat(summary.failures()).isEmpty();
      assertThat(summary.ingest().orElseThrow().quarantined()).isZero();
      assertThat(fixture.count(LakeTables.ALERTS, "opsgenie")).isEqualTo(730);
      assertThat(fixture.state(PullSource.OPSGENIE).orElseThrow().records()).isEqualTo(730);
      assertThat(fixture.opsgenie.requests())
          .filteredOn(r -> r.startsWith("/v2/alerts?"))
          .allMatch(r -> PagerDutyPullTest.offsetPlusLimit(r) <= 300)
          .allMatch(r -> r.contains("sort=createdAt") && r.contains("order=asc"));
      // logs and notes of every alert, once each (a faulted request is retried, so distinct)
      assertThat(
              fixture.opsgenie.requests().stream()
                  .filter(r -> r.contains("/logs?") || r.contains("/notes?"))
                  .map(r -> r.replaceAll("\\?.*", ""))
                  .distinct())
          .hasSize(2 * 730);
      // and every log and note is a note event of its alert, none quarantined or ignored
      int origin = LakeTables.TIMELINE_EVENTS.indexOf("origin_id");
      int event = LakeTables.TIMELINE_EVENTS.indexOf("event_id");
      int kind = LakeTables.TIMELINE_EVENTS.indexOf("kind");
      int text = LakeTables.TIMELINE_EVENTS.indexOf("text");
      assertThat(
              fixture.lake.readAll(LakeTables.TIMELINE_EVENTS).stream()
                  .filter(row -> ((String) row[event]).matches("opsgenie:(log|note):.*")))
          .hasSize(2 * 730)
          .allMatch(row -> ((String) row[origin]).startsWith("opsgenie:alert:0000"))
          .allMatch(row -> "note".equals(row[kind]) && "Alert created".equals(row[text]));
      assertThat(summary.ingest().orElseThrow().sources().get("opsgenie").ignored()).isZero();
    }
  }
}
