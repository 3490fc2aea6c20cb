package dev.incidents.pull;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidents.core.schema.LakeTables;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Property: a pull across N pages, with seeded random 429s (seconds and HTTP-dates) and transient
 * 5xx on a third of the requests, yields exactly the records the fakes serve, no more, no fewer.
 */
class SeededFaultsPullTest {
  @TempDir Path directory;

  @ParameterizedTest(name = "seed {0}, {1} PagerDuty pages, {2} incident.io pages")
  @CsvSource({"1, 1, 1", "2, 3, 2", "3, 5, 3", "4, 2, 4", "5, 4, 1"})
  void everyServedRecordArrivesExactlyOnce(long seed, int pagerDutyPages, int incidentIoPages) {
    try (PullFixture fixture = new PullFixture(directory)) {
      Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(100));
      int pagerDutyIncidents = pagerDutyPages * 100 - 37;
      int incidentIoIncidents = incidentIoPages * 250 - 11;
      fixture.pagerDuty.sampleIncidents(pagerDutyIncidents, start, Duration.ofMinutes(20), 0);
      fixture.incidentIo.sampleIncidents(incidentIoIncidents, start, "standard");
      fixture.pagerDuty.faults(seed, 0.33);
      fixture.incidentIo.faults(seed * 31, 0.33);

      PullSummary summary = fixture.pull(PullSource.INCIDENTIO, PullSource.PAGERDUTY);

      assertThat(summary.failures()).isEmpty();
      assertThat(fixture.pagerDuty.faultsServed() + fixture.incidentIo.faultsServed()).isPositive();
      int external = LakeTables.INCIDENTS.indexOf("external_id");
      int source = LakeTables.INCIDENTS.indexOf("source");
      Set<String> pulled =
          fixture.lake.readAll(LakeTables.INCIDENTS).stream()
              .map(row -> row[source] + "/" + row[external])
              .collect(Collectors.toSet());
      Set<String> served =
          fixture.pagerDuty.incidents().stream()
              .map(i -> "pagerduty/" + i.path("id").asText())
              .collect(Collectors.toSet());
      fixture.incidentIo.incidents().stream()
          .map(ObjectNode.class::cast)
          .forEach(i -> served.add("incidentio/" + i.path("id").asText()));
      assertThat(pulled).isEqualTo(served);
      assertThat(fixture.rows(LakeTables.INCIDENTS))
          .isEqualTo(pagerDutyIncidents + incidentIoIncidents);
      PullCounters counters = summary.counters().get(PullSource.PAGERDUTY);
      assertThat(counters.retries()).isEqualTo(fixture.pagerDuty.faultsServed());
    }
  }
}
