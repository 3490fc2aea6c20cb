package dev.incidents.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.model.PullState;
import dev.incidents.core.schema.LakeTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PagerDutyPullTest {
  @TempDir Path directory;

  static Instant daysAgo(int days) {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(days));
  }

  @Test
  void firstPullFetchesThirteenMonthsInWindowsAndIngestsEveryIncidentLogEntryAndAlert()
      throws Exception {
    try (PullFixture fixture = new PullFixture(directory)) {
      // 250 incidents over ~350 days: two windows of at most 180 days, three pages in some
      fixture.pagerDuty.sampleIncidents(250, daysAgo(360), Duration.ofHours(33), 2);
      PullSummary summary = fixture.pull(PullSource.PAGERDUTY);

      assertThat(summary.failures()).isEmpty();
      assertThat(fixture.count(LakeTables.INCIDENTS, "pagerduty")).isEqualTo(250);
      assertThat(fixture.count(LakeTables.ALERTS, "pagerduty")).isEqualTo(500);
      assertThat(summary.ingest().orElseThrow().quarantined()).isZero();
      // every note reaches the lake as a note event of its incident (incident-<id>-notes.json)
      int eventId = LakeTables.TIMELINE_EVENTS.indexOf("event_id");
      int incidentId = LakeTables.TIMELINE_EVENTS.indexOf("incident_id");
      assertThat(
              fixture.lake.readAll(LakeTables.TIMELINE_EVENTS).stream()
                  .filter(row -> ((String) row[eventId]).startsWith("pagerduty:note:"))
                  .map(row -> row[incidentId]))
          .hasSize(500)
          .allMatch(id -> ((String) id).startsWith("pagerduty:incident:Q"));
      assertThat(summary.ingest().orElseThrow().sources().get("pagerduty").ignored()).isZero();
      PullCounters counters = summary.counters().get(PullSource.PAGERDUTY);
      assertThat(counters.records()).isEqualTo(250 + 500 + 500 + 500);
      PullState state = fixture.state(PullSource.PAGERDUTY).orElseThrow();
      assertThat(state.records()).isEqualTo(250);
      assertThat(state.pendingIds()).isEmpty();
      assertThat(state.lastRunId()).isEqualTo(summary.runId());
      for (String request : fixture.pagerDuty.requests()) {
        if (request.startsWith("/incidents?")) {
          assertThat(request)
              .contains("time_zone=UTC", "limit=100", "total=true", "since=", "until=");
        }
      }
      Path raw =
          PullJob.rawRootOf(fixture.lake.root()).resolve("pagerduty").resolve(summary.runId());
      try (Stream<Path> files = Files.list(raw)) {
        for (Path file : files.toList()) {
          assertThat(Files.readString(file))
              .doesNotContain(dev.incidents.pull.fake.FakePagerDuty.TOKEN);
        }
      }
    }
  }

  @Test
  void aWindowAboveTheOffsetCapIsBisectedInsteadOfTruncated() {
    try (PullFixture fixture = new PullFixture(directory)) {
      fixture.pagerDuty.offsetCap(300);
      fixture.pagerDuty.sampleIncidents(700, daysAgo(30), Duration.ofMinutes(30), 0);
      PullJob job =
          fixture
              .job()
              .withCollector(
                  PullSource.PAGERDUTY,
                  new dev.incidents.pull.pagerduty.PagerDutyCollector(
                      SourceSettings.from(fixture.config(), PullSource.PAGERDUTY),
                      java.util.List.of(),
                      300));
      PullSummary summary =
          job.run(
              java.util.List.of(PullSource.PAGERDUTY),
              new PullOptions(
                  java.util.Optional.empty(), java.util.Optional.empty(), false, false));
      assertThat(summary.failures()).isEmpty();
      assertThat(fixture.count(LakeTables.INCIDENTS, "pagerduty")).isEqualTo(700);
      assertThat(fixture.pagerDuty.requests())
          .noneMatch(r -> r.startsWith("/incidents?") && offsetPlusLimit(r) > 300);
    }
  }

  static int offsetPlusLimit(String request) {
    int offset = Integer.parseInt(request.replaceAll(".*[?&]offset=(\\d+).*", "$1"));
    int limit = Integer.parseInt(request.replaceAll(".*[?&]limit=(\\d+).*", "$1"));
    return offset + limit;
  }

  @Test
  void moreWithAnEmptyPageFailsTheRunAndLeavesWatermarkAndLakeAsTheyWere() {
    try (PullFixture fixture = new PullFixture(directory)) {
      fixture.pagerDuty.sampleIncidents(150, daysAgo(20), Duration.ofHours(2), 1);
      fixture.pull(PullSource.PAGERDUTY);
      PullState before = fixture.state(PullSource.PAGERDUTY).orElseThrow();
      long incidents = fixture.rows(LakeTables.INCIDENTS);

      fixture.pagerDuty.sampleIncidents(
          120, Instant.now().minus(Duration.ofHours(12)), Duration.ofMinutes(5), 1);
      fixture.pagerDuty.emptyPageWithMore(true);
      PullSummary failed = fixture.pull(PullSource.PAGERDUTY);

      assertThat(failed.failures().get(PullSource.PAGERDUTY).code())
          .isEqualTo(PullErrorCode.EMPTY_PAGE_WITH_MORE);
      assertThat(failed.lines()).anyMatch(line -> line.contains("failed, watermark unchanged"));
      assertThat(fixture.state(PullSource.PAGERDUTY).orElseThrow()).isEqualTo(before);
      assertThat(fixture.rows(LakeTables.INCIDENTS)).isEqualTo(incidents);

      fixture.pagerDuty.emptyPageWithMore(false);
      PullSummary resumed = fixture.pull(PullSource.PAGERDUTY);
      assertThat(resumed.failures()).isEmpty();
      assertThat(fixture.count(LakeTables.INCIDENTS, "pagerduty")).isEqualTo(270);
    }
  }

  @Test
  void aSecondPullBringsExactlyTheResolutionAndTheNoteOfAnOldUnresolvedIncident() {
    try (PullFixture fixture = new PullFixture(directory)) {
      fixture.pagerDuty.sampleIncidents(40, daysAgo(90), Duration.ofHours(6), 1);
      String open = fixture.pagerDuty.incidents().get(3).path("id").asText();
      fixture.pagerDuty.setStatus(open, "acknowledged", null);
      fixture.pull(PullSource.PAGERDUTY);
      assertThat(fixture.state(PullSource.PAGERDUTY).orElseThrow().pendingIds())
          .singleElement()
          .asString()
          .startsWith(open + "@");
      long events = fixture.rows(LakeTables.TIMELINE_EVENTS);

      fixture.pagerDuty.clearRequests();
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      fixture.pagerDuty.addNote(open, "Rolled back the deploy", now.minusSeconds(60));
      fixture.pagerDuty.setStatus(open, "resolved", now.minusSeconds(30));
      PullSummary second = fixture.pull(PullSource.PAGERDUTY);

      assertThat(second.failures()).isEmpty();
      // the old incident is older than the lookback, so only the re-fetch by id finds it: GET
      // /incidents/{id}, never a listing window around its creation time
      assertThat(fixture.pagerDuty.requests())
          .contains("/incidents/" + open)
          .anyMatch(r -> r.startsWith("/incidents/" + open + "/log_entries"))
          .filteredOn(r -> r.startsWith("/incidents?"))
          .hasSize(1);
      Path run =
          PullJob.rawRootOf(fixture.lake.root()).resolve("pagerduty").resolve(second.runId());
      assertThat(run.resolve("incident-" + open + ".json")).exists();
      assertThat(run.resolve("incident-" + open + "-notes.json")).exists();
      // the resolve and annotate log entries, and the note itself from /notes
      assertThat(fixture.rows(LakeTables.TIMELINE_EVENTS)).isEqualTo(events + 3);
      assertThat(fixture.state(PullSource.PAGERDUTY).orElseThrow().pendingIds()).isEmpty();
      assertThat(fixture.incidentStatuses(open)).containsExactly("resolved");
    }
  }
}
