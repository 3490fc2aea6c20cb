package dev.incidents.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.schema.LakeTables;
import dev.incidents.pull.fake.FakeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JiraPullTest {
  @TempDir Path directory;

  @Test
  void searchJqlIsFollowedToIsLastAndTruncatedChangelogsAreCompleted() throws Exception {
    try (PullFixture fixture = new PullFixture(directory)) {
      Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(20));
      fixture.jira.sampleIssues(130, start, 1);
      fixture.jira.sampleIssues(3, start.plusSeconds(60), 7);
      fixture.jira.pageSize(40);
      fixture.jira.faults(3, 0.2);
      PullSummary summary = fixture.pull(PullSource.JIRA);

      assertThat(summary.failures()).isEmpty();
      assertThat(summary.ingest().orElseThrow().quarantined()).isZero();
      assertThat(fixture.count(LakeTables.ACTION_ITEMS, "jira")).isEqualTo(133);
      assertThat(fixture.jira.requests()).noneMatch(r -> r.startsWith("/rest/api/3/search?"));
      assertThat(fixture.jira.requests())
          .filteredOn(r -> r.startsWith("/rest/api/3/search/jql?"))
          .allMatch(r -> r.contains("fields=") && r.contains("expand=changelog"))
          .allMatch(r -> r.matches(".*updated%20%3E%3D%20\\d{13}%20ORDER.*"));
      assertThat(
              fixture.jira.requests().stream()
                  .filter(r -> r.contains("/changelog?"))
                  .map(r -> r.replaceAll("\\?.*", ""))
                  .distinct())
          .hasSize(3);
      Path run = PullJob.rawRootOf(fixture.lake.root()).resolve("jira").resolve(summary.runId());
      String first = Files.readString(run.resolve("search-0000.json"));
      assertThat(
              FakeServer.MAPPER
                  .readTree(first)
                  .path("issues")
                  .get(0)
                  .path("changelog")
                  .path("histories"))
          .isNotEmpty();
      long complete = 0;
      try (var files = Files.list(run)) {
        for (Path file : files.toList()) {
          for (var issue : FakeServer.MAPPER.readTree(file.toFile()).path("issues")) {
            if (issue.path("changelog").path("histories").size() == 7) {
              complete++;
            }
          }
        }
      }
      assertThat(complete).isEqualTo(3);
    }
  }

  @Test
  void aSecondPullBringsExactlyTheIssueThatWasDone() {
    try (PullFixture fixture = new PullFixture(directory)) {
      fixture.jira.sampleIssues(30, Instant.now().minus(Duration.ofDays(40)), 1);
      fixture.pull(PullSource.JIRA);
      String key = fixture.jira.issues().get(4).path("key").asText();

      fixture.jira.done(key, Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30));
      PullSummary second = fixture.pull(PullSource.JIRA);

      assertThat(second.failures()).isEmpty();
      assertThat(fixture.state(PullSource.JIRA).orElseThrow().records()).isEqualTo(1);
      int status = LakeTables.ACTION_ITEMS.indexOf("status");
      int tracker = LakeTables.ACTION_ITEMS.indexOf("tracker_key");
      assertThat(
              fixture.lake.readAll(LakeTables.ACTION_ITEMS).stream()
                  .filter(row -> "done".equals(row[status]))
                  .map(row -> row[tracker]))
          .containsExactly(key);
    }
  }
}
