package dev.incidents.pull;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidents.core.config.Config;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.ingest.IngestJob;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.lake.Lake;
import dev.incidents.pull.fake.FakeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlackPullTest {
  @TempDir Path directory;

  static final Path SAMPLE =
      FakeServer.fixtures().resolve("slack").resolve("export-channel-with-threads");

  static PullOptions january2025() {
    return new PullOptions(
        Optional.of(Instant.parse("2025-01-01T00:00:00Z")),
        Optional.of(Instant.parse("2025-02-01T00:00:00Z")),
        false,
        false);
  }

  @Test
  void theSampleExportPulledThroughShortPagesAndFaultsGivesTheSameMessagesAsIngestingIt() {
    Lake direct = new Lake(directory.resolve("direct"));
    new IngestJob(direct, Config.defaults(), Optional.empty(), ArchiveLimits.DEFAULT)
        .run(List.of(SAMPLE), bytes -> {});
    long expected = direct.readAll(LakeTables.CHAT_MESSAGES).size();
    assertThat(expected).isPositive();

    try (PullFixture fixture = new PullFixture(directory.resolve("pulled"))) {
      fixture.environment.put("INCIDENTS_SOURCES_SLACK_CHANNELS", "B75*");
      fixture.slack.export(SAMPLE);
      fixture.slack.shortPage(3);
      fixture.slack.faults(9, 0.25);
      PullSummary summary = fixture.pull(january2025(), PullSource.SLACK);

      assertThat(summary.failures()).isEmpty();
      assertThat(summary.ingest().orElseThrow().quarantined()).isZero();
      assertThat(fixture.rows(LakeTables.CHAT_MESSAGES)).isEqualTo(expected);
      // one thread fetch per parent with replies (a faulted request is retried, so distinct)
      assertThat(
              fixture.slack.requests().stream()
                  .filter(r -> r.startsWith("/conversations.replies?"))
                  .distinct())
          .hasSize(3);
      assertThat(fixture.slack.requests())
          .filteredOn(r -> r.startsWith("/conversations.history?"))
          .allMatch(r -> r.contains("limit=200") && r.contains("oldest=") && r.contains("latest="));
      Path run = PullJob.rawRootOf(fixture.lake.root()).resolve("slack").resolve(summary.runId());
      assertThat(run.resolve("channels.json")).exists();
      assertThat(run.resolve("users.json")).exists();
      assertThat(run.resolve("B75B4C7").resolve("2025-01-11.json")).exists();
    }
  }

  @Test
  void aReplyOnAnOldThreadArrivesWithTheNextIncrementalPull() throws Exception {
    try (PullFixture fixture = new PullFixture(directory)) {
      fixture.slack.export(SAMPLE);
      ObjectNode channel = fixture.slack.channels().get(0).deepCopy();
      channel.put("id", "C0INC42").put("name", "inc-42-payments");
      Path folder = directory.resolve("export");
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("channels.json"), "[" + channel + "]");
      Files.copy(SAMPLE.resolve("users.json"), folder.resolve("users.json"));
      fixture.slack.close();
      PullFixture fresh = new PullFixture(directory.resolve("second"));
      try (fresh) {
        fresh.slack.export(folder);
        ObjectNode template =
            (ObjectNode)
                FakeServer.read(SAMPLE.resolve("B75B4C7").resolve("2025-01-10.json")).get(0);
        long parentTs = Instant.now().minus(Duration.ofDays(10)).getEpochSecond();
        ObjectNode parent = template.deepCopy();
        parent.put("ts", parentTs + ".000100").put("text", "Payments are failing");
        parent.remove(
            List.of("thread_ts", "reply_count", "replies", "latest_reply", "reply_users"));
        fresh.slack.addMessage("C0INC42", parent);
        ObjectNode reply = template.deepCopy();
        reply.remove(List.of("reply_count", "replies", "latest_reply", "reply_users"));
        reply
            .put("ts", (parentTs + 60) + ".000200")
            .put("thread_ts", parentTs + ".000100")
            .put("text", "Looking");
        fresh.slack.addMessage("C0INC42", reply);
        PullSummary first = fresh.pull(PullSource.SLACK);
        assertThat(first.failures()).isEmpty();
        assertThat(fresh.rows(LakeTables.CHAT_MESSAGES)).isEqualTo(2);

        ObjectNode late = reply.deepCopy();
        long now = Instant.now().truncatedTo(ChronoUnit.SECONDS).getEpochSecond() - 5;
        late.put("ts", now + ".000300").put("text", "Fixed by the rollback");
        fresh.slack.addMessage("C0INC42", late);
        fresh.slack.clearRequests();
        PullSummary second = fresh.pull(PullSource.SLACK);

        assertThat(second.failures()).isEmpty();
        assertThat(fresh.rows(LakeTables.CHAT_MESSAGES)).isEqualTo(3);
        assertThat(fresh.slack.requests())
            .filteredOn(r -> r.startsWith("/conversations.replies?"))
            .singleElement()
            .asString()
            .contains("ts=" + parentTs + ".000100");
      }
    }
  }

  @Test
  void okFalseIsAnErrorInOneLineNamingTheScopeOrTheChannel() {
    try (PullFixture fixture = new PullFixture(directory)) {
      fixture.environment.put("INCIDENTS_SOURCES_SLACK_CHANNELS", "B75*");
      fixture.slack.export(SAMPLE);
      fixture.slack.missingScope(true);
      PullSummary scope = fixture.pull(january2025(), PullSource.SLACK);
      assertThat(scope.failures().get(PullSource.SLACK))
          .hasMessage(
              "slack: conversations.history needs the token scope channels:history (missing_scope)");

      fixture.slack.missingScope(false);
      fixture.slack.notMemberOf("B75B4C7");
      PullSummary member = fixture.pull(january2025(), PullSource.SLACK);
      assertThat(member.failures().get(PullSource.SLACK))
          .hasMessage(
              "slack: the app is not a member of #B75B4C7 (not_in_channel): invite it with /invite,"
                  + " or remove the channel from sources.slack.channels");
      assertThat(fixture.state(PullSource.SLACK)).isEmpty();
      assertThat(fixture.rows(LakeTables.CHAT_MESSAGES)).isZero();
    }
  }
}
