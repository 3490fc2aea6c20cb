package dev.incidents.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.schema.LakeTables;
import dev.incidents.pull.fake.FakeStatuspage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatuspagePullTest {
  @TempDir Path directory;

  @Test
  void thePublicFeedGivesFiftyIncidentsAndSaysInOneLineThatOlderHistoryIsUnavailable() {
    try (PullFixture fixture = new PullFixture(directory)) {
      fixture.statuspage.sampleIncidents(
          80, Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(100)));
      PullSummary summary = fixture.pull(PullSource.STATUSPAGE);

      assertThat(summary.failures()).isEmpty();
      assertThat(summary.ingest().orElseThrow().quarantined()).isZero();
      assertThat(fixture.count(LakeTables.INCIDENTS, "statuspage")).isEqualTo(50);
      assertThat(summary.lines())
          .filteredOn(line -> line.contains("is not available"))
          .singleElement()
          .asString()
          .startsWith(
              "  statuspage: the public API returns the 50 most recent incidents; history before ");
      assertThat(fixture.statuspage.requests()).containsExactly("/api/v2/incidents.json");
    }
  }

  @Test
  void withATokenTheManageApiIsPagedToTheEnd() {
    try (PullFixture fixture = new PullFixture(directory)) {
      fixture.environment.put("INCIDENTS_SOURCES_STATUSPAGE_TOKEN", FakeStatuspage.TOKEN);
      fixture.environment.put("INCIDENTS_SOURCES_STATUSPAGE_PAGE", FakeStatuspage.PAGE_ID);
      fixture.statuspage.sampleIncidents(
          230, Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(300)));
      fixture.statuspage.faults(2, 0.3);
      PullSummary summary = fixture.pull(PullSource.STATUSPAGE);

      assertThat(summary.failures()).isEmpty();
      assertThat(fixture.count(LakeTables.INCIDENTS, "statuspage")).isEqualTo(230);
      assertThat(summary.lines()).noneMatch(line -> line.contains("is not available"));
      assertThat(fixture.statuspage.requests().stream().distinct())
          .containsExactly(
              "/v1/pages/kctbh9vrtdwd/incidents?page=1&limit=100",
              "/v1/pages/kctbh9vrtdwd/incidents?page=2&limit=100",
              "/v1/pages/kctbh9vrtdwd/incidents?page=3&limit=100",
              "/v1/pages/kctbh9vrtdwd/incidents?page=4&limit=100");
    }
  }
}
